#pragma once
// M-PROXY streaming decoder: accepts any chunking and hands a frame's body out as views into
// the caller's chunks, piece by piece, without copying it. It is strict where proxy-packer
// reads garbage: a bad version byte, a header without a numeric DATALEN or an oversized frame
// end the stream with an error, and the decoder never resynchronises afterwards.

#include <QByteArrayView>
#include <QString>

#include "mproxy/packer.h"

namespace routeless::mproxy {

inline constexpr qint64 kDefaultMaxDataLength = 16 * 1024 * 1024;

// A decoded header. Fields a short header does not have are null QStrings (JS `undefined`);
// present but empty fields are empty, non-null strings.
struct FrameHeader {
  FrameKind kind = FrameKind::Message;
  Tun tun;                // as proxy-packer hands it out: for Connection, tun.service is field 7
  QString serviceField;   // field 4 as written (e.g. "connection" for a Connection frame)
  qint64 dataLength = 0;  // DATALEN; 0 means proxy-packer's `data === undefined`
  int fieldCount = 0;     // number of comma-separated fields in the header
  QString id() const { return addrToId(tun); }
};

// Receives decoded frames. For each frame: frameBegin, then dataPiece zero or more times
// (the pieces add up to dataLength; views are valid only during the call), then frameEnd.
// A sink may call FrameDecoder::fail() to stop, but must never delete the decoder in a call.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual void frameBegin(const FrameHeader &header) = 0;
  virtual void dataPiece(const FrameHeader &header, QByteArrayView piece) = 0;
  virtual void frameEnd(const FrameHeader &header) = 0;
};

// Decodes proxy-packer's header text: UTF-8 with WHATWG replacement of invalid sequences (the
// same U+FFFD count as Node's Buffer#toString), NUL kept.
QString decodeUtf8Lossy(QByteArrayView bytes);

// The streaming decoder (see the top of this file). It never copies a body and never resumes
// after an error.
class FrameDecoder {
 public:
  explicit FrameDecoder(qint64 maxDataLength = kDefaultMaxDataLength) : m_maxData(maxDataLength) {}

  // Feeds one chunk. Returns false once the stream is broken; error() says why, and every
  // later call returns false without calling the sink. A sink may call fail() to stop.
  bool feed(QByteArrayView chunk, FrameSink &sink);

  // End of input: false (and error() set) if the stream stopped inside a frame.
  bool finish();

  // Marks the stream broken (e.g. by a sink that saw a protocol violation).
  void fail(const QString &reason);

  bool failed() const { return m_failed; }
  const QString &error() const { return m_error; }
  quint64 framesDecoded() const { return m_frames; }
  quint64 offset() const { return m_offset; }  // bytes consumed so far
  bool atFrameBoundary() const { return m_state == State::Version; }

 private:
  enum class State : quint8 { Version, HeaderLength, Header, Data };

  // Parses a complete header; false (and the stream failed) when it is not acceptable.
  bool parseHeader(QByteArrayView header);

  qint64 m_maxData;
  State m_state = State::Version;
  int m_headerLength = 0;
  int m_headerFill = 0;
  qint64 m_remaining = 0;
  quint64 m_offset = 0;
  quint64 m_frameStart = 0;
  quint64 m_frames = 0;
  bool m_failed = false;
  QString m_error;
  FrameHeader m_current;
  char m_headerBuf[kMaxHeaderLength];
};

// The body of an `error` frame as proxy-packer's onerror sees it: message and code from a JSON
// object body; for no body, a body that is not JSON, or (deliberately, where proxy-packer
// throws or hands out an Array) JSON that is not an object: message "e:" + JSON of the Buffer
// and code "E_UNKNOWN_ERR". `messageJson`/`codeJson` are JSON texts, empty when the key is absent.
struct ErrorBody {
  QByteArray messageJson;
  QByteArray codeJson;
};
ErrorBody parseErrorBody(QByteArrayView body, bool hasBody);

}  // namespace routeless::mproxy
