#pragma once
// `routeless-node agent --automated`: the process around a mesh Agent (threads, stdio, logs).

#include <QStringList>

namespace routeless::mesh {

// Runs an agent on stdin/stdout until stdin ends or breaks; returns the exit status.
// `args` are the words after `agent`: --automated (required), --debug, and
// --debug-init-config JSON (configure at start-up without a manager).
int runAgentProcess(const QStringList &args);

}  // namespace routeless::mesh
