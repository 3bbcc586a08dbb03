#pragma once
// The mesh agent, NoRouter 0.6.5 compatible: takes frames from the manager, configures the
// stack, listeners and forwards from the first configure request, exchanges L3 packets, and
// answers in routing mode (a bastion) for destinations that are not its own. It lives on the
// loop thread, the only one that touches lwIP, and writes nothing but frames to stdout.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "agent/dns/dnsloopback.h"
#include "agent/dns/etchosts.h"
#include "agent/dns/meshdnsclient.h"
#include "agent/dns/meshdnsserver.h"
#include "agent/framewriter.h"
#include "agent/host/localforward.h"
#include "agent/host/resolver.h"
#include "agent/proxy/proxyrules.h"
#include "agent/proxy/proxyserver.h"
#include "agent/speedtest/speedtestclient.h"
#include "agent/speedtest/speedtestservice.h"
#include "agent/stack/netstack.h"
#include "agent/stack/tcpforward.h"
#include "agent/stdinreader.h"
#include "agent/udp/udpforward.h"
#include "agent/wire/messages.h"

namespace routeless::agent {

class Agent {
 public:
  // A routing-mode address outlives its last listener this long, so that connections still
  // closing (LAST_ACK, FIN_WAIT) are not reset by removing their netif.
  static constexpr int64_t kRouteAddressLingerMs = 60 * 1000;
  // Once traffic has stopped for this long, free memory goes back to the system.
  static constexpr int64_t kIdleTrimMs = 2000;

  Agent(EventLoop &loop, FrameWriter &writer);
  ~Agent();
  Agent(const Agent &) = delete;
  Agent &operator=(const Agent &) = delete;

  void handleInput(const InputBatch &batch);
  // Sets up the stack and every listener; on failure it tears down what it made, says why,
  // and the agent stays unusable (as NoRouter's does: no result, no L3 frames).
  // A configured agent takes a second request that changes only what the other hosts publish
  // (`others`, names, routes, name servers): the "reconfigure" feature (kReconfigureFeature),
  // a Routeless extension that lets a manager add, edit or remove a host without restarting
  // the others; and its own `ports` and proxy listeners (kReconfigureForwardsFeature: a
  // forward stopped or started). Listeners that stay keep their connections; anything else in
  // it is refused.
  bool configure(const ConfigureArgs &args, std::string *error);
  bool isConfigured() const { return m_state == State::Configured; }
  // Runs the stack's due timers; returns the milliseconds until the next (-1: none).
  int checkTimeouts() { return m_stack.checkTimeouts(); }

 private:
  enum class State { Unconfigured, Configured, Failed };

  void handleJson(std::string_view json);
  void runMeshTest(const MeshTestRequest &request);
  void handleL3(const char *packet, size_t size, const std::shared_ptr<const void> &owner);
  void routeOnSyn(uint32_t dst, uint16_t port);
  void dropRoute(uint64_t key);
  bool setUp(const ConfigureArgs &args, uint32_t me, std::string *error);
  bool reconfigure(const ConfigureArgs &args, std::string *error);
  // Opens the listeners of one `ports` entry (the stack's, and the host's in loopback mode).
  bool openForward(const Forward &f, uint32_t me, bool loopbackDisable, std::string *error);
  // Closes the forwards `args` no longer has and opens its new ones; the others stay as they are.
  bool updateForwards(const ConfigureArgs &args, std::string *error);
  // Restarts a proxy whose listen address changed, starts a new one, stops one that went.
  bool updateProxies(const ConfigureArgs &args, std::string *error);
  // Replaces *slot with a proxy listening on `listen` (none when empty).
  bool openProxy(std::unique_ptr<ProxyServer> *slot, ProxyServer::Kind kind,
                 const std::string &listen, bool allowRemote, std::string *error);
  // Listens on the host at ip:port for the stack's ip:port (a port another host publishes).
  bool listenForOther(uint32_t ip, uint16_t port, std::string *error);
  // The same for a UDP port another host publishes (the "udp" feature, agent/udp).
  bool listenForUdpOther(uint32_t ip, uint16_t port, std::string *error);
  std::unique_ptr<UdpForward> newUdpForward();
  void tearDown();
  // Host listeners for every name server's VIP:10053 (loopback mode); a failure only warns.
  void listenForNameServers(const ConfigureArgs &args);
  void writeEtcHosts(const std::map<std::string, std::string> &names);
  void watchForIdle();
  // The proxies' rules and listeners (http.listen, socks.listen).
  bool setUpProxies(const ConfigureArgs &args, std::string *error);
  void lookUpOnHost(const std::string &name, ProxyRules::Addresses done);

  EventLoop &m_loop;
  FrameWriter &m_writer;
  NetStack m_stack;  // declared before everything holding pcbs: destroyed after them
  Resolver m_resolver;
  MeshDnsClient m_meshDns;  // another agent's DNS over the mesh (hostname-glob routes)
  State m_state = State::Unconfigured;
  // One `ports` entry's listeners, by (udp, listen port): a reconfigure closes only those of
  // the entries that went.
  struct ForwardListeners {
    Forward spec;
    std::unique_ptr<StackToHostForward> stack;  // tcp
    std::unique_ptr<UdpForward> udpStack;       // udp
    std::unique_ptr<LocalForward> local;        // tcp, loopback mode
    std::unique_ptr<UdpForward> udpLocal;       // udp, loopback mode
  };
  std::map<std::pair<bool, uint16_t>, ForwardListeners> m_ownForwards;
  // (ip, port) -> the listener for a port another host publishes.
  std::map<std::pair<uint32_t, uint16_t>, std::unique_ptr<HostToStackForward>> m_others;
  std::map<std::pair<uint32_t, uint16_t>, std::unique_ptr<UdpForward>> m_udpOthers;
  int64_t m_udpIdleMs;
  ConfigureArgs m_args;                        // what the agent was configured with
  std::unique_ptr<MeshDnsServer> m_dns;        // VIP:10053 in the stack
  std::unique_ptr<DnsLoopback> m_dnsLoopback;  // every name server's VIP:10053 on the host
  std::unique_ptr<EtcHostsBlock> m_etcHosts;   // writeEtcHosts
  std::map<uint64_t, std::unique_ptr<StackToHostForward>> m_routes;  // (ip << 16) | port
  // The speed test (kMeshTestFeature): served while configured, unless a forward took its port.
  std::unique_ptr<SpeedTestService> m_speedTest;
  SpeedTestClient m_speedTestClient{m_loop};
  ProxyRules m_proxyRules;
  std::unique_ptr<ProxyServer> m_httpProxy;
  std::unique_ptr<ProxyServer> m_socksProxy;
  std::map<uint64_t, Resolver::Request> m_hostLookups;  // the proxies' host lookups running
  uint64_t m_nextLookup = 0;
  LifeToken m_life;
  uint64_t m_packetsSeen = 0;  // at the last idle check
  bool m_busySinceTrim = false;
  uint64_t m_earlyDrops = 0;
  uint64_t m_routingDrops = 0;
};

}  // namespace routeless::agent
