#include "udpbatch.h"

#include <cstring>
#include <memory>

#include "udpbatch_sys.h"

namespace routeless::net {
namespace {

constexpr int kMessagesPerSend = 64;
// A GSO message must fit one IP packet of 64 KiB with its headers.
constexpr size_t kMaxGsoBytes = 65000;

}  // namespace

UdpSender::UdpSender(int fd, size_t capacity)
    : fd_(fd), maxSegments_(udpsys::gsoSegments(fd)), gso_(maxSegments_ > 1), buf_(capacity) {}

uint8_t *UdpSender::reserve(size_t maxLen) {
  if (!hasQueued()) {
    used_ = 0;
    lengths_.clear();
    first_ = 0;
    firstOffset_ = 0;
    if (maxLen > buf_.size()) buf_.resize(maxLen);
  } else if (used_ + maxLen > buf_.size() && firstOffset_ > 0) {
    // What the socket took is gone: move the rest to the front to make room.
    memmove(buf_.data(), buf_.data() + firstOffset_, used_ - firstOffset_);
    used_ -= firstOffset_;
    firstOffset_ = 0;
    lengths_.erase(lengths_.begin(), lengths_.begin() + ptrdiff_t(first_));
    first_ = 0;
  }
  if (used_ + maxLen > buf_.size()) return nullptr;
  return buf_.data() + used_;
}

void UdpSender::commit(size_t len) {
  lengths_.push_back(uint32_t(len));
  used_ += len;
}

bool UdpSender::append(const uint8_t *data, size_t len) {
  uint8_t *dest = reserve(len);
  if (!dest) return false;
  memcpy(dest, data, len);
  commit(len);
  return true;
}

void UdpSender::dropSent() {
  if (hasQueued()) return;
  used_ = 0;
  lengths_.clear();
  first_ = 0;
  firstOffset_ = 0;
}

UdpSender::Result UdpSender::send(const void *to, unsigned toLen) {
  bool dropped = false;
  while (hasQueued()) {
    udpsys::OutMessage msgs[kMessagesPerSend];
    size_t counts[kMessagesPerSend];
    int n = 0;
    size_t i = first_;
    size_t offset = firstOffset_;
    while (i < lengths_.size() && n < kMessagesPerSend) {
      // A GSO run: datagrams of one size, the last one possibly shorter (the kernel's rule).
      const size_t segment = lengths_[i];
      size_t total = segment;
      size_t count = 1;
      ++i;
      if (gso_) {
        while (i < lengths_.size() && count < size_t(maxSegments_) && lengths_[i] <= segment &&
               total + lengths_[i] <= kMaxGsoBytes) {
          const bool shorter = lengths_[i] < segment;
          total += lengths_[i];
          ++count;
          ++i;
          if (shorter) break;
        }
      }
      msgs[n] = {buf_.data() + offset, total, count > 1 ? segment : 0};
      counts[n] = count;
      offset += total;
      ++n;
    }
    int error = 0;
    const int sent = udpsys::sendMessages(fd_, to, toLen, msgs, n, &error);
    for (int k = 0; k < sent; ++k) {
      first_ += counts[k];
      firstOffset_ += msgs[k].len;
    }
    if (sent == n) continue;
    if (udpsys::wouldBlock(error)) return Result::Blocked;
    if (msgs[sent].segment > 0 && udpsys::gsoRefused(error)) {
      gso_ = false;  // this route cannot segment: send the same datagrams one by one
      continue;
    }
    // A hard error for this message: drop it (QUIC's loss recovery decides), go on with the rest.
    lastError_ = error;
    dropped = true;
    first_ += counts[sent];
    firstOffset_ += msgs[sent].len;
  }
  dropSent();
  return dropped ? Result::Failed : Result::Sent;
}

// ---------------------------------------------------------------------------------------------

struct UdpReceiver::Slots {
  std::vector<udpsys::InMessage> messages;
  std::unique_ptr<uint8_t[]> buffer;  // default-initialised: never zeroed, so never touched
};

UdpReceiver::UdpReceiver(int fd, int slots) : fd_(fd), slots_(new Slots) {
  slots_->messages.resize(size_t(slots > 0 ? slots : 1));
  // Untouched pages of this buffer cost no memory: the kernel fills only what arrives.
  slots_->buffer.reset(new uint8_t[slots_->messages.size() * udpsys::kMessageBytes]);
  for (size_t i = 0; i < slots_->messages.size(); ++i)
    slots_->messages[i].data = slots_->buffer.get() + i * udpsys::kMessageBytes;
  udpsys::enableGro(fd);
}

UdpReceiver::~UdpReceiver() { delete slots_; }

size_t UdpReceiver::receive() {
  datagrams_.clear();
  int error = 0;
  const int got =
      udpsys::receiveMessages(fd_, slots_->messages.data(), int(slots_->messages.size()), &error);
  lastError_ = error;
  for (int i = 0; i < got; ++i) {
    const udpsys::InMessage &m = slots_->messages[size_t(i)];
    if (m.truncated) continue;
    const size_t segment = m.segment > 0 ? m.segment : m.len;
    for (size_t off = 0; off < m.len || (m.len == 0 && off == 0); off += segment) {
      const size_t len = m.len - off < segment ? m.len - off : segment;
      datagrams_.push_back({m.data + off, len, m.from});
      if (m.len == 0) break;
    }
  }
  return datagrams_.size();
}

}  // namespace routeless::net
