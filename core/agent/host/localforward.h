#pragma once
// Loopback mode's forward of an agent's own port (NoRouter's GoLocalForward): a host-OS
// listener on VIP:port whose connections go straight to connectHost:connectPort on the host,
// relayed host to host, so that local clients of an agent's own forward skip the stack.

#include <memory>
#include <string>
#include <unordered_map>

#include "agent/host/hostlistener.h"
#include "agent/host/hostrelay.h"

namespace routeless::agent {

class LocalForward {
 public:
  LocalForward(EventLoop &loop, Resolver &resolver);
  LocalForward(const LocalForward &) = delete;
  LocalForward &operator=(const LocalForward &) = delete;

  bool listen(const IpAddress &address, uint16_t port, const std::string &connectHost,
              uint16_t connectPort, std::string *error);

 private:
  EventLoop &m_loop;
  Resolver &m_resolver;
  HostListener m_listener;
  std::string m_connectHost;
  uint16_t m_connectPort = 0;
  std::unordered_map<HostRelay *, std::unique_ptr<HostRelay>> m_relays;
};

}  // namespace routeless::agent
