#include "mesh/meshplan.h"

#include "mesh/configurebuilder.h"

namespace routeless::mesh {

MeshPlan planFromManifest(const Manifest &manifest, const QString &localAgentProgram) {
  MeshPlan plan;
  plan.warnings = manifest.warnings;
  const QList<agent::ConfigureArgs> configures = buildConfigureArgs(manifest);
  for (qsizetype i = 0; i < manifest.hosts.size(); ++i) {
    const HostSpec &spec = manifest.hosts[i];
    HostPlan host;
    host.name = spec.name;
    host.vip = spec.vip;
    // As NoRouter: `agent --automated` is appended to whatever command the host has.
    if (spec.cmd.isEmpty()) {
      host.program = localAgentProgram;
    } else {
      host.program = spec.cmd.first();
      host.arguments = spec.cmd.mid(1);
    }
    host.arguments << QStringLiteral("agent") << QStringLiteral("--automated");
    host.configure = configures.value(i);
    plan.hosts.append(host);
  }
  if (!configures.isEmpty())
    plan.routes =
        QList<agent::Route>(configures.first().routes.begin(), configures.first().routes.end());
  return plan;
}

std::optional<MeshPlan> loadMeshPlan(const QString &path, const QString &localAgentProgram,
                                     QString *error) {
  auto parsed = loadManifest(path);
  if (const auto *e = std::get_if<ManifestError>(&parsed)) {
    if (error) *error = e->toString();
    return std::nullopt;
  }
  return planFromManifest(std::get<Manifest>(parsed), localAgentProgram);
}

}  // namespace routeless::mesh
