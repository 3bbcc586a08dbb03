#include "agent/udp/stackudppcb.h"

#include "agent/stack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"
}

namespace routeless::agent {
namespace {

void receiveCallback(void *arg, struct udp_pcb *, struct pbuf *p, const ip_addr_t *addr,
                     u16_t port) {
  if (!arg || !addr) {
    pbuf_free(p);
    return;
  }
  static_cast<StackUdpPcb *>(arg)->received(p, lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(addr))), port);
}

ip_addr_t toLwip(uint32_t ip) {
  ip_addr_t a;
  ip_addr_set_ip4_u32_val(a, lwip_htonl(ip));
  return a;
}

}  // namespace

StackUdpPcb::~StackUdpPcb() {
  if (m_pcb) {
    udp_recv(m_pcb, nullptr, nullptr);
    udp_remove(m_pcb);
  }
}

bool StackUdpPcb::bind(uint32_t ip, uint16_t port, std::string *error) {
  if (!m_pcb) m_pcb = udp_new();
  if (!m_pcb) {
    *error = "udp_new: out of memory";
    return false;
  }
  const ip_addr_t a = toLwip(ip);
  const err_t err = udp_bind(m_pcb, &a, port);
  if (err != ERR_OK) {
    *error = std::string("udp_bind: ") + lwipErrorText(err);
    return false;
  }
  udp_recv(m_pcb, receiveCallback, this);
  return true;
}

bool StackUdpPcb::connect(uint32_t ip, uint16_t port, std::string *error) {
  if (!m_pcb) {
    *error = "udp_connect: not bound";
    return false;
  }
  const ip_addr_t a = toLwip(ip);
  const err_t err = udp_connect(m_pcb, &a, port);
  if (err != ERR_OK) {
    *error = std::string("udp_connect: ") + lwipErrorText(err);
    return false;
  }
  return true;
}

uint16_t StackUdpPcb::localPort() const { return m_pcb ? m_pcb->local_port : 0; }

bool StackUdpPcb::sendTo(const char *data, size_t size, uint32_t ip, uint16_t port) {
  if (!m_pcb || size > 65507) return false;
  struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, u16_t(size), PBUF_RAM);
  if (!p) return false;
  if (size > 0 && pbuf_take(p, data, u16_t(size)) != ERR_OK) {
    pbuf_free(p);
    return false;
  }
  const ip_addr_t a = toLwip(ip);
  const err_t err = udp_sendto(m_pcb, p, &a, port);
  pbuf_free(p);
  return err == ERR_OK;
}

void StackUdpPcb::received(struct pbuf *p, uint32_t fromIp, uint16_t fromPort) {
  // Whole datagrams only: IP_REASSEMBLY is off, so a datagram is one packet (MTU 65535).
  static char buffer[65536];
  const char *data = static_cast<const char *>(p->payload);
  const size_t size = p->tot_len;
  if (p->len != p->tot_len) {
    pbuf_copy_partial(p, buffer, p->tot_len, 0);
    data = buffer;
  }
  if (onDatagram) onDatagram(data, size, fromIp, fromPort);
  pbuf_free(p);
}

}  // namespace routeless::agent
