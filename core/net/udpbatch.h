#pragma once
// Batched UDP for a busy datagram protocol (QUIC): datagrams to one destination gathered in one
// buffer and sent, or read, with as few system calls as the platform allows (Linux: sendmmsg and
// recvmmsg, with UDP GSO/GRO when the kernel has them; elsewhere one call per datagram, in
// udpbatch_<os>.cpp behind udpbatch_sys.h). Qt-free; it never logs, blocks, or reorders.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace routeless::net {

// Datagrams queued for one socket and one destination, sent in order. It must never drop a
// datagram the socket could not take for now: those stay queued until the next send().
class UdpSender {
 public:
  enum class Result {
    Sent,     // every queued datagram went out
    Blocked,  // the socket is full: the rest stays queued; send() again once it is writable
    Failed,   // a hard error (unreachable...): the rest is dropped, as a lost packet would be
  };

  // `fd` is not owned. GSO is used when the kernel offers it on this socket.
  explicit UdpSender(int fd, size_t capacity = 64 * 1024);

  // Room for one datagram of up to `maxLen` bytes at the end of the queue, or nullptr when the
  // queue cannot take it (send() first). commit() then says how many bytes it holds.
  uint8_t *reserve(size_t maxLen);
  void commit(size_t len);
  // Copies one datagram in (false when it does not fit: send() first).
  bool append(const uint8_t *data, size_t len);

  // Sends what is queued to `to` (a sockaddr of `toLen` bytes; nullptr for a connected socket).
  Result send(const void *to, unsigned toLen);

  size_t queued() const { return lengths_.size() - first_; }
  bool hasQueued() const { return first_ < lengths_.size(); }
  // The last hard error's system code (errno, WSAGetLastError()), for logs.
  int lastError() const { return lastError_; }
  bool gsoEnabled() const { return gso_; }
  // Tests: send without GSO (one datagram per message) even where the kernel has it.
  void disableGso() { gso_ = false; }

 private:
  void dropSent();

  int fd_;
  int maxSegments_;  // datagrams per GSO message the socket takes (0: no GSO)
  bool gso_;
  std::vector<uint8_t> buf_;
  size_t used_ = 0;                // bytes of buf_ in use
  std::vector<uint32_t> lengths_;  // one per queued datagram, in buffer order
  size_t first_ = 0;               // index of the first datagram not yet sent
  size_t firstOffset_ = 0;         // its offset in buf_
  int lastError_ = 0;
};

// Datagrams read from one socket in one go, each with its sender's address. It must never hand
// out a datagram the kernel truncated: those are skipped.
class UdpReceiver {
 public:
  struct Datagram {
    const uint8_t *data;
    size_t len;
    const void *from;  // sockaddr_storage of the sender
  };

  // `fd` is not owned. GRO is switched on when the kernel offers it (coalesced datagrams are
  // split again here, so callers always see single datagrams).
  explicit UdpReceiver(int fd, int slots = 16);
  ~UdpReceiver();
  UdpReceiver(const UdpReceiver &) = delete;
  UdpReceiver &operator=(const UdpReceiver &) = delete;

  // Reads what the socket holds now (up to the slot count of kernel messages). Returns the
  // number of datagrams (0 when nothing is waiting or on an error; lastError() says which).
  size_t receive();
  const Datagram &at(size_t i) const { return datagrams_[i]; }
  size_t size() const { return datagrams_.size(); }
  int lastError() const { return lastError_; }

 private:
  struct Slots;
  int fd_;
  Slots *slots_;
  std::vector<Datagram> datagrams_;
  int lastError_ = 0;
};

}  // namespace routeless::net
