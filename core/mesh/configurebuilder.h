#pragma once
// Derives the configure request each agent gets from a manifest, exactly as NoRouter's
// manager builds it (cmdclient.go): the host's own forwards, every other host's published
// ports, the shared name map, routes with `via` resolved to a VIP, and one built-in DNS per
// host. It never starts anything and never assigns request ids.

#include <QByteArray>
#include <QList>

#include "mesh/manifest.h"
#include "stdio/messages.h"

namespace routeless::mesh {

// NoRouter's built-in DNS listens on every VIP at this TCP port; there is no knob for it.
inline constexpr quint16 kBuiltinDnsPort = 10053;

// The configure requests of every host of one mesh, in memory that grows with the hosts and
// not with their square: what the hosts share (the name map, the routes, the name servers and
// each host's published ports, which every other host gets as `others`) is built and encoded
// once, and a host's request is spliced from those bytes when it is sent. Immutable; a
// request must never differ by a byte from stdio::encodeConfigureRequest(id, args(host)).
class MeshConfigure {
 public:
  explicit MeshConfigure(const Manifest &manifest);

  qsizetype hostCount() const { return m_own.size(); }
  // The host's settings with `others` left empty; the name map, routes and name servers are
  // implicitly shared copies of the mesh's single lists (O(1) each).
  const stdio::ConfigureArgs &ownArgs(qsizetype host) const { return m_own.at(host); }
  // Everything, `others` included: O(hosts) per call (tests, callers that want the list).
  stdio::ConfigureArgs args(qsizetype host) const;
  // The request's JSON with `id`, in O(size of that request) time and no other memory.
  QByteArray request(qsizetype host, qint64 id) const;

 private:
  QList<stdio::ConfigureArgs> m_own;
  QList<QList<stdio::IpPortProto>> m_publishedPorts;  // per host: its ports, as others see them
  QList<QByteArray> m_publishedJson;  // the same as `others` array items, comma-joined
  QByteArray m_hostnameMapJson;       // `,"hostnameMap":{...}` (or nothing)
  QByteArray m_tailJson;              // `,"routes":[...]` and `,"nameServers":[...]`
};

// The configure args for manifest.hosts[hostIndex].
stdio::ConfigureArgs buildConfigureArgs(const Manifest &manifest, qsizetype hostIndex);

// The configure args of every host, in host (file) order: O(hosts^2) memory, for tests and
// tools; a mesh being run uses MeshConfigure. NoRouter numbers its requests in Go's random
// map order; we number them in this order, from 1.
QList<stdio::ConfigureArgs> buildConfigureArgs(const Manifest &manifest);

}  // namespace routeless::mesh
