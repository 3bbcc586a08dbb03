#include "agent/wire/frame.h"

#include <cstdio>

namespace routeless::agent {

void writeFrameHeader(char *h, uint16_t type, uint32_t payloadSize) {
  const uint32_t len = payloadSize + 4;
  h[0] = char(kFrameMagic);
  h[1] = char((len >> 16) & 0xFF);
  h[2] = char((len >> 8) & 0xFF);
  h[3] = char(len & 0xFF);
  h[4] = char(type >> 8);
  h[5] = char(type & 0xFF);
  h[6] = 0;
  h[7] = 0;
}

void appendFrame(std::string &out, FrameType type, std::string_view payload) {
  char header[kFrameHeaderSize];
  writeFrameHeader(header, uint16_t(type), uint32_t(payload.size()));
  out.append(header, kFrameHeaderSize);
  out.append(payload);
}

std::string encodeFrame(FrameType type, std::string_view payload) {
  std::string out;
  out.reserve(kFrameHeaderSize + payload.size());
  appendFrame(out, type, payload);
  return out;
}

namespace {

std::string format(const char *fmt, unsigned long long a, unsigned long long b = 0,
                   unsigned long long c = 0, unsigned long long d = 0) {
  char text[200];
  snprintf(text, sizeof text, fmt, a, b, c, d);
  return text;
}

}  // namespace

int64_t FrameDecoder::headerAt(const char *p, size_t available) {
  if (available < 1) return 0;
  const auto *h = reinterpret_cast<const unsigned char *>(p);
  // The magic is checked as soon as its byte arrives, so that a stream that is not NoRouter
  // framing at all is reported as such even when it ends after a byte or two.
  if (h[0] != kFrameMagic) {
    m_error =
        format("bad frame magic 0x%02llx at stream offset %llu (expected 0x42)", h[0], m_offset);
    return -1;
  }
  if (available < 4) return 0;
  const uint32_t len = (uint32_t(h[1]) << 16) | (uint32_t(h[2]) << 8) | uint32_t(h[3]);
  if (len < 4) {
    m_error = format(
        "frame length %llu at stream offset %llu is shorter than the 4-byte type/reserved "
        "header",
        len, m_offset);
    return -1;
  }
  if (available < kFrameHeaderSize) return 0;
  const uint16_t type = uint16_t((h[4] << 8) | h[5]);
  const uint32_t payload = len - 4;
  if (type == uint16_t(FrameType::L3) && (payload < kMinIpv4Packet || payload > kMaxIpv4Packet)) {
    m_error = format(
        "L3 frame at stream offset %llu carries %llu bytes; an IPv4 packet has %llu "
        "to %llu",
        m_offset, payload, kMinIpv4Packet, kMaxIpv4Packet);
    return -1;
  }
  return int64_t(len) + 4;
}

bool FrameDecoder::finish() {
  if (failed()) return false;
  if (!m_buffer.empty()) {
    m_error = format(
        "stream ended inside a frame: %llu bytes of an incomplete frame at stream offset %llu",
        m_buffer.size(), m_offset);
    return false;
  }
  return true;
}

}  // namespace routeless::agent
