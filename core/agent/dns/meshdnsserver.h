#pragma once
// The agent's built-in DNS on VIP:10053 inside the stack, as NoRouter's (§3.10): TCP (as
// NoRouter) and UDP (a Routeless extension). A queries for mesh names are answered at once
// (TTL 0, NoRouter's flags); everything else goes to the host's name servers (UpstreamDns),
// and an empty NOERROR reply comes back when they all fail. It never blocks the loop and
// bounds connections, queries per connection, queries in flight and idle time.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "agent/dns/stackdnsstream.h"
#include "agent/dns/upstreamdns.h"
#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/stack/stacklistener.h"

struct tcp_pcb;
struct udp_pcb;
struct pbuf;

namespace routeless::agent {

class MeshDnsServer {
 public:
  static constexpr uint16_t kPort = 10053;  // NoRouter's builtinports.DNSTCP
  static constexpr size_t kMaxConnections = 128;
  static constexpr size_t kMaxQueriesPerConnection = 16;  // in flight on one connection
  static constexpr int64_t kIdleMs = 30 * 1000;           // a connection with nothing to do

  explicit MeshDnsServer(EventLoop &loop);
  ~MeshDnsServer();
  MeshDnsServer(const MeshDnsServer &) = delete;
  MeshDnsServer &operator=(const MeshDnsServer &) = delete;

  // Listens on ip:10053 (TCP and UDP) inside the stack.
  bool start(uint32_t ip, std::string *error);
  // hostnameMap: name -> VIP text. Names are matched case-insensitively, as DNS names.
  void setNames(const std::map<std::string, std::string> &names);
  UpstreamDns &upstream() { return m_upstream; }

  // One query, whatever the transport: `reply` gets the answer (from the loop or at once);
  // nothing is replied to a message too short to carry a DNS header.
  void answer(const std::string &query, std::function<void(std::string reply)> reply);

  void lwipUdp(struct pbuf *p, uint32_t fromIp, uint16_t fromPort);

 private:
  struct Session;
  signed char accept(struct tcp_pcb *pcb);
  void closeSession(uint64_t id);
  void touch(Session &s);

  EventLoop &m_loop;
  UpstreamDns m_upstream;
  std::map<std::string, uint32_t> m_names;                  // lower case, no trailing dot
  std::map<uint64_t, std::unique_ptr<Session>> m_sessions;  // cleared first by the destructor
  StackListener m_listener;
  struct udp_pcb *m_udp = nullptr;
  uint64_t m_nextSession = 1;
  LifeToken m_life;
};

}  // namespace routeless::agent
