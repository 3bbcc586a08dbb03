// routeless-node: the headless entry point. It only parses argv and hands over to a core
// runtime; no engine logic lives here.
#include <QCoreApplication>
#include <QTextStream>

#include "commands.h"

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("routeless-node"));
  QCoreApplication::setApplicationVersion(QStringLiteral(ROUTELESS_VERSION));
  return routeless::node::dispatch(app.arguments());
}
