#include <QTextStream>

#include "commands.h"

namespace routeless::node {
int runNodePass(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
}  // namespace routeless::node
