#include <QTextStream>

#include "commands.h"

namespace routeless::node {
int runMproxy(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
int runRelay(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
int runRelayDevice(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
}  // namespace routeless::node
