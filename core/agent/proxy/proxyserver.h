#pragma once
// The agent's HTTP proxy (plain requests and CONNECT) or SOCKS 4/4a/5 proxy on a host socket:
// reads the client's handshake within limits (head size, connections, a deadline), asks
// ProxyRules where the target is, then hands the client to a TcpBridge (through the mesh) or
// a HostRelay (the host's network). It refuses a non-loopback listen address unless told to
// allow it, and then logs who can reach it; it never relays anything itself.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "agent/host/hostlistener.h"
#include "agent/host/hostrelay.h"
#include "agent/proxy/proxyrules.h"
#include "agent/stack/tcpbridge.h"

namespace routeless::agent {

class ProxyServer {
 public:
  enum class Kind { Http, Socks };
  struct Limits {
    size_t maxConnections = 256;   // handshakes and relays together
    int64_t handshakeMs = 10'000;  // from accept to a decided target
  };

  ProxyServer(EventLoop &loop, Resolver &resolver, ProxyRules &rules, Kind kind, Limits limits);
  ProxyServer(EventLoop &loop, Resolver &resolver, ProxyRules &rules, Kind kind)
      : ProxyServer(loop, resolver, rules, kind, Limits()) {}
  ~ProxyServer();
  ProxyServer(const ProxyServer &) = delete;
  ProxyServer &operator=(const ProxyServer &) = delete;

  // `listen` is NoRouter's "ip:port" text. A non-loopback address needs allowRemote.
  bool listen(const std::string &listen, bool allowRemote, std::string *error);
  size_t connections() const { return m_sessions.size() + m_bridges.size() + m_relays.size(); }
  const char *name() const { return m_kind == Kind::Http ? "http" : "socks"; }

 private:
  class Session;
  void accepted(NativeHandle handle);
  void endSession(Session *session);
  void dialStack(Session *session, uint32_t ip, uint16_t port, TcpBridge::Greeting greeting);
  void dialHost(Session *session, const std::string &host, uint16_t port,
                HostRelay::Greeting greeting);

  EventLoop &m_loop;
  Resolver &m_resolver;
  ProxyRules &m_rules;
  Kind m_kind;
  Limits m_limits;
  HostListener m_listener;
  std::unordered_map<Session *, std::unique_ptr<Session>> m_sessions;
  std::unordered_map<TcpBridge *, std::unique_ptr<TcpBridge>> m_bridges;
  std::unordered_map<HostRelay *, std::unique_ptr<HostRelay>> m_relays;
  LifeToken m_life;
};

}  // namespace routeless::agent
