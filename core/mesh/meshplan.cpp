#include "mesh/meshplan.h"

#include "mesh/configurebuilder.h"

namespace routeless::mesh {

MeshPlan planFromManifest(const Manifest &manifest, const QString &localAgentProgram) {
  MeshPlan plan;
  plan.warnings = manifest.warnings;
  // One MeshConfigure for all hosts: each plan holds its own settings and a pointer to the
  // shared part, so a mesh of N hosts costs O(N) here rather than N lists of N entries.
  const auto configures = std::make_shared<const MeshConfigure>(manifest);
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
    if (spec.zeroInstall) {
      // cmd is what reaches the host followed by the agent's name, as NoRouter wants it, so
      // the same manifest runs an agent that is installed; no cmd: this machine.
      host.zeroInstall = true;
      host.transport = spec.cmd.mid(0, spec.cmd.size() - 1);
      host.agentName = spec.cmd.isEmpty() ? QStringLiteral("routeless-agent") : spec.cmd.last();
    }
    host.configure = configures->ownArgs(i);
    host.mesh = configures;
    host.meshIndex = i;
    plan.hosts.append(host);
  }
  plan.routes = QList<agent::Route>(configures->routes().begin(), configures->routes().end());
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
