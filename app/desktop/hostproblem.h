#pragma once
// HostProblem: what went wrong with a mesh host, in words a user can act on. It reads the
// host's last error and its launcher's last meaningful stderr line (ssh's, docker's, the
// agent's) and sorts common failures (unknown host, ssh authentication, agent not installed on
// the host, address already in use, ...) each with the fix. It only reads text; it never probes.

#include <QCoreApplication>
#include <QString>

#include "mesh/hostlink.h"

namespace routeless::desktop {

struct HostProblem {
  Q_DECLARE_TR_FUNCTIONS(HostProblem)

 public:
  enum class Kind {
    None,
    UnknownHost,        // ssh: Could not resolve hostname
    Unreachable,        // refused, timed out, no route
    AuthFailed,         // ssh: Permission denied / authentication
    HostKeyChanged,     // ssh: Host key verification failed
    AgentNotFound,      // the command on the host has no routeless-node
    LauncherNotFound,   // the program (ssh, docker, ...) is not installed here
    AddressInUse,       // a listener's address is taken (often a second local agent)
    ContainerNotFound,  // docker/kubectl: no such container or pod
    AgentRefused,       // the agent refused its configuration
    Crashed,            // the agent died or exited for another reason
  };
  Kind kind = Kind::None;
  QString summary;  // one line: what happened
  QString fix;      // what to do about it
  QString detail;   // the raw text it is based on (for a tooltip)

  bool isProblem() const { return kind != Kind::None; }
};

// The problem `status` shows, or Kind::None for a host that is fine (or simply stopped).
HostProblem explainHostProblem(const mesh::HostStatus &status);

}  // namespace routeless::desktop
