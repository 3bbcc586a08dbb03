// routeless-node server://... / client://...: parses the URL on the main thread and hands it to
// a NodePassEngine (worker thread). SIGINT/SIGTERM stop the engine cleanly.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include "commands.h"
#include "nodepass/nodepassengine.h"
#include "nodepass/tunnelurl.h"

namespace routeless::node {
namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int sig) {
  const char c = char(sig);
  [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &c, 1);
}

}  // namespace

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
  if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    err << "routeless-node: cannot create the signal pipe\n";
    return 1;
  }
  struct sigaction sa = {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  // The engine thread runs only socket notifiers and timers: the plain poll()-based dispatcher
  // costs less per wake-up than the glib one. Read by QThread when the engine thread starts.
  qputenv("QT_NO_GLIB", "1");
  nodepass::NodePassEngine engine(*url);
  int exitCode = 0;
  QSocketNotifier notifier(qintptr(signalPipe[0]), QSocketNotifier::Read);
  QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
    char c;
    while (::read(signalPipe[0], &c, 1) > 0) {
    }
    QCoreApplication::quit();
  });
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
