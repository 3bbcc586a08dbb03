#pragma once
// Asks another agent's built-in DNS (via:10053, over the stack's TCP, as NoRouter's resolver
// does for hostname-glob routes) for a name's A records, so that the name is resolved inside
// that agent's network. One connection per query, closed after the answer (NoRouter leaks
// it); never blocks, never answers from inside queryA, gives up after kTimeoutMs.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"

namespace routeless::agent {

class NetStack;
class StackDnsStream;

class MeshDnsClient {
 public:
  // Addresses in host byte order (as the rest of the agent), or an error text.
  using Done = std::function<void(std::vector<uint32_t> addresses, std::string error)>;
  static constexpr int64_t kTimeoutMs = 5000;
  static constexpr size_t kMaxInFlight = 256;

  MeshDnsClient(EventLoop &loop, NetStack &stack);
  ~MeshDnsClient();
  MeshDnsClient(const MeshDnsClient &) = delete;
  MeshDnsClient &operator=(const MeshDnsClient &) = delete;

  // One A query for `name` over netstack TCP to via:10053 (the bastion's built-in DNS, which
  // resolves inside the bastion's network). Closes the connection after the answer (NoRouter
  // leaks it); fails after 5 s. `done` runs on the loop, never inside the call.
  void queryA(uint32_t via, const std::string &name, Done done);

 private:
  struct Pending;
  void finish(uint64_t key, std::vector<uint32_t> addresses, std::string error);

  EventLoop &m_loop;
  NetStack &m_stack;
  std::map<uint64_t, std::unique_ptr<Pending>> m_pending;
  uint64_t m_nextKey = 1;
  std::mt19937 m_random;
  LifeToken m_life;
};

}  // namespace routeless::agent
