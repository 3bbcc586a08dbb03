#include "agent/stack/stacklistener.h"

#include "agent/stack/netstack.h"
#include "agent/sys/socket.h"

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
  return static_cast<StackListener *>(arg)->lwipAccept(pcb);
}

}  // namespace

StackListener::StackListener(AcceptHandler onAccept) : m_onAccept(std::move(onAccept)) {}

StackListener::~StackListener() {
  if (!m_pcb) return;
  tcp_arg(m_pcb, nullptr);
  tcp_accept(m_pcb, nullptr);
  tcp_close(m_pcb);
}

bool StackListener::listen(uint32_t ip, uint16_t port, int backlog, std::string *error,
                           bool reuse) {
  auto failed = [&](err_t err) {
    if (error)
      *error = "failed to listen on \"" + formatIpv4(ip) + ":" + std::to_string(port) +
               "\" in the network stack: " + lwipErrorText(err);
    return false;
  };
  if (m_pcb) return failed(ERR_ISCONN);
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
  struct tcp_pcb *listener =
      tcp_listen_with_backlog_and_err(pcb, u8_t(backlog > 255 ? 255 : backlog), &err);
  if (!listener) {
    tcp_close(pcb);
    return failed(err);
  }
  m_pcb = listener;
  tcp_arg(m_pcb, this);
  tcp_accept(m_pcb, acceptCallback);
  return true;
}

signed char StackListener::lwipAccept(struct tcp_pcb *accepted) {
  if (!m_onAccept) {
    tcp_abort(accepted);
    return ERR_ABRT;
  }
  return m_onAccept(accepted);
}

}  // namespace routeless::agent
