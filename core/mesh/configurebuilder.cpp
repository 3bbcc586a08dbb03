#include "mesh/configurebuilder.h"

#include <QHash>

namespace routeless::mesh {

namespace {

// stdio's encoding of a configure request whose args hold nothing but an empty `me`:
//   {"type":"request","body":{"id":0,"op":"configure","args":{"me":"","http":{},...}}}
// Every shared part is cut out of stdio's own output at one of two places: just before
// `,"http":` (forwards, others and hostnameMap come before it in Go's field order) or just
// before the final `}}}` (routes and nameServers are the last fields). `,"http":` cannot
// occur earlier inside a string: a quote inside a JSON string is always escaped.
constexpr char kHttpField[] = ",\"http\":{";
constexpr qsizetype kClosing = 3;  // "}}}": args, body, envelope

const QByteArray &emptyRequest() {
  static const QByteArray empty = stdio::encodeConfigureRequest(0, stdio::ConfigureArgs());
  return empty;
}

// The bytes stdio writes for the one field set in `args`, which sits at `at` in the
// empty request (kHttpField's place or the closing's).
QByteArray fieldJson(const stdio::ConfigureArgs &args, qsizetype at) {
  const QByteArray &empty = emptyRequest();
  const QByteArray with = stdio::encodeConfigureRequest(0, args);
  Q_ASSERT(with.startsWith(empty.left(at)) && with.endsWith(empty.mid(at)));
  return with.mid(at, with.size() - empty.size());
}

qsizetype beforeHttp() { return emptyRequest().indexOf(kHttpField); }
qsizetype beforeClosing() { return emptyRequest().size() - kClosing; }

stdio::ConfigureArgs ownSettings(const HostSpec &h) {
  stdio::ConfigureArgs a;
  a.me = h.vip;
  for (const PortSpec &p : h.ports)
    a.forwards.append(stdio::Forward{p.listenPort, p.connectHost, p.connectPort, p.proto});
  a.httpListen = h.httpListen;
  a.socksListen = h.socksListen;
  a.loopbackDisable = h.loopbackDisable;
  a.stateDirPath = h.stateDirPath;  // verbatim: the agent expands ~ and ${VAR}
  a.stateDirDisable = h.stateDirDisable;
  a.writeEtcHosts = h.writeEtcHosts;
  return a;
}

}  // namespace

MeshConfigure::MeshConfigure(const Manifest &m) {
  QMap<QString, QString> names;
  QList<stdio::IpPortProto> nameServers;
  QHash<QString, QString> vipOf;  // host name -> VIP, for routes' `via`
  for (const HostSpec &h : m.hosts) {
    names.insert(h.name, h.vip);
    for (const QString &alias : h.aliases) names.insert(alias, h.vip);
    nameServers.append(stdio::IpPortProto{h.vip, kBuiltinDnsPort, QStringLiteral("tcp")});
    if (!vipOf.contains(h.name)) vipOf.insert(h.name, h.vip);  // Manifest::host(): the first
  }
  QList<stdio::Route> routes;
  for (const RouteSpec &r : m.routes) {
    const QString via = vipOf.value(r.via, canonicalIpv4(r.via));
    routes.append(stdio::Route{r.toCidr, r.toHostnameGlob, via});
  }

  stdio::ConfigureArgs shared;
  shared.hostnameMap = names;
  m_hostnameMapJson = fieldJson(shared, beforeHttp());
  shared = stdio::ConfigureArgs();
  shared.routes = routes;
  shared.nameServers = nameServers;
  m_tailJson = fieldJson(shared, beforeClosing());

  const QByteArray othersOpen = ",\"others\":[";
  m_own.reserve(m.hosts.size());
  m_publishedPorts.reserve(m.hosts.size());
  m_publishedJson.reserve(m.hosts.size());
  for (const HostSpec &h : m.hosts) {
    stdio::ConfigureArgs own = ownSettings(h);
    own.hostnameMap = names;  // implicitly shared: one map for the whole mesh
    own.routes = routes;
    own.nameServers = nameServers;
    m_own.append(own);

    QList<stdio::IpPortProto> published;
    for (const PortSpec &p : h.ports)
      published.append(stdio::IpPortProto{h.vip, p.listenPort, p.proto});
    QByteArray items;
    if (!published.isEmpty()) {
      stdio::ConfigureArgs onlyOthers;
      onlyOthers.others = published;
      const QByteArray field = fieldJson(onlyOthers, beforeHttp());  // ,"others":[...]
      Q_ASSERT(field.startsWith(othersOpen) && field.endsWith(']'));
      items = field.mid(othersOpen.size(), field.size() - othersOpen.size() - 1);
    }
    m_publishedPorts.append(published);
    m_publishedJson.append(items);
  }
}

stdio::ConfigureArgs MeshConfigure::args(qsizetype host) const {
  stdio::ConfigureArgs a = m_own.at(host);
  for (qsizetype i = 0; i < m_own.size(); ++i) {
    if (m_own[i].me == a.me) continue;  // NoRouter skips by VIP, not by name
    a.others += m_publishedPorts[i];
  }
  return a;
}

QByteArray MeshConfigure::request(qsizetype host, qint64 id) const {
  const stdio::ConfigureArgs &own = m_own.at(host);
  stdio::ConfigureArgs small = own;  // its lists stay shared until cleared here
  small.hostnameMap.clear();
  small.routes.clear();
  small.nameServers.clear();
  const QByteArray core = stdio::encodeConfigureRequest(id, small);
  const qsizetype http = core.indexOf(kHttpField);
  Q_ASSERT(http > 0 && core.endsWith("}}}"));

  qsizetype othersBytes = 0;
  for (qsizetype i = 0; i < m_own.size(); ++i)
    if (m_own[i].me != own.me) othersBytes += m_publishedJson[i].size() + 1;
  QByteArray out;
  out.reserve(core.size() + othersBytes + 16 + m_hostnameMapJson.size() + m_tailJson.size());
  out.append(core.constData(), http);
  bool first = true;
  for (qsizetype i = 0; i < m_own.size(); ++i) {
    if (m_own[i].me == own.me || m_publishedJson[i].isEmpty()) continue;
    out += first ? ",\"others\":[" : ",";
    out += m_publishedJson[i];
    first = false;
  }
  if (!first) out += ']';
  out += m_hostnameMapJson;
  out.append(core.constData() + http, core.size() - http - kClosing);
  out += m_tailJson;
  out.append(core.constData() + core.size() - kClosing, kClosing);
  return out;
}

stdio::ConfigureArgs buildConfigureArgs(const Manifest &m, qsizetype hostIndex) {
  return MeshConfigure(m).args(hostIndex);
}

QList<stdio::ConfigureArgs> buildConfigureArgs(const Manifest &m) {
  const MeshConfigure mesh(m);
  QList<stdio::ConfigureArgs> out;
  out.reserve(m.hosts.size());
  for (qsizetype i = 0; i < m.hosts.size(); ++i) out.append(mesh.args(i));
  return out;
}

}  // namespace routeless::mesh
