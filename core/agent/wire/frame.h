#pragma once
// NoRouter's stdio frame format: magic 0x42, 24-bit big-endian length of everything after
// the first four bytes, 16-bit type, 16-bit reserved, payload. Encoder and streaming decoder.
// The decoder never resynchronises: after a fatal error the stream is dead, as in NoRouter.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace routeless::agent {

enum class FrameType : uint16_t { L3 = 1, Json = 2 };

inline constexpr uint8_t kFrameMagic = 0x42;
inline constexpr size_t kFrameHeaderSize = 8;          // magic+len, type, reserved
inline constexpr uint32_t kMaxFrameLength = 0xFFFFFF;  // the 24-bit length field
inline constexpr size_t kMinIpv4Packet = 20;
inline constexpr size_t kMaxIpv4Packet = 65535;

// Writes the 8-byte header for a payload of `payloadSize` bytes into `header`.
void writeFrameHeader(char *header, uint16_t type, uint32_t payloadSize);
// Appends one whole frame to `out`.
void appendFrame(std::string &out, FrameType type, std::string_view payload);
std::string encodeFrame(FrameType type, std::string_view payload);

// Streaming decoder: accepts any chunking. Frames are handed to the sink as views that stay
// valid only during the call. Unknown types are handed out too (the caller skips them). It
// never allocates more than one frame (at most 16 MiB, the format's own limit).
class FrameDecoder {
 public:
  struct Frame {
    uint16_t type;
    std::string_view payload;
  };

  // Feeds a chunk; calls sink(const Frame&) for each complete frame. Returns false when the
  // stream is broken (bad magic, a length below the header, an L3 packet out of range);
  // error() then says why and every later feed() returns false.
  template <typename Sink>
  bool feed(std::string_view chunk, Sink &&sink);

  // Call at end of stream: false if a partial frame is left (a truncated frame).
  bool finish();

  bool failed() const { return !m_error.empty(); }
  const std::string &error() const { return m_error; }
  size_t buffered() const { return m_buffer.size(); }
  uint64_t framesDecoded() const { return m_frames; }

 private:
  // Checks the header at `p`: the whole frame size (>= 8) once the 8 header bytes are there,
  // 0 while they are not, -1 (and error() set) when the header is invalid.
  int64_t headerAt(const char *p, size_t available);

  std::string m_buffer;
  std::string m_error;
  uint64_t m_frames = 0;
  uint64_t m_offset = 0;  // stream offset of m_buffer[0], for error messages
};

template <typename Sink>
bool FrameDecoder::feed(std::string_view chunk, Sink &&sink) {
  if (failed()) return false;
  const char *data = chunk.data();
  size_t size = chunk.size();
  auto emitFrame = [&](const char *p, int64_t total) {
    const auto *h = reinterpret_cast<const unsigned char *>(p);
    ++m_frames;
    sink(Frame{uint16_t((h[4] << 8) | h[5]),
               std::string_view(p + kFrameHeaderSize, size_t(total) - kFrameHeaderSize)});
    m_offset += uint64_t(total);
  };

  // First complete a frame left over from earlier chunks. The header is re-checked after
  // every append, so a broken header fails at the same byte however the stream is chunked.
  while (!m_buffer.empty()) {
    const int64_t total = headerAt(m_buffer.data(), m_buffer.size());
    if (total < 0) return false;
    if (total > 0 && m_buffer.size() == size_t(total)) {  // complete (an empty payload ends here)
      emitFrame(m_buffer.data(), total);
      m_buffer.clear();
      break;
    }
    if (size == 0) return true;  // chunk used up
    const size_t want = (total == 0 ? kFrameHeaderSize : size_t(total)) - m_buffer.size();
    const size_t n = want < size ? want : size;
    m_buffer.append(data, n);
    data += n;
    size -= n;
  }
  // Then decode whole frames straight from the chunk, without copying them.
  while (size > 0) {
    const int64_t total = headerAt(data, size);
    if (total < 0) return false;
    if (total == 0 || size_t(total) > size) break;
    emitFrame(data, total);
    data += total;
    size -= size_t(total);
  }
  m_buffer.append(data, size);
  return true;
}

}  // namespace routeless::agent
