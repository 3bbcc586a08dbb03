#include "agent/speedtest/speedtestservice.h"

#include "agent/log.h"
#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
}

namespace routeless::agent {

SpeedTestService::SpeedTestService(EventLoop &loop)
    : m_loop(loop), m_listener([this](struct tcp_pcb *pcb) { return onAccept(pcb); }) {}

SpeedTestService::~SpeedTestService() {
  for (auto &[id, s] : m_sessions) {
    m_loop.cancelTimer(s.lifetimeTimer);
    m_loop.cancelTimer(s.zerosTimer);
  }
  m_sessions.clear();  // connections hold pcbs: they go before the listener
}

bool SpeedTestService::listen(uint32_t ip, std::string *error) {
  if (m_listener.listen(ip, kMeshTestPort, 4, error)) return true;
  *error = "speed test: " + *error;
  return false;
}

signed char SpeedTestService::onAccept(struct tcp_pcb *pcb) {
  if (m_sessions.size() >= kMaxSessions) {
    log::warning("speed test: %llu sessions already, connection refused",
                 static_cast<unsigned long long>(m_sessions.size()));
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  const uint64_t id = m_nextId++;
  Session &s = m_sessions[id];
  s.conn = std::make_unique<StackConnection>(pcb);
  s.conn->onData = [this, id](const char *data, size_t size) { onData(id, data, size); };
  s.conn->onEof = [this, id] {
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) return;
    if (it->second.command == 'U') {
      // The answer to an upload: what arrived, 8 bytes big-endian, then FIN.
      unsigned char count[8];
      for (int i = 0; i < 8; ++i) count[i] = (unsigned char)(it->second.sunk >> (56 - 8 * i));
      it->second.conn->send(count, sizeof count);
    }
    finish(id);
  };
  s.conn->onError = [this, id](const std::string &) { finish(id); };
  s.lifetimeTimer = m_loop.startTimer(kSessionLifetimeMs, [this, id, alive = m_life.watch()] {
    if (alive.expired()) return;
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) return;
    it->second.lifetimeTimer = 0;
    log::warning("speed test: a session outlived %lld s, closed",
                 (long long)(kSessionLifetimeMs / 1000));
    finish(id);
  });
  return ERR_OK;
}

void SpeedTestService::onData(uint64_t id, const char *data, size_t size) {
  auto it = m_sessions.find(id);
  if (it == m_sessions.end() || size == 0) return;
  Session &s = it->second;
  if (s.command == 0) {
    s.command = data[0];
    ++data;
    --size;
    if (s.command != 'U' && s.command != 'D') {
      finish(id);
      return;
    }
  }
  if (s.command == 'U') {
    s.sunk += size;
    return;
  }
  // 'D': four bytes of duration, then nothing more is expected.
  if (s.header.size() >= 4 || s.zerosTimer) return;
  s.header.append(data, std::min(size, 4 - s.header.size()));
  if (s.header.size() < 4) return;
  uint64_t ms = 0;
  for (unsigned char c : s.header) ms = (ms << 8) | c;
  if (ms > uint64_t(kMeshTestMaxSeconds) * 1000) ms = uint64_t(kMeshTestMaxSeconds) * 1000;
  s.conn->startZeros();
  s.zerosTimer = m_loop.startTimer(int64_t(ms), [this, id, alive = m_life.watch()] {
    if (alive.expired()) return;
    auto found = m_sessions.find(id);
    if (found == m_sessions.end()) return;
    found->second.zerosTimer = 0;
    finish(id);  // FIN after the zeros queued so far
  });
}

void SpeedTestService::finish(uint64_t id) {
  auto it = m_sessions.find(id);
  if (it == m_sessions.end()) return;
  it->second.conn->close();
  // Erased from the loop: this may run inside one of the connection's lwIP callbacks.
  m_loop.defer([this, id, alive = m_life.watch()] {
    if (alive.expired()) return;
    auto found = m_sessions.find(id);
    if (found == m_sessions.end()) return;
    m_loop.cancelTimer(found->second.lifetimeTimer);
    m_loop.cancelTimer(found->second.zerosTimer);
    m_sessions.erase(found);
  });
}

}  // namespace routeless::agent
