#include "agent/agent.h"

#include <tuple>

#include "agent/log.h"
#include "agent/statedir.h"
#include "agent/sys/process.h"
#include "agent/wire/frame.h"

namespace routeless::agent {
namespace {

uint32_t be32(const unsigned char *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
uint16_t be16(const unsigned char *p) { return uint16_t((p[0] << 8) | p[1]); }

}  // namespace

Agent::Agent(EventLoop &loop, FrameWriter &writer)
    : m_loop(loop),
      m_writer(writer),
      m_stack(&writer),
      m_resolver(loop),
      m_meshDns(loop, m_stack),
      m_udpIdleMs(UdpForward::idleMsFromEnvironment()) {}

Agent::~Agent() {
  // Bridges and listeners hold lwIP pcbs: they go before the stack does.
  tearDown();
  // A clean stop (stdin closed, SIGTERM) takes the mesh names out of the hosts file again.
  if (m_etcHosts) {
    std::string why;
    if (!m_etcHosts->remove(&why))
      log::warning("failed to remove the mesh names from %s: %s", m_etcHosts->path().c_str(),
                   why.c_str());
  }
}

void Agent::handleInput(const InputBatch &batch) {
  static const std::shared_ptr<const void> copied;
  for (const InputBatch::Frame &f : batch.frames) {
    switch (f.type) {
      case uint16_t(FrameType::Json):
        handleJson(std::string_view(f.data, f.size));
        break;
      case uint16_t(FrameType::L3):
        // lwIP reads packets in place; the read buffer lives as long as any of them.
        handleL3(f.data, f.size, f.inChunk ? batch.chunk : copied);
        break;
      default:
        log::warning("unknown packet type %d", int(f.type));
    }
  }
}

void Agent::handleJson(std::string_view json) {
  if (log::debugEnabled())
    log::debug("received JSON: %.*s", int(json.size() > 1500 ? 1500 : json.size()), json.data());
  std::string error;
  const std::optional<Message> msg = decodeMessage(json, &error);
  if (!msg) {
    log::warning("failed to call onRecvJSON: %s", error.c_str());
    return;
  }
  if (const auto *req = std::get_if<ConfigureRequest>(&*msg)) {
    const bool again = m_state == State::Configured;
    if (!configure(req->args, &error)) {
      log::warning("failed to call onRecvJSON: %s", error.c_str());
      // A first request fails silently, as NoRouter's; a refused reconfigure (our extension)
      // says why, so that the manager restarts this agent instead of waiting.
      if (again) {
        ConfigureResult refused;
        refused.requestId = req->id;
        refused.error = error;
        m_writer.writeJson(encodeConfigureResult(refused));
      }
      return;
    }
    ConfigureResult result;
    result.requestId = req->id;
    result.features = agentFeatures();
    if (!m_speedTest) std::erase(result.features, std::string(kMeshTestFeature));
    result.version = kNoRouterVersion;
    m_writer.writeJson(encodeConfigureResult(result));
    log::info("configured: %s", req->args.me.c_str());
    return;
  }
  if (const auto *test = std::get_if<MeshTestRequest>(&*msg)) {
    runMeshTest(*test);
    return;
  }
  if (const auto *other = std::get_if<OtherMessage>(&*msg)) {
    if (other->kind == "request")
      log::warning("failed to call onRecvJSON: unexpected JSON op: \"%s\"", other->op.c_str());
    else
      log::warning("failed to call onRecvJSON: unexpected message type: \"%s\"",
                   other->kind.c_str());
    return;
  }
  log::warning("failed to call onRecvJSON: unexpected message type: \"%s\"",
               std::holds_alternative<ConfigureResult>(*msg) ? "result" : "event");
}

bool Agent::configure(const ConfigureArgs &args, std::string *error) {
  if (m_state == State::Configured) return reconfigure(args, error);
  if (m_state != State::Unconfigured) {
    *error = "agent is already configured";
    return false;
  }
  const auto me = parseIpv4(args.me);
  if (!me) {
    *error = "unexpected IP " + args.me;
    return false;
  }
  if (!setUp(args, *me, error)) {
    tearDown();
    m_state = State::Failed;
    return false;
  }
  m_state = State::Configured;
  watchForIdle();
  return true;
}

void Agent::watchForIdle() {
  m_loop.startTimer(kIdleTrimMs, [this, alive = m_life.watch()] {
    if (alive.expired()) return;
    const uint64_t packets = m_stack.packetsIn() + m_stack.packetsOut();
    if (packets != m_packetsSeen) {
      m_busySinceTrim = true;
    } else if (m_busySinceTrim) {
      m_busySinceTrim = false;
      sys::releaseFreeMemory();
    }
    m_packetsSeen = packets;
    watchForIdle();
  });
}

bool Agent::setUp(const ConfigureArgs &args, uint32_t me, std::string *error) {
  // "/udp" ports (our extension, the "udp" feature) are carried by agent/udp; any protocol
  // other than tcp and udp fails the configure, as in NoRouter.
  error->clear();
  auto supported = [error](const std::string &proto) {
    if (proto == "tcp" || proto == "udp") return true;
    *error = "expected proto be \"tcp\", got \"" + proto + "\"";
    return false;
  };
  std::vector<Forward> forwards;
  for (const Forward &f : args.forwards) {
    if (!supported(f.proto)) return false;
    forwards.push_back(f);
  }
  std::vector<std::tuple<uint32_t, uint16_t, bool>> others;  // ip, port, udp
  for (const IpPortProto &o : args.others) {
    const auto ip = parseIpv4(o.ip);
    if (!ip) {
      *error = "others: unexpected IP " + o.ip;
      return false;
    }
    if (!supported(o.proto)) return false;
    others.emplace_back(*ip, o.port, o.proto == "udp");
  }
  if (!m_stack.isStarted() && !m_stack.start(me, error)) return false;
  for (const Forward &f : forwards)
    if (!openForward(f, me, args.loopbackDisable, error)) return false;
  if (!args.loopbackDisable) {
    for (const auto &[ip, port, udp] : others)
      if (!(udp ? listenForUdpOther(ip, port, error) : listenForOther(ip, port, error)))
        return false;
  }
  // After the forwards: a manifest that forwards the speed test's port keeps its forward.
  auto speedTest = std::make_unique<SpeedTestService>(m_loop);
  std::string speedTestError;
  if (speedTest->listen(me, &speedTestError))
    m_speedTest = std::move(speedTest);
  else
    log::warning("%s; the speed test is off", speedTestError.c_str());
  m_dns = std::make_unique<MeshDnsServer>(m_loop);
  if (!m_dns->start(me, error)) return false;
  m_dns->setNames(args.hostnameMap);
  if (!args.loopbackDisable) {
    m_dnsLoopback = std::make_unique<DnsLoopback>(m_loop, me);
    listenForNameServers(args);
  }
  m_args = args;
  if (!args.stateDirDisable) {
    std::string why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      log::warning("failed to create the state directory: %s", why.c_str());
  }
  if (args.writeEtcHosts) writeEtcHosts(args.hostnameMap);
  return setUpProxies(args, error);
}

bool Agent::setUpProxies(const ConfigureArgs &args, std::string *error) {
  if (!m_proxyRules.configure(args, error)) return false;
  m_proxyRules.setHostLookup(
      [this](const std::string &name, ProxyRules::Addresses done) { lookUpOnHost(name, done); });
  m_proxyRules.setLearned([this](const RouteSuggestion &suggestion) {
    m_writer.writeJson(encodeRouteSuggestion(suggestion));
  });
  // Hostname-glob routes: the bastion's built-in DNS, asked over the mesh.
  m_proxyRules.setMeshLookup(
      [this](uint32_t via, const std::string &name, ProxyRules::Addresses done) {
        m_meshDns.queryA(via, name, std::move(done));
      });
  return openProxy(&m_httpProxy, ProxyServer::Kind::Http, args.httpListen, args.httpAllowRemote,
                   error) &&
         openProxy(&m_socksProxy, ProxyServer::Kind::Socks, args.socksListen, args.socksAllowRemote,
                   error);
}

bool Agent::openProxy(std::unique_ptr<ProxyServer> *slot, ProxyServer::Kind kind,
                      const std::string &listen, bool allowRemote, std::string *error) {
  slot->reset();
  if (listen.empty()) return true;
  *slot = std::make_unique<ProxyServer>(m_loop, m_resolver, m_proxyRules, kind);
  return (*slot)->listen(listen, allowRemote, error);
}

void Agent::lookUpOnHost(const std::string &name, ProxyRules::Addresses done) {
  // The request lives in m_hostLookups until its answer (dropping it would cancel it).
  const uint64_t id = ++m_nextLookup;
  m_hostLookups[id] =
      m_resolver.resolve(name, [this, id, done, alive = m_life.watch()](
                                   std::vector<IpAddress> addresses, const std::string &error) {
        if (alive.expired()) return;
        m_loop.defer([this, id, alive] {
          if (!alive.expired()) m_hostLookups.erase(id);
        });
        std::vector<uint32_t> v4;
        for (const IpAddress &a : addresses)
          if (a.family == IpAddress::Family::V4) v4.push_back(a.v4HostOrder());
        done(std::move(v4), error);
      });
}

void Agent::listenForNameServers(const ConfigureArgs &args) {
  std::vector<uint32_t> ips;
  for (const IpPortProto &ns : args.nameServers)
    if (const auto ip = parseIpv4(ns.ip)) ips.push_back(*ip);
  std::string why;
  // NoRouter fails the configure here; a second agent with loopback on, on the same machine,
  // holds these addresses already, and losing host-side DNS is better than losing the agent.
  if (!m_dnsLoopback->update(ips, &why))
    log::warning("DNS on VIP:%d not reachable from this host: %s", int(MeshDnsServer::kPort),
                 why.c_str());
}

void Agent::writeEtcHosts(const std::map<std::string, std::string> &names) {
  if (!m_etcHosts) m_etcHosts = std::make_unique<EtcHostsBlock>(sys::systemHostsPath());
  std::string why;
  if (!m_etcHosts->write(names, &why))
    log::warning("failed to write the mesh names into %s: %s", m_etcHosts->path().c_str(),
                 why.c_str());
}

bool Agent::listenForOther(uint32_t ip, uint16_t port, std::string *error) {
  auto other = std::make_unique<HostToStackForward>(m_loop);
  if (!other->listen(IpAddress::v4(ip), port, ip, port, error)) return false;
  log::debug("other %s:%d", formatIpv4(ip).c_str(), int(port));
  m_others[{ip, port}] = std::move(other);
  return true;
}

std::unique_ptr<UdpForward> Agent::newUdpForward() {
  return std::make_unique<UdpForward>(
      m_loop, m_resolver, [this] { return m_writer.bytesQueued(); }, m_udpIdleMs);
}

bool Agent::listenForUdpOther(uint32_t ip, uint16_t port, std::string *error) {
  auto other = newUdpForward();
  if (!other->listenOnHost(IpAddress::v4(ip), port, error)) return false;
  other->toStack(m_stack.address(), ip, port);
  log::debug("other %s", other->description().c_str());
  m_udpOthers[{ip, port}] = std::move(other);
  return true;
}

bool Agent::openForward(const Forward &f, uint32_t me, bool loopbackDisable, std::string *error) {
  const std::pair<bool, uint16_t> key{f.proto == "udp", f.listenPort};
  if (m_ownForwards.count(key)) {
    *error = "forwards: port " + std::to_string(f.listenPort) + "/" + f.proto + " twice";
    return false;
  }
  ForwardListeners listeners;
  listeners.spec = f;
  const IpAddress meAddress = IpAddress::v4(me);
  if (key.first) {
    if (!loopbackDisable) {
      listeners.udpLocal = newUdpForward();
      if (!listeners.udpLocal->listenOnHost(meAddress, f.listenPort, error)) return false;
      listeners.udpLocal->toHost(f.connectIp, f.connectPort);
    }
    listeners.udpStack = newUdpForward();
    if (!listeners.udpStack->listenOnStack(me, f.listenPort, error)) return false;
    listeners.udpStack->toHost(f.connectIp, f.connectPort);
    log::debug("forward %s", listeners.udpStack->description().c_str());
  } else {
    if (!loopbackDisable) {
      listeners.local = std::make_unique<LocalForward>(m_loop, m_resolver);
      if (!listeners.local->listen(meAddress, f.listenPort, f.connectIp, f.connectPort, error))
        return false;
    }
    listeners.stack = std::make_unique<StackToHostForward>(m_loop, m_resolver);
    if (!listeners.stack->listen(me, f.listenPort, f.connectIp, f.connectPort, error)) return false;
    log::debug("forward %s", listeners.stack->description().c_str());
  }
  m_ownForwards.emplace(key, std::move(listeners));
  return true;
}

bool Agent::updateForwards(const ConfigureArgs &args, std::string *error) {
  if (args.forwards == m_args.forwards) return true;
  std::map<std::pair<bool, uint16_t>, const Forward *> wanted;
  for (const Forward &f : args.forwards) {
    if (f.proto != "tcp" && f.proto != "udp") {
      *error = "expected proto be \"tcp\", got \"" + f.proto + "\"";
      return false;
    }
    wanted[{f.proto == "udp", f.listenPort}] = &f;
  }
  // First close what went or changed (its port may be the one a changed entry needs).
  for (auto it = m_ownForwards.begin(); it != m_ownForwards.end();) {
    const auto w = wanted.find(it->first);
    if (w != wanted.end() && *w->second == it->second.spec) {
      ++it;
      continue;
    }
    log::info("forward %d/%s: stopped", int(it->first.second), it->second.spec.proto.c_str());
    it = m_ownForwards.erase(it);
  }
  const uint32_t me = m_stack.address();
  for (const auto &[key, f] : wanted) {
    if (m_ownForwards.count(key)) continue;
    // A port that cannot be listened on fails the request; the forwards opened so far stay.
    if (!openForward(*f, me, args.loopbackDisable, error)) return false;
    log::info("forward %d/%s: started", int(key.second), f->proto.c_str());
  }
  return true;
}

bool Agent::updateProxies(const ConfigureArgs &args, std::string *error) {
  if (args.httpListen != m_args.httpListen || args.httpAllowRemote != m_args.httpAllowRemote) {
    if (!openProxy(&m_httpProxy, ProxyServer::Kind::Http, args.httpListen, args.httpAllowRemote,
                   error))
      return false;
    log::info("HTTP proxy: %s", args.httpListen.empty() ? "stopped" : args.httpListen.c_str());
  }
  if (args.socksListen != m_args.socksListen || args.socksAllowRemote != m_args.socksAllowRemote) {
    if (!openProxy(&m_socksProxy, ProxyServer::Kind::Socks, args.socksListen, args.socksAllowRemote,
                   error))
      return false;
    log::info("SOCKS proxy: %s", args.socksListen.empty() ? "stopped" : args.socksListen.c_str());
  }
  return true;
}

bool Agent::reconfigure(const ConfigureArgs &args, std::string *error) {
  // What other hosts publish, this host's ports and its proxies change in place; any other
  // setting of this host needs a new agent.
  ConfigureArgs own = args;
  own.others = m_args.others;
  own.hostnameMap = m_args.hostnameMap;
  own.routes = m_args.routes;
  own.nameServers = m_args.nameServers;
  own.forwards = m_args.forwards;
  own.httpListen = m_args.httpListen;
  own.httpAllowRemote = m_args.httpAllowRemote;
  own.socksListen = m_args.socksListen;
  own.socksAllowRemote = m_args.socksAllowRemote;
  if (!(own == m_args)) {
    *error =
        "reconfigure may only change others, hostnameMap, routes, nameServers, forwards, http "
        "and socks; this host's own settings need a new agent";
    return false;
  }
  // m_args follows each part once it is applied, so that a request refused half way leaves
  // it true for what runs (the manager then restarts the agent anyway).
  if (!updateForwards(args, error)) return false;
  m_args.forwards = args.forwards;
  if (!m_proxyRules.configure(args, error)) return false;
  if (!updateProxies(args, error)) return false;
  if (!args.loopbackDisable) {
    // As setUp: TCP and UDP listeners, each kept when it is still published.
    std::map<std::pair<uint32_t, uint16_t>, bool> wanted, wantedUdp;
    for (const IpPortProto &o : args.others) {
      const auto ip = parseIpv4(o.ip);
      if (!ip) {
        *error = "others: unexpected IP " + o.ip;
        return false;
      }
      if (o.proto == "tcp") wanted[{*ip, o.port}] = true;
      if (o.proto == "udp") wantedUdp[{*ip, o.port}] = true;
    }
    for (auto it = m_others.begin(); it != m_others.end();) {
      if (wanted.count(it->first)) {
        ++it;
        continue;
      }
      log::debug("other %s:%d: no longer published", formatIpv4(it->first.first).c_str(),
                 int(it->first.second));
      it = m_others.erase(it);
    }
    for (auto it = m_udpOthers.begin(); it != m_udpOthers.end();)
      it = wantedUdp.count(it->first) ? std::next(it) : m_udpOthers.erase(it);
    for (const auto &[key, unused] : wanted) {
      if (m_others.count(key)) continue;
      // A port that cannot be listened on fails the request; the listeners made so far stay.
      if (!listenForOther(key.first, key.second, error)) return false;
    }
    for (const auto &[key, unused] : wantedUdp) {
      if (m_udpOthers.count(key)) continue;
      if (!listenForUdpOther(key.first, key.second, error)) return false;
    }
  }
  if (m_dns) m_dns->setNames(args.hostnameMap);
  if (m_dnsLoopback && args.nameServers != m_args.nameServers) listenForNameServers(args);
  if (args.writeEtcHosts && args.hostnameMap != m_args.hostnameMap) writeEtcHosts(args.hostnameMap);
  if (!args.stateDirDisable && args.hostnameMap != m_args.hostnameMap) {
    std::string why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      log::warning("failed to update the state directory: %s", why.c_str());
  }
  m_args = args;
  return true;
}

void Agent::runMeshTest(const MeshTestRequest &request) {
  MeshTestResult refused;
  refused.requestId = request.id;
  uint32_t to = 0;
  int64_t seconds = 0;
  if (m_state != State::Configured || !m_speedTest)
    refused.error = "meshTest: this agent is not configured or has no speed test";
  else if (SpeedTestClient::checkArgs(request.args, m_stack.address(), &to, &seconds,
                                      &refused.error) &&
           m_speedTestClient.start(
               to, seconds,
               [this, id = request.id, alive = m_life.watch()](const MeshTestFigures &figures,
                                                               const std::string &error) {
                 if (alive.expired()) return;
                 MeshTestResult result;
                 result.requestId = id;
                 result.error = error;
                 if (error.empty()) result.figures = figures;
                 m_writer.writeJson(encodeMeshTestResult(result));
               },
               &refused.error))
    return;
  log::warning("%s", refused.error.c_str());
  m_writer.writeJson(encodeMeshTestResult(refused));
}

void Agent::tearDown() {
  m_speedTest.reset();
  m_httpProxy.reset();
  m_socksProxy.reset();
  m_hostLookups.clear();
  m_dnsLoopback.reset();
  m_dns.reset();
  m_routes.clear();
  m_udpOthers.clear();
  m_others.clear();
  m_ownForwards.clear();
}

void Agent::handleL3(const char *packet, size_t size, const std::shared_ptr<const void> &owner) {
  if (m_state != State::Configured) {
    if (m_earlyDrops++ % 1000 == 0)
      log::warning("failed to call onRecvL3: received L3 before configuration (%llu dropped)",
                   (unsigned long long)m_earlyDrops);
    return;
  }
  const auto *b = reinterpret_cast<const unsigned char *>(packet);
  if (size < kMinIpv4Packet || (b[0] >> 4) != 4) {
    log::warning("failed to call onRecvL3: packet does not contain valid dst");
    return;
  }
  const uint32_t dst = be32(b + 16);
  if (dst != m_stack.address()) {
    // Routing mode (a bastion): a SYN to a foreign address is answered from that address,
    // and the connection is dialled from this host.
    const size_t ihl = size_t(b[0] & 0x0F) * 4;
    if (b[9] != 6 || size < ihl + 20) {
      if (m_routingDrops++ % 1000 == 0)
        log::warning("failed to call onRecvL3: received non-TCP packet for %s (%llu dropped)",
                     formatIpv4(dst).c_str(), (unsigned long long)m_routingDrops);
      return;
    }
    const unsigned char flags = b[ihl + 13];
    if ((flags & 0x02) && !(flags & 0x10)) routeOnSyn(dst, be16(b + ihl + 2));
  }
  m_stack.input(packet, size, owner);
}

void Agent::routeOnSyn(uint32_t dst, uint16_t port) {
  const uint64_t key = (uint64_t(dst) << 16) | port;
  if (m_routes.count(key)) return;
  const std::string target = formatIpv4(dst);
  std::string error;
  if (!m_stack.addAddress(dst, &error)) {
    log::warning("failed to call hookRouteOnSYN: %s", error.c_str());
    return;
  }
  auto forward = std::make_unique<StackToHostForward>(m_loop, m_resolver);
  if (!forward->listen(dst, port, target, port, &error, true)) {
    log::warning("failed to call hookRouteOnSYN: %s", error.c_str());
    return;
  }
  // Removed from the loop, never from inside the forward's own callback.
  forward->onIdle = [this, key, alive = m_life.watch()] {
    m_loop.defer([this, key, alive] {
      if (!alive.expired()) dropRoute(key);
    });
  };
  m_routes[key] = std::move(forward);
  log::debug("routing mode: answering for %s:%d", target.c_str(), int(port));
}

void Agent::dropRoute(uint64_t key) {
  auto it = m_routes.find(key);
  if (it == m_routes.end() || it->second->activeConnections() > 0) return;
  m_routes.erase(it);
  const uint32_t ip = uint32_t(key >> 16);
  m_loop.startTimer(kRouteAddressLingerMs, [this, ip, alive = m_life.watch()] {
    if (alive.expired()) return;
    for (const auto &[k, f] : m_routes)
      if (uint32_t(k >> 16) == ip) return;
    m_stack.removeAddress(ip);
  });
}

}  // namespace routeless::agent
