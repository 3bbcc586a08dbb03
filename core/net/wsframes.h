#pragma once
// The server side of WebSocket framing (RFC 6455 §5): WsFrameDecoder turns a client's bytes into
// whole messages, and the free functions write the server's frames and the handshake's accept
// key. The decoder enforces what Qt 6.4's QWebSocket does not (client frames must be masked)
// and checks every limit when a frame header arrives, so it never buffers more than one
// message of at most `maxMessageBytes`, however large a frame or message the peer announces.

#include <QByteArray>
#include <QList>

namespace routeless::net {

// Close codes (RFC 6455 §7.4.1) the server sends.
namespace wsclose {
inline constexpr quint16 kNormal = 1000;
inline constexpr quint16 kGoingAway = 1001;
inline constexpr quint16 kProtocolError = 1002;
inline constexpr quint16 kNoStatus = 1005;  // reported for a Close frame without a body
inline constexpr quint16 kInvalidPayload = 1007;
inline constexpr quint16 kPolicyViolation = 1008;
inline constexpr quint16 kTooBig = 1009;
inline constexpr quint16 kTryAgainLater = 1013;
}  // namespace wsclose

enum class WsOpcode : quint8 {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xa
};

struct WsMessage {
  WsOpcode opcode = WsOpcode::Text;  // Text, Binary, Close, Ping or Pong
  QByteArray payload;                // Text: valid UTF-8; Close: the reason (UTF-8)
  quint16 closeCode = 0;             // Close only
};

class WsFrameDecoder {
 public:
  explicit WsFrameDecoder(qint64 maxMessageBytes) : m_maxMessage(maxMessageBytes) {}

  // Decodes the frames `data` completes and appends their messages to *out (a fragmented
  // message once, when its last frame is in). Returns false once the client broke the protocol
  // or a limit: errorCode()/errorReason() say what to close with. After an error or a Close
  // message it takes nothing more.
  bool feed(QByteArrayView data, QList<WsMessage> *out);
  bool failed() const { return m_errorCode != 0; }
  bool closed() const { return m_closed; }
  quint16 errorCode() const { return m_errorCode; }
  const QByteArray &errorReason() const { return m_errorReason; }
  qint64 maxMessageBytes() const { return m_maxMessage; }

 private:
  bool fail(quint16 code, const QByteArray &why);
  bool headerComplete();
  bool frameComplete(QList<WsMessage> *out);

  qint64 m_maxMessage;
  // The frame being read.
  uchar m_header[14] = {};
  int m_headerLen = 0;
  bool m_inPayload = false;
  bool m_fin = false;
  WsOpcode m_opcode = WsOpcode::Text;
  quint64 m_remaining = 0;
  uchar m_mask[4] = {};
  quint64 m_maskAt = 0;
  QByteArray m_control;  // a control frame's payload (at most 125 bytes)
  // The data message being assembled from its frames.
  bool m_inMessage = false;
  WsOpcode m_messageOpcode = WsOpcode::Text;
  QByteArray m_message;
  bool m_closed = false;
  quint16 m_errorCode = 0;
  QByteArray m_errorReason;
};

// One unfragmented, unmasked frame as a server sends it.
QByteArray wsServerFrame(WsOpcode opcode, QByteArrayView payload);
// A Close frame with `code` and `reason` (cut to the 123 bytes a control frame allows, at a
// UTF-8 character boundary).
QByteArray wsCloseFrame(quint16 code, QByteArrayView reason);
// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455 §4.2.2).
QByteArray wsAcceptKey(QByteArrayView secWebSocketKey);
// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(QByteArrayView bytes);

}  // namespace routeless::net
