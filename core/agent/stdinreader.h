#pragma once
// Cuts the agent's stdin into NoRouter frames without copying them: each read lands in a
// pooled buffer, the whole frames in it are handed out in place (the batch keeps the buffer
// alive for lwIP, which reads packets where they lie), and the bytes of a frame cut by the
// end of a read move to the front of the next buffer. It never touches lwIP or the loop.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/wire/frame.h"

namespace routeless::agent {

// A read buffer: uninitialised memory (reads fill it), shared by the frames that point into it.
struct ReadBuffer {
  explicit ReadBuffer(size_t n) : bytes(new char[n]), length(n) {}
  char *data() { return bytes.get(); }
  const char *data() const { return bytes.get(); }
  size_t size() const { return length; }
  std::unique_ptr<char[]> bytes;
  size_t length;
};

// The frames completed by one read. They point into `chunk` (or into `copies` for the rare
// frame the decoder had to assemble itself), which the batch keeps alive.
struct InputBatch {
  struct Frame {
    uint16_t type;
    const char *data;
    uint32_t size;
    bool inChunk;  // false for a copy
  };
  std::shared_ptr<const ReadBuffer> chunk;
  std::deque<std::string> copies;  // a deque: frames point into its strings
  std::vector<Frame> frames;
  size_t bytes = 0;
};

class FrameReader {
 public:
  // One read of at most `size` bytes: > 0, 0 at the end of the stream, < 0 on error.
  using Read = std::function<long(char *buffer, size_t size, std::string *error)>;

  static constexpr size_t kReadSize = 256 * 1024;
  static constexpr size_t kPoolSize = 4;
  // A read into the rest of the previous buffer must be able to take at least this much.
  static constexpr size_t kMinRead = 16 * 1024;

  // Reads once and fills *batch. False when the stream ended or broke; *end then says how,
  // in NoRouter's words ("failed to call receiver.Recv: EOF"). The frames before a broken
  // one are in *batch either way.
  bool readOnce(const Read &read, InputBatch *batch, std::string *end);

 private:
  std::shared_ptr<ReadBuffer> takeBuffer(size_t size);

  FrameDecoder m_decoder;
  std::vector<std::shared_ptr<ReadBuffer>> m_pool;
  std::shared_ptr<ReadBuffer> m_previous;
  size_t m_carryFrom = 0;
  size_t m_carry = 0;
  size_t m_nextFrame = 0;
};

}  // namespace routeless::agent
