#pragma once
// The flows of one UDP forward, keyed by the client's (IPv4, port): each holds what carries
// that client's datagrams (a socket or a pcb), the time it last moved a datagram, and is
// dropped once idle. It takes the time as an argument (no clock of its own, so tests inject
// one) and never does I/O; it never holds more than its cap of flows.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace routeless::agent {

// The client side of a flow: IPv4 address and port in host order, as one map key.
inline uint64_t udpFlowKey(uint32_t ip, uint16_t port) { return (uint64_t(ip) << 16) | port; }
inline uint32_t udpFlowIp(uint64_t key) { return uint32_t(key >> 16); }
inline uint16_t udpFlowPort(uint64_t key) { return uint16_t(key & 0xFFFF); }

template <typename Flow>
class UdpFlowTable {
 public:
  struct Counters {
    uint64_t opened = 0;
    uint64_t expired = 0;
    uint64_t refused = 0;  // a new client while the table was full
  };

  UdpFlowTable(size_t maxFlows, int64_t idleMs) : m_maxFlows(maxFlows), m_idleMs(idleMs) {}

  // The flow of `key`, marked active at `nowMs`; nullptr if there is none.
  Flow *find(uint64_t key, int64_t nowMs) {
    auto it = m_flows.find(key);
    if (it == m_flows.end()) return nullptr;
    it->second.lastActiveMs = nowMs;
    return it->second.flow.get();
  }
  // Marks the flow of `key` active (a datagram went the other way); no-op if it is gone.
  void touch(uint64_t key, int64_t nowMs) {
    auto it = m_flows.find(key);
    if (it != m_flows.end()) it->second.lastActiveMs = nowMs;
  }
  // Adds a flow for a new client; nullptr (and the flow dropped) when the table is full.
  Flow *insert(uint64_t key, std::unique_ptr<Flow> flow, int64_t nowMs) {
    if (m_flows.size() >= m_maxFlows && !m_flows.count(key)) {
      ++m_counters.refused;
      return nullptr;
    }
    Entry &e = m_flows[key];
    e.flow = std::move(flow);
    e.lastActiveMs = nowMs;
    ++m_counters.opened;
    return e.flow.get();
  }
  // Drops every flow that moved nothing for the idle time; returns how many it dropped.
  size_t expire(int64_t nowMs) {
    size_t dropped = 0;
    for (auto it = m_flows.begin(); it != m_flows.end();) {
      if (nowMs - it->second.lastActiveMs >= m_idleMs) {
        it = m_flows.erase(it);
        ++dropped;
      } else {
        ++it;
      }
    }
    m_counters.expired += dropped;
    return dropped;
  }
  void clear() { m_flows.clear(); }

  size_t size() const { return m_flows.size(); }
  bool empty() const { return m_flows.empty(); }
  size_t maxFlows() const { return m_maxFlows; }
  int64_t idleMs() const { return m_idleMs; }
  const Counters &counters() const { return m_counters; }

 private:
  struct Entry {
    std::unique_ptr<Flow> flow;
    int64_t lastActiveMs = 0;
  };
  size_t m_maxFlows;
  int64_t m_idleMs;
  std::unordered_map<uint64_t, Entry> m_flows;
  Counters m_counters;
};

}  // namespace routeless::agent
