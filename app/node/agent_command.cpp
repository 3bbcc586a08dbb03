#include "commands.h"
#include "mesh/agent_process.h"

namespace routeless::node {
int runAgent(const QStringList &args) { return mesh::runAgentProcess(args); }
}  // namespace routeless::node
