#include "mesh/configurebuilder.h"

namespace routeless::mesh {
namespace {

std::vector<std::string> toStd(const QStringList &list) {
  std::vector<std::string> out;
  out.reserve(size_t(list.size()));
  for (const QString &s : list) out.push_back(s.toStdString());
  return out;
}

}  // namespace

agent::ConfigureArgs buildConfigureArgs(const Manifest &m, qsizetype hostIndex) {
  const HostSpec &h = m.hosts.at(hostIndex);
  agent::ConfigureArgs a;
  a.me = h.vip.toStdString();
  for (const PortSpec &p : h.ports)
    a.forwards.push_back(agent::Forward{p.listenPort, p.connectHost.toStdString(), p.connectPort,
                                        p.proto.toStdString()});
  for (const HostSpec &other : m.hosts) {
    if (other.vip == h.vip) continue;  // NoRouter skips by VIP, not by name
    for (const PortSpec &p : other.ports)
      a.others.push_back(
          agent::IpPortProto{other.vip.toStdString(), p.listenPort, p.proto.toStdString()});
  }
  for (const HostSpec &any : m.hosts) {
    a.hostnameMap[any.name.toStdString()] = any.vip.toStdString();
    for (const QString &alias : any.aliases)
      a.hostnameMap[alias.toStdString()] = any.vip.toStdString();
  }
  a.httpListen = h.httpListen.toStdString();
  a.socksListen = h.socksListen.toStdString();
  a.loopbackDisable = h.loopbackDisable;
  a.stateDirPath = h.stateDirPath.toStdString();  // verbatim: the agent expands ~ and ${VAR}
  a.stateDirDisable = h.stateDirDisable;
  a.writeEtcHosts = h.writeEtcHosts;
  for (const RouteSpec &r : m.routes)
    a.routes.push_back(
        agent::Route{toStd(r.toCidr), toStd(r.toHostnameGlob), m.resolveVia(r.via).toStdString()});
  for (const HostSpec &any : m.hosts)
    a.nameServers.push_back(agent::IpPortProto{any.vip.toStdString(), kBuiltinDnsPort, "tcp"});
  return a;
}

QList<agent::ConfigureArgs> buildConfigureArgs(const Manifest &m) {
  QList<agent::ConfigureArgs> out;
  out.reserve(m.hosts.size());
  for (qsizetype i = 0; i < m.hosts.size(); ++i) out.append(buildConfigureArgs(m, i));
  return out;
}

}  // namespace routeless::mesh
