#include "stdio/framecodec.h"

namespace routeless::stdio {

void writeFrameHeader(char *h, quint16 type, quint32 payloadSize) {
  const quint32 len = payloadSize + 4;
  h[0] = char(kFrameMagic);
  h[1] = char((len >> 16) & 0xFF);
  h[2] = char((len >> 8) & 0xFF);
  h[3] = char(len & 0xFF);
  h[4] = char(type >> 8);
  h[5] = char(type & 0xFF);
  h[6] = 0;
  h[7] = 0;
}

void appendFrame(QByteArray &out, FrameType type, QByteArrayView payload) {
  char header[kFrameHeaderSize];
  writeFrameHeader(header, quint16(type), quint32(payload.size()));
  out.append(header, kFrameHeaderSize);
  out.append(payload.data(), payload.size());
}

QByteArray encodeFrame(FrameType type, QByteArrayView payload) {
  QByteArray out;
  out.reserve(kFrameHeaderSize + payload.size());
  appendFrame(out, type, payload);
  return out;
}

qint64 FrameDecoder::headerAt(const char *p, qsizetype available) {
  if (available < 1) return 0;
  const auto *h = reinterpret_cast<const uchar *>(p);
  // The magic is checked as soon as its byte arrives, so that a stream that is not NoRouter
  // framing at all is reported as such even when it ends after a byte or two.
  if (h[0] != kFrameMagic) {
    m_error = QStringLiteral("bad frame magic 0x%1 at stream offset %2 (expected 0x42)")
                  .arg(uint(h[0]), 2, 16, QLatin1Char('0'))
                  .arg(m_offset);
    return -1;
  }
  if (available < 4) return 0;
  const quint32 len = (quint32(h[1]) << 16) | (quint32(h[2]) << 8) | quint32(h[3]);
  if (len < 4) {
    m_error = QStringLiteral(
                  "frame length %1 at stream offset %2 is shorter than the 4-byte "
                  "type/reserved header")
                  .arg(len)
                  .arg(m_offset);
    return -1;
  }
  if (available < kFrameHeaderSize) return 0;
  const quint16 type = quint16((h[4] << 8) | h[5]);
  const quint32 payload = len - 4;
  if (type == quint16(FrameType::L3) &&
      (payload < quint32(kMinIpv4Packet) || payload > quint32(kMaxIpv4Packet))) {
    m_error = QStringLiteral(
                  "L3 frame at stream offset %1 carries %2 bytes; an IPv4 packet "
                  "has %3 to %4")
                  .arg(m_offset)
                  .arg(payload)
                  .arg(kMinIpv4Packet)
                  .arg(kMaxIpv4Packet);
    return -1;
  }
  return qint64(len) + 4;
}

bool FrameDecoder::finish() {
  if (failed()) return false;
  if (!m_buffer.isEmpty()) {
    m_error = QStringLiteral(
                  "stream ended inside a frame: %1 bytes of an incomplete frame at "
                  "stream offset %2")
                  .arg(m_buffer.size())
                  .arg(m_offset);
    return false;
  }
  return true;
}

}  // namespace routeless::stdio
