#pragma once
// Loopback mode's host side of the mesh DNS, as NoRouter's (§3.6): a host-OS TCP listener on
// every name server's VIP:10053 (its own included) carried into the stack, and a host UDP
// socket there (our extension) whose datagrams are relayed through the stack, one stack UDP
// port per client address and port. It never answers a query itself and keeps at most
// kMaxUdpFlows flows, each dropped after kUdpIdleMs without traffic.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/stack/tcpforward.h"

struct udp_pcb;
struct pbuf;

namespace routeless::agent {

// One host UDP socket at ip:port relayed to the same ip:port inside the stack.
class HostToStackUdpRelay {
 public:
  static constexpr size_t kMaxUdpFlows = 256;
  static constexpr int64_t kUdpIdleMs = 30 * 1000;

  HostToStackUdpRelay(EventLoop &loop, uint32_t stackSource);
  ~HostToStackUdpRelay();
  HostToStackUdpRelay(const HostToStackUdpRelay &) = delete;
  HostToStackUdpRelay &operator=(const HostToStackUdpRelay &) = delete;
  bool listen(uint32_t ip, uint16_t port, std::string *error);

  struct Flow;
  void fromStack(Flow *flow, struct pbuf *p);

 private:
  void onReadable();
  void sweep();
  void scheduleSweep();

  EventLoop &m_loop;
  uint32_t m_source;  // the stack's own address, where relayed datagrams come from
  uint32_t m_ip = 0;
  uint16_t m_port = 0;
  NativeHandle m_socket = kInvalidHandle;
  uint64_t m_watch = 0;
  uint64_t m_sweepTimer = 0;
  std::map<std::pair<std::string, uint16_t>, std::unique_ptr<Flow>> m_flows;
  LifeToken m_life;
};

class DnsLoopback {
 public:
  DnsLoopback(EventLoop &loop, uint32_t me);
  // Listens on each ip:10053 not listened on yet (TCP and UDP); drops those not in `ips`.
  bool update(const std::vector<uint32_t> &ips, std::string *error);

 private:
  EventLoop &m_loop;
  uint32_t m_me;
  std::map<uint32_t, std::unique_ptr<HostToStackForward>> m_tcp;
  std::map<uint32_t, std::unique_ptr<HostToStackUdpRelay>> m_udp;
};

}  // namespace routeless::agent
