#pragma once
// The agent's command line, shared by `routeless-agent` and `routeless-node agent`: NoRouter's
// argv (`[--debug] agent --automated [--debug-init-config JSON]`, `--version`/`-v`, `--help`)
// and the run itself (stdio, loop, stack). It is all there is between main() and the Agent.

#include <string>
#include <vector>

namespace routeless::agent {

struct AgentProgram {
  std::string name;     // "routeless-agent", "routeless-node"
  std::string version;  // the product version
  // A static build resolves names with libc's built-in "files dns" only (see sys/socket.h).
  bool builtinResolverOnly = false;
};

// `args` are the arguments after the program name. Returns the process exit status.
int runAgentCommand(const std::vector<std::string> &args, const AgentProgram &program);

// True when `args` (after the program name) ask for the agent: `agent`, after any `--debug`.
bool isAgentCommand(const std::vector<std::string> &args);

}  // namespace routeless::agent
