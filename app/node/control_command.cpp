#include <QTextStream>

#include "commands.h"

namespace routeless::node {
int runMaster(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
int runDaemon(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
int runEngine(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
int runCtl(const QStringList &) {
  QTextStream(stderr) << "routeless-node: this command is not built yet\n";
  return 1;
}
}  // namespace routeless::node
