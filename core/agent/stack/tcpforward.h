#pragma once
// TCP port forwards between the host OS and the stack, each accepted connection carried by
// a TcpBridge that the forward owns: destroying a forward drops its connections.

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "agent/host/hostlistener.h"
#include "agent/stack/stacklistener.h"
#include "agent/stack/tcpbridge.h"

struct tcp_pcb;

namespace routeless::agent {

// Listens inside the stack on ip:port and bridges every accepted connection to
// connectHost:connectPort on the host OS (a forward; routing mode's spoofed listeners too).
class StackToHostForward {
 public:
  StackToHostForward(EventLoop &loop, Resolver &resolver);
  ~StackToHostForward();
  StackToHostForward(const StackToHostForward &) = delete;
  StackToHostForward &operator=(const StackToHostForward &) = delete;

  // `reuse` lets a routing-mode listener share a port (SO_REUSEADDR inside lwIP).
  bool listen(uint32_t ip, uint16_t port, const std::string &connectHost, uint16_t connectPort,
              std::string *error, bool reuse = false);
  size_t activeConnections() const { return m_bridges.size(); }
  std::string description() const;
  // Called from the loop when the last connection ended.
  std::function<void()> onIdle;

 private:
  signed char onAccept(struct tcp_pcb *pcb);
  void remove(TcpBridge *bridge);

  EventLoop &m_loop;
  Resolver &m_resolver;
  StackListener m_listener;
  std::string m_connectHost;
  uint16_t m_connectPort = 0;
  uint32_t m_ip = 0;
  uint16_t m_port = 0;
  std::unordered_map<TcpBridge *, std::unique_ptr<TcpBridge>> m_bridges;
};

// Listens on the host OS at listenAddress:port and bridges every accepted socket to
// stackIp:stackPort inside the stack (NoRouter's "others" in loopback mode).
class HostToStackForward {
 public:
  explicit HostToStackForward(EventLoop &loop);
  HostToStackForward(const HostToStackForward &) = delete;
  HostToStackForward &operator=(const HostToStackForward &) = delete;

  bool listen(const IpAddress &listenAddress, uint16_t port, uint32_t stackIp, uint16_t stackPort,
              std::string *error);

 private:
  EventLoop &m_loop;
  HostListener m_listener;
  uint32_t m_stackIp = 0;
  uint16_t m_stackPort = 0;
  std::unordered_map<TcpBridge *, std::unique_ptr<TcpBridge>> m_bridges;
};

}  // namespace routeless::agent
