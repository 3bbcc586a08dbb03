// The NodePass master roles of routeless-node: `master://...` serves the API (core/master) and
// `master-key` prints its API key for a dashboard. Argument parsing only.
#include <QCoreApplication>
#include <QTextStream>

#include "commands.h"
#include "master/masterapi.h"
#include "platform/stoprequests.h"

namespace routeless::node {

int runMaster(const QStringList &args) {
  QTextStream err(stderr);
  QString error;
  master::MasterApi master;
  if (!master.configure(args.value(0), &error)) {
    err << "routeless-node master: " << error << "\n";
    return 2;
  }
  const QString log = master.config().log;
  applyLogLevel(log == QLatin1String("none") || log == QLatin1String("event")
                    ? QStringLiteral("error")
                    : log);
  if (!master.start(&error)) {
    err << "routeless-node master: " << error << "\n";
    return 1;
  }
  platform::StopRequests stop;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp,
                   [] { QCoreApplication::quit(); });
  const int rc = QCoreApplication::exec();
  master.shutdown();
  return rc;
}

int runMasterKey(const QStringList &args) {
  QTextStream err(stderr);
  QString dir = master::defaultMasterStateDir();
  if (args.size() == 2 && args[0] == QLatin1String("--dir")) {
    dir = args[1];
  } else if (args.size() == 1 && args[0].startsWith(QLatin1String("--dir="))) {
    dir = args[0].mid(6);
  } else if (!args.isEmpty()) {
    err << "usage: routeless-node master-key [--dir DIR]\n"
           "  prints the API key (X-API-Key) of the master whose master.json is in DIR\n"
           "  (default: $ROUTELESS_MASTER_DIR, else "
        << master::defaultMasterStateDir() << ")\n";
    return 2;
  }
  QString error;
  const QString key = master::readMasterApiKey(dir, &error);
  if (key.isEmpty()) {
    err << "routeless-node master-key: " << error << "\n";
    return 1;
  }
  QTextStream(stdout) << key << "\n";
  return 0;
}

}  // namespace routeless::node
