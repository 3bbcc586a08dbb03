#include "agent/stack/tcpforward.h"

#include "agent/log.h"
#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
}

namespace routeless::agent {

StackToHostForward::StackToHostForward(EventLoop &loop, Resolver &resolver)
    : m_loop(loop),
      m_resolver(resolver),
      m_listener([this](struct tcp_pcb *pcb) { return onAccept(pcb); }) {}

StackToHostForward::~StackToHostForward() {
  m_bridges.clear();  // bridges hold pcbs: they go before the listener
}

std::string StackToHostForward::description() const {
  return formatIpv4(m_ip) + ":" + std::to_string(m_port) + " -> " + m_connectHost + ":" +
         std::to_string(m_connectPort);
}

bool StackToHostForward::listen(uint32_t ip, uint16_t port, const std::string &connectHost,
                                uint16_t connectPort, std::string *error, bool reuse) {
  m_ip = ip;
  m_port = port;
  m_connectHost = connectHost;
  m_connectPort = connectPort;
  return m_listener.listen(ip, port, TCP_DEFAULT_LISTEN_BACKLOG, error, reuse);
}

signed char StackToHostForward::onAccept(struct tcp_pcb *pcb) {
  auto bridge = TcpBridge::fromStack(m_loop, m_resolver, pcb, m_connectHost, m_connectPort,
                                     [this](TcpBridge *b) { remove(b); });
  TcpBridge *key = bridge.get();
  m_bridges.emplace(key, std::move(bridge));
  return ERR_OK;
}

void StackToHostForward::remove(TcpBridge *bridge) {
  m_bridges.erase(bridge);
  if (m_bridges.empty() && onIdle) onIdle();
}

HostToStackForward::HostToStackForward(EventLoop &loop)
    : m_loop(loop), m_listener(loop, [this](NativeHandle accepted) {
        auto bridge = TcpBridge::intoStack(m_loop, accepted, m_stackIp, m_stackPort,
                                           [this](TcpBridge *b) { m_bridges.erase(b); });
        TcpBridge *key = bridge.get();
        m_bridges.emplace(key, std::move(bridge));
      }) {}

bool HostToStackForward::listen(const IpAddress &listenAddress, uint16_t port, uint32_t stackIp,
                                uint16_t stackPort, std::string *error) {
  m_stackIp = stackIp;
  m_stackPort = stackPort;
  return m_listener.listen(listenAddress, port, error);
}

}  // namespace routeless::agent
