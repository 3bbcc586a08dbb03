#pragma once
// Derives the configure request each agent gets from a manifest, exactly as NoRouter's
// manager builds it (cmdclient.go): the host's own forwards, every other host's published
// ports, the shared name map, routes with `via` resolved to a VIP, and one built-in DNS per
// host. It never starts anything and never assigns request ids.

#include <QList>
#include <map>
#include <string>
#include <vector>

#include "agent/wire/messages.h"
#include "mesh/manifest.h"

namespace routeless::mesh {

// NoRouter's built-in DNS listens on every VIP at this TCP port; there is no knob for it.
inline constexpr quint16 kBuiltinDnsPort = 10053;

// The configure requests of every host of one mesh, in memory that grows with the hosts and
// not with their square: what the hosts share (the name map, the routes, the name servers and
// each host's published ports, which every other host gets as `others`) is built and encoded
// once, and a host's request is spliced from those bytes when it is sent. Immutable; a
// request must never differ by a byte from agent::encodeConfigureRequest(id, args(host)).
class MeshConfigure {
 public:
  explicit MeshConfigure(const Manifest &manifest);

  qsizetype hostCount() const { return qsizetype(m_own.size()); }
  // The host's own settings and the mesh's routes. `others`, the name map and the name
  // servers are left empty: they grow with the mesh, so only args() and request() add them.
  const agent::ConfigureArgs &ownArgs(qsizetype host) const { return m_own.at(size_t(host)); }
  const std::vector<agent::Route> &routes() const { return m_routes; }
  // Everything, `others` included: O(hosts) per call (tests, callers that want the list).
  agent::ConfigureArgs args(qsizetype host) const;
  // The request's JSON with `id`, in O(size of that request) time and no other memory.
  std::string request(qsizetype host, int64_t id) const;

 private:
  std::vector<agent::ConfigureArgs> m_own;
  std::map<std::string, std::string> m_hostnameMap;
  std::vector<agent::Route> m_routes;
  std::vector<agent::IpPortProto> m_nameServers;
  std::vector<std::vector<agent::IpPortProto>> m_publishedPorts;  // per host, as others see them
  std::vector<std::string> m_publishedJson;     // the same as `others` array items, comma-joined
  std::vector<std::string> m_publishedUdpJson;  // its "/udp" ports, as `udpOthers` items
  std::string m_hostnameMapJson;                // `,"hostnameMap":{...}` (or nothing)
  std::string m_tailJson;                       // `,"routes":[...]` and `,"nameServers":[...]`
};

// The configure args for manifest.hosts[hostIndex].
agent::ConfigureArgs buildConfigureArgs(const Manifest &manifest, qsizetype hostIndex);

// The configure args of every host, in host (file) order: O(hosts^2) memory, for tests and
// tools; a mesh being run uses MeshConfigure. NoRouter numbers its requests in Go's random
// map order; we number them in this order, from 1.
QList<agent::ConfigureArgs> buildConfigureArgs(const Manifest &manifest);

}  // namespace routeless::mesh
