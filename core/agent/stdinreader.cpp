#include "agent/stdinreader.h"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace routeless::agent {
namespace {

// Length of the whole frames at the start of `p` (n bytes). A frame cut by the end of the
// read is left for the next read; a header that is already known to be bad (the same checks,
// at the same byte, as FrameDecoder's) makes it return n, so that the decoder reports it now
// rather than after more input. *next is the size of the cut frame when its header is
// complete, else 0.
size_t wholeFrames(const char *p, size_t n, size_t *next) {
  size_t pos = 0;
  *next = 0;
  while (pos < n) {
    const auto *h = reinterpret_cast<const unsigned char *>(p + pos);
    const size_t available = n - pos;
    if (h[0] != kFrameMagic) return n;
    if (available < 4) break;
    const size_t len = (size_t(h[1]) << 16) | (size_t(h[2]) << 8) | h[3];
    if (len < 4) return n;
    if (available < kFrameHeaderSize) break;
    const uint16_t type = uint16_t((h[4] << 8) | h[5]);
    if (type == uint16_t(FrameType::L3) && (len - 4 < kMinIpv4Packet || len - 4 > kMaxIpv4Packet))
      return n;
    if (available < len + 4) {
      *next = len + 4;
      break;
    }
    pos += len + 4;
  }
  return pos;
}

}  // namespace

std::shared_ptr<ReadBuffer> FrameReader::takeBuffer(size_t size) {
  // Reuse a buffer once every packet that pointed into it has been released.
  if (size <= kReadSize) {
    for (auto &b : m_pool)
      if (b.use_count() == 1) {
        // The last packet may have been released on another thread (Windows): see its writes
        // to the buffer's reference count before writing into the buffer again.
        std::atomic_thread_fence(std::memory_order_acquire);
        return b;
      }
  }
  auto b = std::make_shared<ReadBuffer>(std::max(size, kReadSize));
  if (size <= kReadSize && m_pool.size() < kPoolSize) m_pool.push_back(b);
  return b;
}

bool FrameReader::readOnce(const Read &read, InputBatch *batch, std::string *end) {
  // Read on into the previous buffer while it has room for the cut frame and a useful read
  // (the bytes already there stay put); otherwise move the cut frame to a fresh buffer. So a
  // frame that arrives in many small reads is never copied more than once.
  std::shared_ptr<ReadBuffer> buffer;
  size_t base = 0;  // where this read's frames start in `buffer`
  const size_t needed = std::max(m_carry, m_nextFrame);
  if (m_previous && m_previous->size() - m_carryFrom >= needed &&
      m_previous->size() - m_carryFrom - m_carry >= kMinRead) {
    buffer = std::move(m_previous);
    base = m_carryFrom;
  } else {
    buffer = takeBuffer(needed + kReadSize / 4);
    if (m_carry) memcpy(buffer->data(), m_previous->data() + m_carryFrom, m_carry);
    m_previous.reset();
  }
  char *begin = buffer->data() + base;
  std::string why;
  const long n = read(begin + m_carry, buffer->size() - base - m_carry, &why);
  if (n < 0) {
    *end = "failed to call receiver.Recv: " + why;
    return false;
  }
  if (n == 0) {
    *end = m_carry == 0 ? "failed to call receiver.Recv: EOF"
                        : "failed to call receiver.Recv: unexpected EOF (" +
                              std::to_string(m_carry) + " bytes of an incomplete frame)";
    return false;
  }
  const size_t total = m_carry + size_t(n);
  const size_t whole = wholeFrames(begin, total, &m_nextFrame);
  batch->chunk = buffer;
  batch->bytes = whole;
  const char *limit = begin + whole;
  const bool ok = m_decoder.feed(std::string_view(begin, whole), [&](const FrameDecoder::Frame &f) {
    const char *p = f.payload.data();
    if (p >= begin && p + f.payload.size() <= limit) {
      batch->frames.push_back({f.type, p, uint32_t(f.payload.size()), true});
    } else {
      // Only reachable if the decoder buffered a frame itself: copy it.
      batch->copies.emplace_back(f.payload);
      const std::string &c = batch->copies.back();
      batch->frames.push_back({f.type, c.data(), uint32_t(c.size()), false});
    }
  });
  if (!ok) {
    *end = "failed to call receiver.Recv: " + m_decoder.error();
    return false;
  }
  m_carryFrom = base + whole;
  m_carry = total - whole;
  m_previous = std::move(buffer);
  return true;
}

}  // namespace routeless::agent
