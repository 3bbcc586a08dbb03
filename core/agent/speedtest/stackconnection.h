#pragma once
// One TCP connection inside the stack that the agent itself ends (the speed test's both
// sides): counts what arrives, writes small messages or a stream of zeros, closes or aborts.
// Only the loop thread touches it; it never deletes itself (its owner does, outside lwIP).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

struct tcp_pcb;
struct pbuf;

namespace routeless::agent {

class StackConnection {
 public:
  // Takes a pcb accepted by a listener.
  explicit StackConnection(struct tcp_pcb *accepted);
  StackConnection();   // unconnected: call dial()
  ~StackConnection();  // aborts the connection if it is still open
  StackConnection(const StackConnection &) = delete;
  StackConnection &operator=(const StackConnection &) = delete;

  // Connects to ip:port (host byte order) from the stack's own address.
  bool dial(uint32_t ip, uint16_t port, std::string *error);

  // Copies `size` bytes into the send buffer (small control messages only).
  bool write(const void *data, size_t size);
  // Sends zeros for as long as the window allows, until stopZeros(); then FIN on close().
  void startZeros();
  void stopZeros() { m_zeros = false; }
  // FIN after what is queued; the peer may still send.
  void shutdownWrite();
  // FIN after what is queued, and no more callbacks.
  void close();
  bool isOpen() const { return m_pcb != nullptr; }
  uint64_t bytesReceived() const { return m_received; }

  std::function<void()> onConnected;
  std::function<void(const char *data, size_t size)> onData;
  std::function<void()> onEof;
  std::function<void(const std::string &why)> onError;  // reset, refused, ...

  // lwIP callbacks (trampolines only).
  signed char handleRecv(struct pbuf *p);
  signed char handleSent();
  signed char handleConnected();
  void handleError(signed char err);

 private:
  void attach(struct tcp_pcb *pcb);
  void detach();
  void fillZeros();

  struct tcp_pcb *m_pcb = nullptr;
  uint64_t m_received = 0;
  bool m_zeros = false;
};

}  // namespace routeless::agent
