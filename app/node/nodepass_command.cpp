// routeless-node server://... / client://...: parses the URL on the main thread and hands it to
// a NodePassEngine (worker thread). SIGINT/SIGTERM (Ctrl-C on Windows) stop the engine cleanly.
#include <QCoreApplication>
#include <QTextStream>

#include "commands.h"
#include "nodepass/nodepassengine.h"
#include "nodepass/tunnelurl.h"
#include "platform/stoprequests.h"

namespace routeless::node {

int runNodePass(const QStringList &args) {
  QTextStream err(stderr);
  if (args.isEmpty()) {
    err << "routeless-node: missing URL\n";
    return 2;
  }
  QString error;
  const auto url = nodepass::parseTunnelUrl(args.first(), &error);
  if (!url) {
    err << "routeless-node: " << error << "\n";
    return 2;
  }
  if (url->role == nodepass::Role::Master) {
    err << "routeless-node: master:// is not available yet\n";
    return 2;
  }
  platform::StopRequests stop;
  if (!stop.isListening()) {
    err << "routeless-node: " << stop.error() << "\n";
    return 1;
  }

  // The engine thread runs only socket notifiers and timers: the plain poll()-based dispatcher
  // costs less per wake-up than the glib one. Read by QThread when the engine thread starts.
  qputenv("QT_NO_GLIB", "1");
  nodepass::NodePassEngine engine(*url);
  int exitCode = 0;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  QObject::connect(&engine, &nodepass::NodePassEngine::fatal, [&](const QString &) {
    exitCode = 1;
    QCoreApplication::quit();
  });
  engine.start();
  QCoreApplication::exec();
  engine.stop();
  return exitCode;
}

}  // namespace routeless::node
