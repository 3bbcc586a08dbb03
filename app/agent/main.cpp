// routeless-agent: the mesh agent alone, a static binary that needs nothing but the kernel
// (no Qt, no shared libraries), for hosts that have nothing. It hands argv to the agent
// library, exactly as `routeless-node agent` does.
#include <cstdio>
#include <string>
#include <vector>

#include "agent/agentcommand.h"

int main(int argc, char **argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  routeless::agent::AgentProgram program;
  program.name = "routeless-agent";
  program.version = ROUTELESS_VERSION;
#ifdef ROUTELESS_AGENT_STATIC
  program.builtinResolverOnly = true;
#endif
  const int status = routeless::agent::runAgentCommand(args, program);
  fflush(stdout);
  fflush(stderr);
  return status;
}
