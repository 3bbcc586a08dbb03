#pragma once
// Turns a parsed NoRouter manifest into what the manager runs: one launch command and one
// configure request per host (spliced from one MeshConfigure the hosts share), plus the CIDR
// routes. Pure data; starts nothing.

#include <QList>
#include <QStringList>
#include <optional>

#include "mesh/hostlink.h"
#include "mesh/manifest.h"

namespace routeless::mesh {

struct MeshPlan {
  QList<HostPlan> hosts;
  QList<agent::Route> routes;
  QStringList warnings;
};

// `localAgentProgram` runs hosts without `cmd` (as NoRouter runs itself for them).
MeshPlan planFromManifest(const Manifest &manifest, const QString &localAgentProgram);
std::optional<MeshPlan> loadMeshPlan(const QString &path, const QString &localAgentProgram,
                                     QString *error);

}  // namespace routeless::mesh
