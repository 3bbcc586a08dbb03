#pragma once
// One TCP connection inside the stack (an lwIP pcb, accepted or dialled), the one owner of
// lwIP's raw-API callbacks: a bounded send queue that drains as the window opens, or for a
// bridge received chains handed over whole and direct writes sized to lwIP's room; half-close,
// close and abort. Loop thread only. Its handlers run inside lwIP's callbacks, so they may close
// or abort it but never delete it: the owner deletes it outside them.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

struct tcp_pcb;
struct pbuf;

namespace routeless::agent {

class StackTcp {
 public:
  static constexpr size_t kDefaultMaxQueued = 256 * 1024;

  StackTcp();                                   // unconnected: call dial()
  explicit StackTcp(struct tcp_pcb *accepted);  // takes a pcb a listener accepted
  // Still open: FIN after what lwIP already holds (the queue is dropped), RST when lwIP has no
  // memory for the FIN.
  ~StackTcp();
  StackTcp(const StackTcp &) = delete;
  StackTcp &operator=(const StackTcp &) = delete;

  void adopt(struct tcp_pcb *accepted);
  // Connects to ip:port (host byte order) from the stack's own address.
  bool dial(uint32_t ip, uint16_t port, std::string *error);

  // Copies `size` bytes into the queue; false when closed, closing, or over the queue's bound.
  bool send(const void *data, size_t size);
  void setMaxQueued(size_t bytes) { m_maxQueued = bytes; }
  size_t queued() const { return m_out.size(); }
  // Bytes lwIP takes right now without copying, and the write itself: `data` must outlive the
  // connection (lwIP keeps pointers to it until acknowledged). Only with an empty queue.
  size_t roomForUncopied() const;
  bool sendUncopied(const void *data, uint16_t size);
  void push();  // sends what lwIP holds now

  // For a bridge that forwards with flow control (TcpBridge), with the queue left empty:
  // free space in lwIP's send buffer (snd_buf: tcp_sndbuf() is clamped to 64 KiB when windows
  // are scaled), whether half the segment queue is in use, and a write copied straight into
  // lwIP's segments, at most one MSS per segment and never beyond the room (`more`: every
  // segment but the call's last says more follows). Returns the bytes lwIP took (fewer when it
  // ran out of memory), or -1 with *error for any other failure.
  size_t sendRoom() const;
  bool sendQueueHalfFull() const;
  long writeCopied(const char *data, size_t size, bool more, std::string *error);
  // FIN now (nothing queued here); false with *error when lwIP could not take it yet.
  bool shutdownWriteNow(std::string *error);
  // Hands received chains to onChain instead of onData, and leaves the receive window closed
  // until received() reopens it by what the owner has passed on.
  void received(uint64_t bytes);
  // lwIP's poll timer (interval in its coarse ticks, about half a second each) calls onPoll.
  void enablePoll(uint8_t interval);
  // Inside one of lwIP's callbacks now (lwIP sends what was written when it returns).
  bool inCallback() const { return m_inCallback; }
  // The last onError was lwIP's ERR_CLSD: both FINs went through, nothing was lost.
  bool endedCleanly() const { return m_endedCleanly; }

  // FIN once the queue is sent; the peer may still send.
  void shutdownWrite();
  // FIN once the queue is sent, then no more callbacks; onClosed says when that happened.
  void close();
  // RST now and no more callbacks; safe inside onData.
  void abort();

  bool isOpen() const { return m_pcb != nullptr; }
  bool isClosing() const { return m_closing; }
  uint64_t bytesReceived() const { return m_received; }

  std::function<void()> onConnected;
  std::function<void(const char *data, size_t size)> onData;
  std::function<void()> onEof;       // the peer's FIN
  std::function<void()> onWritable;  // lwIP acknowledged data and the queue is empty
  std::function<void()> onClosed;    // close() finished: the FIN is in lwIP's hands
  std::function<void(const std::string &why)> onError;  // reset, refused, ...: the pcb is gone
  // Set: takes each received chain (and must pbuf_free it); the window stays closed until
  // received(). Unset: onData sees the bytes and the window reopens at once.
  std::function<void(struct pbuf *chain)> onChain;
  std::function<void()> onPoll;

  // lwIP's callbacks (the trampolines call these only).
  signed char lwipRecv(struct pbuf *p);
  signed char lwipSent();
  signed char lwipConnected();
  void lwipError(signed char err);
  signed char lwipPoll();

 private:
  void attach(struct tcp_pcb *pcb);
  struct tcp_pcb *detach();
  class InCallback;
  void flush();
  void closeOrAbort(struct tcp_pcb *pcb);

  struct tcp_pcb *m_pcb = nullptr;
  std::string m_out;
  size_t m_maxQueued = kDefaultMaxQueued;
  uint64_t m_received = 0;
  bool m_closing = false;
  bool m_shutdownPending = false;
  bool m_writeShut = false;
  bool m_inCallback = false;
  bool m_abortedInCallback = false;
  bool m_endedCleanly = false;
  uint8_t m_pollInterval = 0;  // 0: no poll callback
};

}  // namespace routeless::agent
