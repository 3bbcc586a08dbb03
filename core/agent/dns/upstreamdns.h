#pragma once
// Forwards DNS queries the mesh cannot answer to the host's own name servers, as NoRouter's
// built-in DNS does: each server in turn, UDP first and then TCP (also after a truncated UDP
// reply), fallback 8.8.8.8 and 1.1.1.1 when the host names none. All I/O is non-blocking on
// the agent's loop; it never blocks the loop nor keeps more than kMaxInFlight queries open.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

class UpstreamDns {
 public:
  // The reply to forward to the client, its ID already the client's; "" when all failed.
  using Done = std::function<void(std::string reply)>;
  struct Server {
    IpAddress address;
    uint16_t port = 53;
  };
  static constexpr int64_t kAttemptTimeoutMs = 2000;
  static constexpr size_t kMaxInFlight = 256;
  // Test only (documented in core/agent/README.md): "ip:port,ip:port" replaces the host's
  // servers, so that tests can point the agent at a fake server on a non-53 port.
  static constexpr const char *kTestServersVariable = "ROUTELESS_AGENT_TEST_DNS_UPSTREAM";

  explicit UpstreamDns(EventLoop &loop);
  ~UpstreamDns();
  UpstreamDns(const UpstreamDns &) = delete;
  UpstreamDns &operator=(const UpstreamDns &) = delete;

  void setServers(std::vector<Server> servers) { m_servers = std::move(servers); }
  const std::vector<Server> &servers() const { return m_servers; }
  // Starts forwarding `query` (a whole DNS message); false, with nothing started, when
  // kMaxInFlight queries are already out. `done` runs on the loop, never inside this call.
  bool forward(const std::string &query, Done done);
  size_t inFlight() const { return m_exchanges.size(); }

  // The servers the agent uses: the test variable, else the system's, else the fallback.
  static std::vector<Server> defaultServers();

 private:
  struct Exchange;
  void startAttempt(Exchange &ex);
  void attemptFailed(uint64_t key, const std::string &why);
  void finish(uint64_t key, std::string reply);
  void closeAttempt(Exchange &ex);
  void onUdpReadable(uint64_t key);
  bool acceptReply(Exchange &ex, std::string &reply);

  EventLoop &m_loop;
  std::vector<Server> m_servers;
  std::map<uint64_t, std::unique_ptr<Exchange>> m_exchanges;
  uint64_t m_nextKey = 1;
  std::mt19937 m_random;
  LifeToken m_life;
};

}  // namespace routeless::agent
