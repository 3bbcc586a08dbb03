#pragma once
// NoRouter's stdio frame format: magic 0x42, 24-bit big-endian length of everything after
// the first four bytes, 16-bit type, 16-bit reserved, payload. Encoder and streaming decoder.
// The decoder never resynchronises: after a fatal error the stream is dead, as in NoRouter.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <cstdint>

namespace routeless::stdio {

enum class FrameType : quint16 { L3 = 1, Json = 2 };

inline constexpr quint8 kFrameMagic = 0x42;
inline constexpr int kFrameHeaderSize = 8;            // magic+len, type, reserved
inline constexpr quint32 kMaxFrameLength = 0xFFFFFF;  // the 24-bit length field
inline constexpr int kMinIpv4Packet = 20;
inline constexpr int kMaxIpv4Packet = 65535;

// Appends one whole frame to `out` (one allocation-free append when `out` has capacity).
void appendFrame(QByteArray &out, FrameType type, QByteArrayView payload);
QByteArray encodeFrame(FrameType type, QByteArrayView payload);

// Writes the 8-byte header for a payload of `payloadSize` bytes into `header`.
void writeFrameHeader(char *header, quint16 type, quint32 payloadSize);

// Streaming decoder: accepts any chunking. Frames are handed to the sink as views that stay
// valid only during the call. Unknown types are handed out too (the caller skips them).
class FrameDecoder {
 public:
  struct Frame {
    quint16 type;
    QByteArrayView payload;
  };

  // Feeds a chunk; calls sink(const Frame&) for each complete frame. Returns false when the
  // stream is broken (bad magic, a length below the header, an L3 packet out of range);
  // error() then says why and every later feed() returns false.
  template <typename Sink>
  bool feed(QByteArrayView chunk, Sink &&sink);

  // Call at end of stream: false if a partial frame is left (a truncated frame).
  bool finish();

  bool failed() const { return !m_error.isEmpty(); }
  const QString &error() const { return m_error; }
  qsizetype buffered() const { return m_buffer.size(); }
  quint64 framesDecoded() const { return m_frames; }

 private:
  // Checks the header at `p`: the whole frame size (>= 8) once the 8 header bytes are there,
  // 0 while they are not, -1 (and error() set) when the header is invalid.
  qint64 headerAt(const char *p, qsizetype available);

  QByteArray m_buffer;
  QString m_error;
  quint64 m_frames = 0;
  quint64 m_offset = 0;  // stream offset of m_buffer[0], for error messages
};

template <typename Sink>
bool FrameDecoder::feed(QByteArrayView chunk, Sink &&sink) {
  if (failed()) return false;
  const char *data = chunk.data();
  qsizetype size = chunk.size();
  auto emitFrame = [&](const char *p, qint64 total) {
    const auto *h = reinterpret_cast<const uchar *>(p);
    ++m_frames;
    sink(Frame{quint16((h[4] << 8) | h[5]),
               QByteArrayView(p + kFrameHeaderSize, total - kFrameHeaderSize)});
    m_offset += quint64(total);
  };

  // First complete a frame left over from earlier chunks. The header is re-checked after
  // every append, so a broken header fails at the same byte however the stream is chunked.
  while (!m_buffer.isEmpty()) {
    const qint64 total = headerAt(m_buffer.constData(), m_buffer.size());
    if (total < 0) return false;
    if (total > 0 && m_buffer.size() == total) {  // complete (an empty payload ends here)
      emitFrame(m_buffer.constData(), total);
      m_buffer.clear();
      break;
    }
    if (size == 0) return true;  // chunk used up
    const qsizetype want = (total == 0 ? kFrameHeaderSize : total) - m_buffer.size();
    const qsizetype n = qMin<qsizetype>(want, size);
    m_buffer.append(data, n);
    data += n;
    size -= n;
  }
  // Then decode whole frames straight from the chunk, without copying them.
  while (size > 0) {
    const qint64 total = headerAt(data, size);
    if (total < 0) return false;
    if (total == 0 || total > size) break;
    emitFrame(data, total);
    data += total;
    size -= total;
  }
  m_buffer.append(data, size);
  return true;
}

}  // namespace routeless::stdio
