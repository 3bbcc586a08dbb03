#pragma once
// The speed test's server side, inside the agent's stack on VIP:kMeshTestPort (never bound
// on the host): a connection that sends 'U' is sunk and answered with the byte count at its
// FIN; one that sends 'D' and a duration gets zeros for that long; anything else is closed.
// Bounded in connections, duration and lifetime; it never dials anything.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/speedtest/stackconnection.h"
#include "agent/stack/stacklistener.h"

struct tcp_pcb;

namespace routeless::agent {

// Port 10054 of every VIP, inside the stack only. NoRouter users forward service ports
// (80, 8080, 5432, ...); 10054 is next to the built-in DNS (10053) and is no well-known
// service. A manifest that forwards it keeps its forward: the speed test is then off.
inline constexpr uint16_t kMeshTestPort = 10054;
// Upper bound on seconds of throughput each way, for a request and for a 'D' session.
inline constexpr int64_t kMeshTestMaxSeconds = 30;
inline constexpr int64_t kMeshTestDefaultSeconds = 5;

class SpeedTestService {
 public:
  static constexpr size_t kMaxSessions = 8;
  // A session lives at most this long, whatever its peer does.
  static constexpr int64_t kSessionLifetimeMs = (kMeshTestMaxSeconds + 30) * 1000;

  explicit SpeedTestService(EventLoop &loop);
  ~SpeedTestService();
  SpeedTestService(const SpeedTestService &) = delete;
  SpeedTestService &operator=(const SpeedTestService &) = delete;

  bool listen(uint32_t ip, std::string *error);
  size_t sessions() const { return m_sessions.size(); }

 private:
  struct Session {
    std::unique_ptr<StackConnection> conn;
    char command = 0;
    std::string header;  // 'D' + 4 bytes of milliseconds, big-endian
    uint64_t sunk = 0;
    uint64_t lifetimeTimer = 0;
    uint64_t zerosTimer = 0;
  };
  signed char onAccept(struct tcp_pcb *pcb);
  void onData(uint64_t id, const char *data, size_t size);
  void finish(uint64_t id);  // closes, then removes outside lwIP's callback

  EventLoop &m_loop;
  std::map<uint64_t, Session> m_sessions;  // cleared first by the destructor
  StackListener m_listener;
  uint64_t m_nextId = 1;
  LifeToken m_life;
};

}  // namespace routeless::agent
