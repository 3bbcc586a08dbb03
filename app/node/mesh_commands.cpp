#include <QTextStream>

#include "commands.h"

namespace routeless::node {
int runAgent(const QStringList &) {
  QTextStream(stderr) << "agent: not built yet\n";
  return 1;
}
int runMesh(const QStringList &) {
  QTextStream(stderr) << "mesh: not built yet\n";
  return 1;
}
}  // namespace routeless::node
