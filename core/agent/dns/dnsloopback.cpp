#include "agent/dns/dnsloopback.h"

#include "agent/dns/meshdnsserver.h"
#include "agent/log.h"
#include "agent/sys/udp.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"
}

namespace routeless::agent {

struct HostToStackUdpRelay::Flow {
  HostToStackUdpRelay *relay = nullptr;
  IpAddress client;
  uint16_t clientPort = 0;
  struct udp_pcb *pcb = nullptr;
  int64_t lastUsedMs = 0;
  ~Flow() {
    if (pcb) udp_remove(pcb);
  }
};

namespace {

void flowCallback(void *arg, struct udp_pcb *, struct pbuf *p, const ip_addr_t *, u16_t) {
  auto *flow = static_cast<HostToStackUdpRelay::Flow *>(arg);
  if (!flow) {
    pbuf_free(p);
    return;
  }
  flow->relay->fromStack(flow, p);
}

}  // namespace

HostToStackUdpRelay::HostToStackUdpRelay(EventLoop &loop, uint32_t stackSource)
    : m_loop(loop), m_source(stackSource) {}

HostToStackUdpRelay::~HostToStackUdpRelay() {
  m_flows.clear();
  if (m_sweepTimer) m_loop.cancelTimer(m_sweepTimer);
  if (m_watch) m_loop.unwatch(m_watch);
  if (m_socket != kInvalidHandle) sys::closeSocket(m_socket);
}

bool HostToStackUdpRelay::listen(uint32_t ip, uint16_t port, std::string *error) {
  m_ip = ip;
  m_port = port;
  m_socket = sys::bindUdp(IpAddress::v4(ip), port, error);
  if (m_socket == kInvalidHandle) return false;
  m_watch = m_loop.watch(
      m_socket, kReadable,
      [this, alive = m_life.watch()](unsigned) {
        if (!alive.expired()) onReadable();
      },
      error);
  return m_watch != 0;
}

void HostToStackUdpRelay::onReadable() {
  char buffer[65536];
  for (int i = 0; i < 64; ++i) {
    IpAddress from;
    uint16_t fromPort = 0;
    std::string error;
    const long n = sys::receiveDatagram(m_socket, buffer, sizeof buffer, &from, &fromPort, &error);
    if (n < 0) return;  // would block, or an ICMP error for an earlier reply: nothing to do
    const auto key = std::make_pair(from.toString(), fromPort);
    auto it = m_flows.find(key);
    if (it == m_flows.end()) {
      if (m_flows.size() >= kMaxUdpFlows) {
        // The least recently used flow makes room.
        auto oldest = m_flows.begin();
        for (auto f = m_flows.begin(); f != m_flows.end(); ++f)
          if (f->second->lastUsedMs < oldest->second->lastUsedMs) oldest = f;
        m_flows.erase(oldest);
      }
      auto flow = std::make_unique<Flow>();
      flow->relay = this;
      flow->client = from;
      flow->clientPort = fromPort;
      flow->pcb = udp_new_ip_type(IPADDR_TYPE_V4);
      if (!flow->pcb) return;
      ip_addr_t source;
      ip_addr_set_ip4_u32_val(source, lwip_htonl(m_source));
      if (udp_bind(flow->pcb, &source, 0) != ERR_OK) continue;
      udp_recv(flow->pcb, flowCallback, flow.get());
      flow->lastUsedMs = EventLoop::nowMs();
      it = m_flows.emplace(key, std::move(flow)).first;
      if (!m_sweepTimer) scheduleSweep();
    }
    Flow &flow = *it->second;
    flow.lastUsedMs = EventLoop::nowMs();
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, u16_t(n), PBUF_RAM);
    if (!p) continue;
    pbuf_take(p, buffer, u16_t(n));
    ip_addr_t to;
    ip_addr_set_ip4_u32_val(to, lwip_htonl(m_ip));
    udp_sendto(flow.pcb, p, &to, m_port);
    pbuf_free(p);
  }
}

void HostToStackUdpRelay::fromStack(Flow *flow, struct pbuf *p) {
  std::string data(p->tot_len, '\0');
  pbuf_copy_partial(p, data.data(), p->tot_len, 0);
  pbuf_free(p);
  flow->lastUsedMs = EventLoop::nowMs();
  std::string error;
  sys::sendDatagram(m_socket, data.data(), data.size(), &flow->client, flow->clientPort, &error);
}

void HostToStackUdpRelay::sweep() {
  const int64_t now = EventLoop::nowMs();
  for (auto it = m_flows.begin(); it != m_flows.end();) {
    if (now - it->second->lastUsedMs >= kUdpIdleMs)
      it = m_flows.erase(it);
    else
      ++it;
  }
  m_sweepTimer = 0;
  if (!m_flows.empty()) scheduleSweep();
}

void HostToStackUdpRelay::scheduleSweep() {
  m_sweepTimer = m_loop.startTimer(kUdpIdleMs / 2, [this, alive = m_life.watch()] {
    if (alive.expired()) return;
    m_sweepTimer = 0;
    sweep();
  });
}

DnsLoopback::DnsLoopback(EventLoop &loop, uint32_t me) : m_loop(loop), m_me(me) {}

bool DnsLoopback::update(const std::vector<uint32_t> &ips, std::string *error) {
  std::map<uint32_t, bool> wanted;
  for (uint32_t ip : ips) wanted[ip] = true;
  for (auto it = m_tcp.begin(); it != m_tcp.end();)
    it = wanted.count(it->first) ? std::next(it) : m_tcp.erase(it);
  for (auto it = m_udp.begin(); it != m_udp.end();)
    it = wanted.count(it->first) ? std::next(it) : m_udp.erase(it);
  const uint16_t port = MeshDnsServer::kPort;
  for (const auto &[ip, unused] : wanted) {
    if (!m_tcp.count(ip)) {
      auto tcp = std::make_unique<HostToStackForward>(m_loop);
      if (!tcp->listen(IpAddress::v4(ip), port, ip, port, error)) return false;
      m_tcp[ip] = std::move(tcp);
    }
    if (!m_udp.count(ip)) {
      auto udp = std::make_unique<HostToStackUdpRelay>(m_loop, m_me);
      if (!udp->listen(ip, port, error)) return false;
      m_udp[ip] = std::move(udp);
    }
    log::debug("dns: listening on %s:%d (tcp, udp)", formatIpv4(ip).c_str(), int(port));
  }
  return true;
}

}  // namespace routeless::agent
