#include "mesh/configurebuilder.h"

namespace routeless::mesh {

stdio::ConfigureArgs buildConfigureArgs(const Manifest &m, qsizetype hostIndex) {
  const HostSpec &h = m.hosts.at(hostIndex);
  stdio::ConfigureArgs a;
  a.me = h.vip;
  for (const PortSpec &p : h.ports)
    a.forwards.append(stdio::Forward{p.listenPort, p.connectHost, p.connectPort, p.proto});
  for (const HostSpec &other : m.hosts) {
    if (other.vip == h.vip) continue;  // NoRouter skips by VIP, not by name
    for (const PortSpec &p : other.ports)
      a.others.append(stdio::IpPortProto{other.vip, p.listenPort, p.proto});
  }
  for (const HostSpec &any : m.hosts) {
    a.hostnameMap.insert(any.name, any.vip);
    for (const QString &alias : any.aliases) a.hostnameMap.insert(alias, any.vip);
  }
  a.httpListen = h.httpListen;
  a.socksListen = h.socksListen;
  a.loopbackDisable = h.loopbackDisable;
  a.stateDirPath = h.stateDirPath;  // verbatim: the agent expands ~ and ${VAR}
  a.stateDirDisable = h.stateDirDisable;
  a.writeEtcHosts = h.writeEtcHosts;
  for (const RouteSpec &r : m.routes)
    a.routes.append(stdio::Route{r.toCidr, r.toHostnameGlob, m.resolveVia(r.via)});
  for (const HostSpec &any : m.hosts)
    a.nameServers.append(stdio::IpPortProto{any.vip, kBuiltinDnsPort, QStringLiteral("tcp")});
  return a;
}

QList<stdio::ConfigureArgs> buildConfigureArgs(const Manifest &m) {
  QList<stdio::ConfigureArgs> out;
  out.reserve(m.hosts.size());
  for (qsizetype i = 0; i < m.hosts.size(); ++i) out.append(buildConfigureArgs(m, i));
  return out;
}

}  // namespace routeless::mesh
