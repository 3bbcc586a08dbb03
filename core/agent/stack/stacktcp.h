#pragma once
// One TCP connection inside the stack that the agent itself ends (an lwIP pcb, accepted or
// dialled): the raw API's callbacks, a bounded send queue that drains as the window opens,
// half-close, close and abort. Loop thread only. Its handlers run inside lwIP's callbacks, so
// they may close or abort it but never delete it: the owner deletes it outside them.
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

  // lwIP's callbacks (the trampolines call these only).
  signed char lwipRecv(struct pbuf *p);
  signed char lwipSent();
  signed char lwipConnected();
  void lwipError(signed char err);

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
};

}  // namespace routeless::agent
