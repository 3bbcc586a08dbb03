#include "mesh/configurebuilder.h"

#include <QHash>
#include <algorithm>
#include <cassert>

namespace routeless::mesh {
namespace {

std::vector<std::string> toStd(const QStringList &list) {
  std::vector<std::string> out;
  out.reserve(size_t(list.size()));
  for (const QString &s : list) out.push_back(s.toStdString());
  return out;
}

// The agent's encoding of a configure request whose args hold nothing but an empty `me`:
//   {"type":"request","body":{"id":0,"op":"configure","args":{"me":"","http":{},...}}}
// Every shared part is cut out of the encoder's own output at one of two places: just before
// `,"http":` (forwards, others and hostnameMap come before it in Go's field order) or just
// before the final `}}}` (routes and nameServers are the last fields). `,"http":` cannot
// occur earlier inside a string: a quote inside a JSON string is always escaped.
constexpr std::string_view kHttpField = ",\"http\":{";
constexpr size_t kClosing = 3;  // "}}}": args, body, envelope

const std::string &emptyRequest() {
  static const std::string empty = agent::encodeConfigureRequest(0, agent::ConfigureArgs());
  return empty;
}

// The bytes the encoder writes for the one field set in `args`, which sits at `at` in the
// empty request (kHttpField's place or the closing's).
std::string fieldJson(const agent::ConfigureArgs &args, size_t at) {
  const std::string &empty = emptyRequest();
  const std::string with = agent::encodeConfigureRequest(0, args);
  assert(with.compare(0, at, empty, 0, at) == 0 &&
         with.compare(with.size() - (empty.size() - at), std::string::npos, empty, at) == 0);
  return with.substr(at, with.size() - empty.size());
}

size_t beforeHttp() { return emptyRequest().find(kHttpField); }
size_t beforeClosing() { return emptyRequest().size() - kClosing; }

agent::ConfigureArgs ownSettings(const HostSpec &h) {
  agent::ConfigureArgs a;
  a.me = h.vip.toStdString();
  for (const PortSpec &p : h.ports)
    a.forwards.push_back(agent::Forward{p.listenPort, p.connectHost.toStdString(), p.connectPort,
                                        p.proto.toStdString()});
  a.httpListen = h.httpListen.toStdString();
  a.socksListen = h.socksListen.toStdString();
  a.httpAllowRemote = h.httpAllowRemote;
  a.socksAllowRemote = h.socksAllowRemote;
  a.loopbackDisable = h.loopbackDisable;
  a.stateDirPath = h.stateDirPath.toStdString();  // verbatim: the agent expands ~ and ${VAR}
  a.stateDirDisable = h.stateDirDisable;
  a.writeEtcHosts = h.writeEtcHosts;
  return a;
}

}  // namespace

MeshConfigure::MeshConfigure(const Manifest &m) {
  QHash<QString, QString> vipOf;  // host name -> VIP, for routes' `via`
  for (const HostSpec &h : m.hosts) {
    m_hostnameMap[h.name.toStdString()] = h.vip.toStdString();
    for (const QString &alias : h.aliases) m_hostnameMap[alias.toStdString()] = h.vip.toStdString();
    m_nameServers.push_back(agent::IpPortProto{h.vip.toStdString(), kBuiltinDnsPort, "tcp"});
    if (!vipOf.contains(h.name)) vipOf.insert(h.name, h.vip);  // Manifest::host(): the first
  }
  for (const RouteSpec &r : m.routes) {
    const QString via = vipOf.value(r.via, canonicalIpv4(r.via));
    m_routes.push_back(agent::Route{toStd(r.toCidr), toStd(r.toHostnameGlob), via.toStdString()});
  }

  agent::ConfigureArgs shared;
  shared.hostnameMap = m_hostnameMap;
  m_hostnameMapJson = fieldJson(shared, beforeHttp());
  shared = agent::ConfigureArgs();
  shared.routes = m_routes;
  shared.nameServers = m_nameServers;
  m_tailJson = fieldJson(shared, beforeClosing());

  constexpr std::string_view othersOpen = ",\"others\":[";
  constexpr std::string_view udpOthersOpen = ",\"udpOthers\":[";
  m_own.reserve(size_t(m.hosts.size()));
  m_publishedPorts.reserve(size_t(m.hosts.size()));
  m_publishedJson.reserve(size_t(m.hosts.size()));
  m_publishedUdpJson.reserve(size_t(m.hosts.size()));
  for (const HostSpec &h : m.hosts) {
    agent::ConfigureArgs own = ownSettings(h);
    own.routes = m_routes;  // few, and HostLink checks the agent's features against them
    m_own.push_back(std::move(own));

    std::vector<agent::IpPortProto> published;
    for (const PortSpec &p : h.ports)
      published.push_back(
          agent::IpPortProto{h.vip.toStdString(), p.listenPort, p.proto.toStdString()});
    // The encoder writes "udp" ports in `udpOthers` (agent::kUdpFeature), the rest in `others`.
    auto arrayItems = [&](bool udp, std::string_view open) {
      agent::ConfigureArgs onlyOthers;
      for (const agent::IpPortProto &p : published)
        if ((p.proto == "udp") == udp) onlyOthers.others.push_back(p);
      if (onlyOthers.others.empty()) return std::string();
      const std::string field = fieldJson(onlyOthers, beforeHttp());  // ,"others":[...]
      assert(field.compare(0, open.size(), open) == 0 && field.back() == ']');
      return field.substr(open.size(), field.size() - open.size() - 1);
    };
    std::string items = arrayItems(false, othersOpen);
    m_publishedUdpJson.push_back(arrayItems(true, udpOthersOpen));
    m_publishedPorts.push_back(std::move(published));
    m_publishedJson.push_back(std::move(items));
  }
}

agent::ConfigureArgs MeshConfigure::args(qsizetype host) const {
  agent::ConfigureArgs a = m_own.at(size_t(host));
  for (size_t i = 0; i < m_own.size(); ++i) {
    if (m_own[i].me == a.me) continue;  // NoRouter skips by VIP, not by name
    a.others.insert(a.others.end(), m_publishedPorts[i].begin(), m_publishedPorts[i].end());
  }
  a.hostnameMap = m_hostnameMap;
  a.nameServers = m_nameServers;
  // UDP entries after the others, in the order the encoder writes them (`udpForwards`,
  // `udpOthers`) and the decoder reads them back, so the args are the ones the agent gets.
  std::stable_partition(a.forwards.begin(), a.forwards.end(),
                        [](const agent::Forward &f) { return f.proto != "udp"; });
  std::stable_partition(a.others.begin(), a.others.end(),
                        [](const agent::IpPortProto &p) { return p.proto != "udp"; });
  return a;
}

std::string MeshConfigure::request(qsizetype host, int64_t id) const {
  const agent::ConfigureArgs &own = m_own.at(size_t(host));
  agent::ConfigureArgs small = own;
  small.routes.clear();
  const std::string core = agent::encodeConfigureRequest(id, small);
  const size_t http = core.find(kHttpField);
  assert(http != std::string::npos && core.size() >= kClosing &&
         core.compare(core.size() - kClosing, kClosing, "}}}") == 0);

  size_t othersBytes = 0;
  for (size_t i = 0; i < m_own.size(); ++i)
    if (m_own[i].me != own.me)
      othersBytes += m_publishedJson[i].size() + m_publishedUdpJson[i].size() + 2;
  std::string out;
  out.reserve(core.size() + othersBytes + 32 + m_hostnameMapJson.size() + m_tailJson.size());
  out.append(core, 0, http);
  bool first = true;
  for (size_t i = 0; i < m_own.size(); ++i) {
    if (m_own[i].me == own.me || m_publishedJson[i].empty()) continue;
    out += first ? ",\"others\":[" : ",";
    out += m_publishedJson[i];
    first = false;
  }
  if (!first) out += ']';
  first = true;
  for (size_t i = 0; i < m_own.size(); ++i) {
    if (m_own[i].me == own.me || m_publishedUdpJson[i].empty()) continue;
    out += first ? ",\"udpOthers\":[" : ",";
    out += m_publishedUdpJson[i];
    first = false;
  }
  if (!first) out += ']';
  out += m_hostnameMapJson;
  out.append(core, http, core.size() - http - kClosing);
  out += m_tailJson;
  out.append(core, core.size() - kClosing, kClosing);
  return out;
}

agent::ConfigureArgs buildConfigureArgs(const Manifest &m, qsizetype hostIndex) {
  return MeshConfigure(m).args(hostIndex);
}

QList<agent::ConfigureArgs> buildConfigureArgs(const Manifest &m) {
  const MeshConfigure mesh(m);
  QList<agent::ConfigureArgs> out;
  out.reserve(m.hosts.size());
  for (qsizetype i = 0; i < m.hosts.size(); ++i) out.append(mesh.args(i));
  return out;
}

}  // namespace routeless::mesh
