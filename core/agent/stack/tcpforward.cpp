#include "agent/stack/tcpforward.h"

#include "agent/log.h"
#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
}

namespace routeless::agent {
namespace {

err_t acceptCallback(void *arg, struct tcp_pcb *pcb, err_t err) {
  if (err != ERR_OK || !pcb) return ERR_VAL;
  if (!arg) {
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  return static_cast<StackToHostForward *>(arg)->onAccept(pcb);
}

}  // namespace

StackToHostForward::StackToHostForward(EventLoop &loop, Resolver &resolver)
    : m_loop(loop), m_resolver(resolver) {}

StackToHostForward::~StackToHostForward() {
  m_bridges.clear();  // bridges hold pcbs: they go before the listener
  if (m_listener) {
    tcp_arg(m_listener, nullptr);
    tcp_accept(m_listener, nullptr);
    tcp_close(m_listener);
  }
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
  auto failed = [&](err_t err) {
    if (error)
      *error = "failed to listen on \"" + formatIpv4(ip) + ":" + std::to_string(port) +
               "\" in the network stack: " + lwipErrorText(err);
    return false;
  };
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) return failed(ERR_MEM);
  if (reuse) ip_set_option(pcb, SOF_REUSEADDR);
  ip_addr_t addr;
  ip_addr_set_ip4_u32_val(addr, lwip_htonl(ip));
  err_t err = tcp_bind(pcb, &addr, port);
  if (err != ERR_OK) {
    tcp_close(pcb);
    return failed(err);
  }
  struct tcp_pcb *listener = tcp_listen_with_backlog_and_err(pcb, TCP_DEFAULT_LISTEN_BACKLOG, &err);
  if (!listener) {
    tcp_close(pcb);
    return failed(err);
  }
  m_listener = listener;
  tcp_arg(m_listener, this);
  tcp_accept(m_listener, acceptCallback);
  return true;
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
