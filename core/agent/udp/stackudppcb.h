#pragma once
// One lwIP UDP pcb of the agent: bound to the VIP (a forward's port, or an ephemeral port for
// one client's flow), optionally connected to one peer. It copies each datagram out whole and
// sends datagrams whole from the VIP; it only runs on the loop thread, which owns lwIP.

#include <cstdint>
#include <functional>
#include <string>

struct udp_pcb;
struct pbuf;

namespace routeless::agent {

class StackUdpPcb {
 public:
  StackUdpPcb() = default;
  ~StackUdpPcb();
  StackUdpPcb(const StackUdpPcb &) = delete;
  StackUdpPcb &operator=(const StackUdpPcb &) = delete;

  // Called with each datagram and its sender (host order); valid only during the call. It must
  // not destroy this object.
  std::function<void(const char *data, size_t size, uint32_t fromIp, uint16_t fromPort)> onDatagram;

  // Binds to ip:port (port 0: an ephemeral one).
  bool bind(uint32_t ip, uint16_t port, std::string *error);
  // Only datagrams from ip:port are received afterwards.
  bool connect(uint32_t ip, uint16_t port, std::string *error);
  bool sendTo(const char *data, size_t size, uint32_t ip, uint16_t port);
  uint16_t localPort() const;

  // lwIP's receive callback (internal).
  void received(struct pbuf *p, uint32_t fromIp, uint16_t fromPort);

 private:
  struct udp_pcb *m_pcb = nullptr;
};

}  // namespace routeless::agent
