#pragma once
// One DNS-over-TCP connection inside the stack (an lwIP pcb, accepted or dialled): whole
// messages in (2-byte length prefix), messages out, bounded buffers both ways, over a
// StackTcp. It reports everything from the loop, its end once, and never touches its pcb
// after lwIP said it is gone; the owner destroys it from onClosed or at any time outside its
// callbacks.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "agent/dns/dnsmessage.h"
#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/stack/stacktcp.h"

namespace routeless::agent {

class StackDnsStream {
 public:
  static constexpr size_t kMaxPendingOut = 256 * 1024;

  explicit StackDnsStream(EventLoop &loop);
  ~StackDnsStream();
  StackDnsStream(const StackDnsStream &) = delete;
  StackDnsStream &operator=(const StackDnsStream &) = delete;

  std::function<void()> onConnected;
  std::function<void(std::string message)> onMessage;
  // The peer sent FIN after its last message (deferred after that message); without a
  // handler the stream closes once what is queued is sent.
  std::function<void()> onPeerFinished;
  // Once, from the loop: the connection is over (`why` empty for a clean end).
  std::function<void(const std::string &why)> onClosed;

  void adopt(struct tcp_pcb *pcb);
  // Dials ip:port (host order) from the stack's own address.
  bool connect(uint32_t ip, uint16_t port, std::string *error);
  // Queues one message (the length prefix is added); false when it cannot be sent.
  bool send(std::string_view message);
  // Sends what is queued, then FIN; the end is reported through onClosed.
  void close();

 private:
  void wire();
  void deliver();
  void end(const std::string &why);

  EventLoop &m_loop;
  StackTcp m_tcp;
  dns::TcpMessageReader m_reader;
  bool m_ended = false;
  LifeToken m_life;
};

}  // namespace routeless::agent
