#include "hostproblem.h"

namespace routeless::desktop {

namespace {
bool has(const QString &haystack, const char *needle) {
  return haystack.contains(QLatin1String(needle), Qt::CaseInsensitive);
}
}  // namespace

HostProblem explainHostProblem(const mesh::HostStatus &s) {
  HostProblem p;
  const QString text = s.lastStderr + QLatin1Char('\n') + s.lastError;
  p.detail = s.lastStderr.isEmpty() ? s.lastError
             : s.lastError.isEmpty()
                 ? s.lastStderr
                 : s.lastStderr + QStringLiteral(" (") + s.lastError + QLatin1Char(')');
  using K = HostProblem::Kind;
  // A listener that cannot bind keeps an agent Starting (it never answers its configure).
  if (has(text, "address already in use") || has(text, "EADDRINUSE")) {
    p.kind = K::AddressInUse;
    p.summary = HostProblem::tr("An address this host listens on is already in use.");
    p.fix = HostProblem::tr(
        "If two hosts of this profile run on this machine, tick \"Do not listen on this "
        "machine's loopback\" for all but one of them; otherwise stop the program that "
        "holds the port.");
    return p;
  }
  if (s.lastError.isEmpty() && s.lastStderr.isEmpty()) return {};
  if (s.state == mesh::HostState::Ready || s.state == mesh::HostState::Stopped) {
    // A line on stderr of a host that works is no problem; a stopped host's old error neither.
    return {};
  }
  if (has(text, "Could not resolve hostname") || has(text, "Name or service not known") ||
      has(text, "nodename nor servname")) {
    p.kind = K::UnknownHost;
    p.summary = HostProblem::tr("The host name in the command cannot be resolved.");
    p.fix = HostProblem::tr(
        "Check the spelling of the host in the command, or add it to ~/.ssh/config or "
        "/etc/hosts.");
  } else if (has(text, "Host key verification failed") ||
             has(text, "REMOTE HOST IDENTIFICATION HAS CHANGED")) {
    p.kind = K::HostKeyChanged;
    p.summary = HostProblem::tr("ssh does not trust the host's key.");
    p.fix = HostProblem::tr(
        "Connect once with ssh in a terminal to accept the key, or remove the old key "
        "with ssh-keygen -R HOST if the host was reinstalled.");
  } else if (has(text, "Permission denied") || has(text, "Authentication failed") ||
             has(text, "Too many authentication failures")) {
    p.kind = K::AuthFailed;
    p.summary = HostProblem::tr("ssh could not log in.");
    p.fix = HostProblem::tr(
        "The app cannot type a password: copy your key to the host (ssh-copy-id "
        "USER@HOST), load it into your ssh agent (ssh-add), or set the user and key in "
        "~/.ssh/config.");
  } else if (has(text, "Connection refused") || has(text, "Connection timed out") ||
             has(text, "No route to host") || has(text, "Network is unreachable") ||
             has(text, "Operation timed out")) {
    p.kind = K::Unreachable;
    p.summary = HostProblem::tr("The host does not answer.");
    p.fix = HostProblem::tr(
        "Check that the machine is on and reachable, and that its ssh server runs on the "
        "port in the command.");
  } else if (has(text, "No such container") || has(text, "is not running") ||
             (has(text, "NotFound") && has(text, "pods"))) {
    p.kind = K::ContainerNotFound;
    p.summary =
        HostProblem::tr("The container or pod in the command does not exist or is not running.");
    p.fix = HostProblem::tr("Start it, or correct its name in the command.");
  } else if (has(s.lastError, "cannot start")) {
    p.kind = K::LauncherNotFound;
    p.summary = HostProblem::tr("The command's program cannot be started on this machine.");
    p.fix = HostProblem::tr(
        "Install it (for ssh: openssh-client) or give its full path in the command.");
  } else if (has(text, "routeless-node: command not found") ||
             has(text, "routeless-node: not found") || has(text, "exited with status 127") ||
             (has(text, "routeless-node") && has(text, "No such file or directory")) ||
             has(text, "executable file not found")) {
    p.kind = K::AgentNotFound;
    p.summary = HostProblem::tr("routeless-node is not installed where the command runs.");
    p.fix = HostProblem::tr(
        "Copy routeless-node to the host (e.g. scp routeless-node HOST:.local/bin/) or "
        "give its full path in the command.");
  } else if (has(s.lastError, "configure") || has(s.lastError, "loopback.disable") ||
             has(s.lastError, "feature")) {
    p.kind = K::AgentRefused;
    p.summary = HostProblem::tr("The agent refused its configuration.");
    p.fix = HostProblem::tr("Update routeless-node on the host to the version of this app.");
  } else {
    p.kind = K::Crashed;
    p.summary = s.lastStderr.isEmpty() ? s.lastError : s.lastStderr;
    p.fix = HostProblem::tr("See Logs for everything the host printed.");
  }
  return p;
}

}  // namespace routeless::desktop
