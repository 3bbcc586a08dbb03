// `routeless-node agent ...`: the Qt-free agent library (core/agent), exactly as the static
// routeless-agent runs it. main() calls it before any Qt object exists.
#include "agent/agentcommand.h"
#include "commands.h"

namespace routeless::node {

int runAgent(const std::vector<std::string> &args) {
  agent::AgentProgram program;
  program.name = "routeless-node";
  program.version = ROUTELESS_VERSION;
  return agent::runAgentCommand(args, program);
}

}  // namespace routeless::node
