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
      m_udpIdleMs(UdpForward::idleMsFromEnvironment()) {}

Agent::~Agent() {
  // Bridges and listeners hold lwIP pcbs: they go before the stack does.
  tearDown();
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
    result.version = kNoRouterVersion;
    m_writer.writeJson(encodeConfigureResult(result));
    log::info("configured: %s", req->args.me.c_str());
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
  const IpAddress meAddress = IpAddress::v4(me);

  for (const Forward &f : forwards) {
    if (f.proto == "udp") {
      if (!args.loopbackDisable) {
        auto local = newUdpForward();
        if (!local->listenOnHost(meAddress, f.listenPort, error)) return false;
        local->toHost(f.connectIp, f.connectPort);
        m_udpForwards.push_back(std::move(local));
      }
      auto forward = newUdpForward();
      if (!forward->listenOnStack(me, f.listenPort, error)) return false;
      forward->toHost(f.connectIp, f.connectPort);
      log::debug("forward %s", forward->description().c_str());
      m_udpForwards.push_back(std::move(forward));
      continue;
    }
    if (!args.loopbackDisable) {
      auto local = std::make_unique<LocalForward>(m_loop, m_resolver);
      if (!local->listen(meAddress, f.listenPort, f.connectIp, f.connectPort, error)) return false;
      m_localForwards.push_back(std::move(local));
    }
    auto forward = std::make_unique<StackToHostForward>(m_loop, m_resolver);
    if (!forward->listen(me, f.listenPort, f.connectIp, f.connectPort, error)) return false;
    log::debug("forward %s", forward->description().c_str());
    m_forwards.push_back(std::move(forward));
  }
  if (!args.loopbackDisable) {
    for (const auto &[ip, port, udp] : others)
      if (!(udp ? listenForUdpOther(ip, port, error) : listenForOther(ip, port, error)))
        return false;
  }
  m_args = args;
  if (!args.stateDirDisable) {
    std::string why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      log::warning("failed to create the state directory: %s", why.c_str());
  }
  if (args.writeEtcHosts)
    log::warning(
        "writeEtcHosts ignored: this agent only writes the hosts file in its state "
        "directory");
  if (!args.httpListen.empty())
    log::warning("http.listen %s ignored: this agent has no HTTP proxy", args.httpListen.c_str());
  if (!args.socksListen.empty())
    log::warning("socks.listen %s ignored: this agent has no SOCKS proxy",
                 args.socksListen.c_str());
  return true;
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

bool Agent::reconfigure(const ConfigureArgs &args, std::string *error) {
  // Only what other hosts publish may change; this host's own settings need a new agent.
  ConfigureArgs own = args;
  own.others = m_args.others;
  own.hostnameMap = m_args.hostnameMap;
  own.routes = m_args.routes;
  own.nameServers = m_args.nameServers;
  if (!(own == m_args)) {
    *error =
        "reconfigure may only change others, hostnameMap, routes and nameServers; this host's "
        "own settings need a new agent";
    return false;
  }
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
  if (!args.stateDirDisable && args.hostnameMap != m_args.hostnameMap) {
    std::string why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      log::warning("failed to update the state directory: %s", why.c_str());
  }
  m_args = args;
  return true;
}

void Agent::tearDown() {
  m_routes.clear();
  m_udpOthers.clear();
  m_udpForwards.clear();
  m_others.clear();
  m_forwards.clear();
  m_localForwards.clear();
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
