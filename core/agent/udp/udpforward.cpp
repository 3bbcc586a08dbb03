#include "agent/udp/udpforward.h"

#include <algorithm>
#include <cstdlib>

#include "agent/log.h"

namespace routeless::agent {

int64_t UdpForward::idleMsFromEnvironment() {
  const char *text = std::getenv("ROUTELESS_AGENT_UDP_IDLE_MS");
  if (!text || !*text) return kIdleMs;
  char *end = nullptr;
  const long long ms = std::strtoll(text, &end, 10);
  if (*end || ms < 1000 || ms > 3600 * 1000) {
    log::warning("ROUTELESS_AGENT_UDP_IDLE_MS=%s ignored: expected 1000 to 3600000", text);
    return kIdleMs;
  }
  return ms;
}

UdpForward::UdpForward(EventLoop &loop, Resolver &resolver,
                       std::function<size_t()> stackQueuedBytes, int64_t idleMs, size_t maxFlows)
    : m_loop(loop),
      m_resolver(resolver),
      m_stackQueuedBytes(std::move(stackQueuedBytes)),
      m_flows(maxFlows, idleMs) {}

UdpForward::~UdpForward() {
  if (m_sweepTimer) m_loop.cancelTimer(m_sweepTimer);
  m_flows.clear();  // sockets and pcbs go before the listener
}

bool UdpForward::listenOnStack(uint32_t ip, uint16_t port, std::string *error) {
  auto pcb = std::make_unique<StackUdpPcb>();
  if (!pcb->bind(ip, port, error)) {
    *error = "udp " + formatIpv4(ip) + ":" + std::to_string(port) + ": " + *error;
    return false;
  }
  pcb->onDatagram = [this](const char *data, size_t size, uint32_t fromIp, uint16_t fromPort) {
    fromClient(data, size, fromIp, fromPort);
  };
  m_stackListener = std::move(pcb);
  m_listenText = formatIpv4(ip) + ":" + std::to_string(port) + "/udp";
  return true;
}

bool UdpForward::listenOnHost(const IpAddress &address, uint16_t port, std::string *error,
                              bool *addressMissing) {
  auto socket = std::make_unique<HostUdpSocket>(m_loop);
  if (!socket->bind(address, port, error, addressMissing)) {
    *error = "failed to listen on " + address.toString() + ":" + std::to_string(port) +
             "/udp: " + *error;
    return false;
  }
  socket->onDatagram = [this](const char *data, size_t size, const IpAddress &from,
                              uint16_t fromPort) {
    if (from.family != IpAddress::Family::V4) return;  // bound to an IPv4 VIP: never
    fromClient(data, size, from.v4HostOrder(), fromPort);
  };
  m_hostListener = std::move(socket);
  m_listenText = "host " + address.toString() + ":" + std::to_string(port) + "/udp";
  return true;
}

void UdpForward::toHost(const std::string &host, uint16_t port) {
  m_targetHost = host;
  m_targetPort = port;
  m_targetOnStack = false;
}

void UdpForward::toStack(uint32_t me, uint32_t ip, uint16_t port) {
  m_me = me;
  m_targetIp = ip;
  m_targetPort = port;
  m_targetOnStack = true;
}

std::string UdpForward::description() const {
  const std::string target = m_targetOnStack ? "stack " + formatIpv4(m_targetIp) : m_targetHost;
  return m_listenText + " -> " + target + ":" + std::to_string(m_targetPort);
}

bool UdpForward::stackFull() {
  return m_stackQueuedBytes && m_stackQueuedBytes() > kMaxStackQueueBytes;
}

void UdpForward::fromClient(const char *data, size_t size, uint32_t ip, uint16_t port) {
  const uint64_t key = udpFlowKey(ip, port);
  const int64_t now = EventLoop::nowMs();
  UdpFlow *flow = m_flows.find(key, now);
  if (!flow) {
    flow = m_flows.insert(key, openFlow(key), now);
    if (!flow) {
      ++m_counters.dropped;
      if (m_flows.counters().refused % 1000 == 1)
        log::warning("%s: %llu flows already, new client %s:%d refused (%llu so far)",
                     description().c_str(), (unsigned long long)m_flows.size(),
                     formatIpv4(ip).c_str(), int(port),
                     (unsigned long long)m_flows.counters().refused);
      return;
    }
    log::debug("%s: new flow from %s:%d", description().c_str(), formatIpv4(ip).c_str(), int(port));
    scheduleSweep();
  }
  bool sent = false;
  if (flow->failed) {
    sent = false;
  } else if (flow->stack) {
    sent = !stackFull() && flow->stack->sendTo(data, size, m_targetIp, m_targetPort);
  } else if (flow->host && flow->host->isOpen()) {
    sent = flow->host->send(data, size);
  } else if (flow->pendingBytes + size <= kMaxPendingBytes) {
    flow->pending.emplace_back(data, size);
    flow->pendingBytes += size;
    sent = true;
  }
  if (!sent) {
    ++m_counters.dropped;
    return;
  }
  ++m_counters.datagramsUp;
  m_counters.bytesUp += size;
}

void UdpForward::toClient(uint64_t key, const char *data, size_t size) {
  m_flows.touch(key, EventLoop::nowMs());
  bool sent = false;
  if (m_stackListener) {
    sent = !stackFull() && m_stackListener->sendTo(data, size, udpFlowIp(key), udpFlowPort(key));
  } else if (m_hostListener) {
    const IpAddress client = IpAddress::v4(udpFlowIp(key));
    sent = m_hostListener->send(data, size, &client, udpFlowPort(key));
  }
  if (!sent) {
    ++m_counters.dropped;
    return;
  }
  ++m_counters.datagramsDown;
  m_counters.bytesDown += size;
}

std::unique_ptr<UdpFlow> UdpForward::openFlow(uint64_t key) {
  auto flow = std::make_unique<UdpFlow>();
  UdpFlow *raw = flow.get();
  if (m_targetOnStack) {
    flow->stack = std::make_unique<StackUdpPcb>();
    std::string error;
    // An ephemeral port on the VIP, answered only by the target.
    if (!flow->stack->bind(m_me, 0, &error) ||
        !flow->stack->connect(m_targetIp, m_targetPort, &error)) {
      log::warning("%s: %s", description().c_str(), error.c_str());
      flow->failed = true;
      return flow;
    }
    flow->stack->onDatagram = [this, key](const char *data, size_t size, uint32_t, uint16_t) {
      toClient(key, data, size);
    };
    return flow;
  }
  flow->lookup = m_resolver.resolve(
      m_targetHost, [this, raw, key](std::vector<IpAddress> addresses, const std::string &error) {
        resolved(raw, key, addresses, error);
      });
  return flow;
}

void UdpForward::resolved(UdpFlow *flow, uint64_t key, const std::vector<IpAddress> &addresses,
                          const std::string &error) {
  // Runs only while the flow lives: dropping the flow drops `lookup`, which cancels this.
  flow->lookup.reset();
  std::string why = error;
  auto socket = std::make_unique<HostUdpSocket>(m_loop);
  bool connected = false;
  for (const IpAddress &a : addresses) {  // IPv4 first, as the Resolver orders them
    if (socket->connect(a, m_targetPort, &why)) {
      connected = true;
      break;
    }
  }
  if (!connected) {
    log::warning("%s: %s", description().c_str(), why.empty() ? "no address" : why.c_str());
    flow->failed = true;
    m_counters.dropped += flow->pending.size();
    flow->pending.clear();
    flow->pendingBytes = 0;
    return;
  }
  socket->onDatagram = [this, key](const char *data, size_t size, const IpAddress &, uint16_t) {
    toClient(key, data, size);
  };
  flow->host = std::move(socket);
  for (const std::string &d : flow->pending)
    if (!flow->host->send(d.data(), d.size())) ++m_counters.dropped;
  flow->pending.clear();
  flow->pendingBytes = 0;
}

void UdpForward::scheduleSweep() {
  if (m_sweepTimer) return;
  // A quarter of the idle time: a flow lives at most 1.25 times it.
  const int64_t every = std::max<int64_t>(m_flows.idleMs() / 4, 50);
  m_sweepTimer = m_loop.startTimer(every, [this, alive = m_life.watch()] {
    if (alive.expired()) return;
    m_sweepTimer = 0;
    const size_t dropped = m_flows.expire(EventLoop::nowMs());
    if (dropped)
      log::debug("%s: %llu idle flows closed, %llu left", description().c_str(),
                 (unsigned long long)dropped, (unsigned long long)m_flows.size());
    if (!m_flows.empty()) scheduleSweep();
  });
}

}  // namespace routeless::agent
