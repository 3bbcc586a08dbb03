#pragma once
// WebSocket (RFC 6455) framing for the WebSocket pool: an incremental frame decoder that streams
// binary payload out as it arrives (no message size limit, constant memory) and the frame writer.
// It must never accept a text frame, a fragmented or oversized control frame, reserved bits, or
// a mask that the role forbids; it never allocates per data byte.
#include <QByteArray>
#include <QString>
#include <functional>

namespace routeless::nodepass {

enum WsOpcode : int {
  kWsContinuation = 0x0,
  kWsText = 0x1,
  kWsBinary = 0x2,
  kWsClose = 0x8,
  kWsPing = 0x9,
  kWsPong = 0xA,
};

class WsFrameDecoder final {
 public:
  struct Handler {
    // Unmasked payload bytes of binary messages, in order (boundaries are not kept).
    std::function<void(const char *data, qint64 len)> data;
    // A complete control frame (close, ping, pong) with its payload (<= 125 bytes).
    std::function<void(int opcode, const QByteArray &payload)> control;
  };
  // `fromClient`: frames must be masked (server side); otherwise they must not be.
  explicit WsFrameDecoder(bool fromClient) : fromClient_(fromClient) {}

  // Consumes all of `data`. False on a protocol violation (error() says which); the decoder then
  // refuses everything.
  bool feed(const char *data, qint64 len, const Handler &handler);
  QString error() const { return error_; }
  // Inside a message whose final frame has not arrived.
  bool inMessage() const { return inMessage_; }

 private:
  bool fail(const QString &why);
  bool parseHeader();

  bool fromClient_;
  bool failed_ = false;
  bool inMessage_ = false;
  unsigned char head_[14];
  int headHave_ = 0;
  int headNeed_ = 2;
  bool inPayload_ = false;
  int opcode_ = 0;
  bool fin_ = false;
  bool masked_ = false;
  unsigned char mask_[4] = {0, 0, 0, 0};
  quint64 remaining_ = 0;
  quint64 maskPos_ = 0;
  QByteArray control_;
  char scratch_[16384];
  QString error_;
};

// Appends one frame (FIN set) to `out`; with `mask` (4 bytes, client side) the payload is masked.
void appendWsFrame(QByteArray &out, int opcode, const char *payload, qint64 len,
                   const unsigned char *mask);

// dst[i] = src[i] ^ mask[(phase + i) % 4] for len bytes, eight at a time (dst may be src).
void wsMaskCopy(char *dst, const char *src, qint64 len, const unsigned char *mask, quint64 phase);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key.
QByteArray wsAcceptKey(const QByteArray &key);

}  // namespace routeless::nodepass
