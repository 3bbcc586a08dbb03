#pragma once
// One UDP port carried over the mesh: datagrams from each client (IPv4, port) go up its own
// flow and the answers come back to that client, one datagram for one datagram. Clients
// arrive on the stack (a host's own `/udp` forward: the VIP's port in lwIP) or on the host
// (loopback mode: a socket bound on VIP:port); each flow goes to a host-OS socket connected
// to the forward's target, or to an lwIP pcb sending to another host's VIP:port. Flows end
// when idle; their number, what waits for a name lookup and what waits for stdout are
// bounded, and what exceeds a bound is dropped and counted (UDP's own rule), never queued.
// It lives on the loop thread.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "agent/host/resolver.h"
#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/udp/hostudpsocket.h"
#include "agent/udp/stackudppcb.h"
#include "agent/udp/udpflowtable.h"

namespace routeless::agent {

// One client's flow of a UdpForward: where its datagrams go, and what waits for the target.
struct UdpFlow {
  std::unique_ptr<HostUdpSocket> host;
  std::unique_ptr<StackUdpPcb> stack;
  Resolver::Request lookup;
  std::deque<std::string> pending;  // while the target's name is looked up
  size_t pendingBytes = 0;
  bool failed = false;  // the lookup or the socket failed: drop until the flow expires
};

class UdpForward {
 public:
  // A flow that carried nothing either way for this long is closed: DNS-style exchanges are
  // done in seconds, and a minute of silence is what NodePass and most NATs allow.
  static constexpr int64_t kIdleMs = 60 * 1000;
  // Clients per forward: each holds a host socket or a pcb.
  static constexpr size_t kMaxFlows = 1024;
  // Datagrams of one flow held while its target's name is looked up.
  static constexpr size_t kMaxPendingBytes = 256 * 1024;
  // Datagrams into the stack are dropped while this much waits for stdout (TCP is held back
  // by its windows; UDP has none).
  static constexpr size_t kMaxStackQueueBytes = 8 * 1024 * 1024;

  // kIdleMs, or ROUTELESS_AGENT_UDP_IDLE_MS (1 s .. 1 h) when set: tests shorten it to see a
  // flow closed without waiting a minute.
  static int64_t idleMsFromEnvironment();

  struct Counters {
    uint64_t datagramsUp = 0;  // client -> target
    uint64_t bytesUp = 0;
    uint64_t datagramsDown = 0;  // target -> client
    uint64_t bytesDown = 0;
    uint64_t dropped = 0;  // full buffers, failed lookups, the flow cap
  };

  // `stackQueuedBytes` says how much waits for stdout (FrameWriter::bytesQueued).
  UdpForward(EventLoop &loop, Resolver &resolver, std::function<size_t()> stackQueuedBytes,
             int64_t idleMs = kIdleMs, size_t maxFlows = kMaxFlows);
  ~UdpForward();
  UdpForward(const UdpForward &) = delete;
  UdpForward &operator=(const UdpForward &) = delete;

  // Where clients' datagrams arrive (call one).
  bool listenOnStack(uint32_t ip, uint16_t port, std::string *error);
  bool listenOnHost(const IpAddress &address, uint16_t port, std::string *error,
                    bool *addressMissing = nullptr);
  // Where each client's flow goes (call one, before the first datagram).
  void toHost(const std::string &host, uint16_t port);
  void toStack(uint32_t me, uint32_t ip, uint16_t port);

  std::string description() const;
  // The host port clients reach (listenOnHost with port 0 picks one); 0 on the stack.
  uint16_t hostListenPort() const { return m_hostListener ? m_hostListener->localPort() : 0; }
  size_t flowCount() const { return m_flows.size(); }
  const Counters &counters() const { return m_counters; }
  const UdpFlowTable<UdpFlow>::Counters &flowCounters() const { return m_flows.counters(); }

 private:
  void fromClient(const char *data, size_t size, uint32_t ip, uint16_t port);
  void toClient(uint64_t key, const char *data, size_t size);
  std::unique_ptr<UdpFlow> openFlow(uint64_t key);
  void resolved(UdpFlow *flow, uint64_t key, const std::vector<IpAddress> &addresses,
                const std::string &error);
  bool stackFull();
  void scheduleSweep();

  EventLoop &m_loop;
  Resolver &m_resolver;
  std::function<size_t()> m_stackQueuedBytes;
  std::unique_ptr<StackUdpPcb> m_stackListener;
  std::unique_ptr<HostUdpSocket> m_hostListener;
  std::string m_listenText;
  // Target: a host name (toHost) or a VIP (toStack).
  std::string m_targetHost;
  uint32_t m_me = 0;
  uint32_t m_targetIp = 0;
  uint16_t m_targetPort = 0;
  bool m_targetOnStack = false;
  UdpFlowTable<UdpFlow> m_flows;
  Counters m_counters;
  uint64_t m_sweepTimer = 0;
  LifeToken m_life;
};

}  // namespace routeless::agent
