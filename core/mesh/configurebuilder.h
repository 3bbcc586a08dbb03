#pragma once
// Derives the configure request each agent gets from a manifest, exactly as NoRouter's
// manager builds it (cmdclient.go): the host's own forwards, every other host's published
// ports, the shared name map, routes with `via` resolved to a VIP, and one built-in DNS per
// host. It never starts anything and never assigns request ids.

#include <QList>

#include "agent/wire/messages.h"
#include "mesh/manifest.h"

namespace routeless::mesh {

// NoRouter's built-in DNS listens on every VIP at this TCP port; there is no knob for it.
inline constexpr quint16 kBuiltinDnsPort = 10053;

// The configure args for manifest.hosts[hostIndex].
agent::ConfigureArgs buildConfigureArgs(const Manifest &manifest, qsizetype hostIndex);

// The configure args of every host, in host (file) order. NoRouter numbers its requests in
// Go's random map order; we number them in this order, from 1.
QList<agent::ConfigureArgs> buildConfigureArgs(const Manifest &manifest);

}  // namespace routeless::mesh
