// `routeless-node mesh FILE`: the headless mesh manager for a NoRouter manifest.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include "commands.h"
#include "mesh/meshmanager.h"
#include "mesh/meshplan.h"
#include "platform/stoprequests.h"

Q_LOGGING_CATEGORY(lcMeshCli, "routeless.mesh")

namespace routeless::node {
namespace {

QString statusLine(const mesh::HostStatus &h) {
  const QString agent =
      h.agentSource.isEmpty()
          ? QString()
          : QStringLiteral(" agent=%1/%2 %3").arg(h.agentSource, h.agentTarget, h.agentVersion);
  return QStringLiteral(
             "status %1(%2): %3 pid=%4 restarts=%5 up=%6s frames in/out=%7/%8 "
             "bytes in/out=%9/%10 dropped=%11")
             .arg(h.name, h.vip, mesh::hostStateName(h.state))
             .arg(h.pid)
             .arg(h.restarts)
             .arg(h.uptimeMs / 1000)
             .arg(h.framesIn)
             .arg(h.framesOut)
             .arg(h.bytesIn)
             .arg(h.bytesOut)
             .arg(h.framesDropped) +
         agent;
}

}  // namespace

int runMesh(const QStringList &args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Run the mesh manager for a NoRouter manifest."));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("NoRouter manifest (YAML)"));
  const QCommandLineOption statusOption(
      QStringLiteral("status-interval"),
      QStringLiteral("Log one status line per host every N seconds (0: never)."),
      QStringLiteral("N"), QStringLiteral("0"));
  // Hosts without `cmd` run the static routeless-agent installed beside this binary (no Qt
  // loaded: a few MB per agent instead of ~15), else this binary's own `agent` command.
  const QString beside =
      QCoreApplication::applicationDirPath() + QStringLiteral("/routeless-agent");
  const QCommandLineOption agentOption(
      QStringLiteral("agent-program"),
      QStringLiteral("Program run for hosts without `cmd` (default: routeless-agent beside this "
                     "binary, else this binary)."),
      QStringLiteral("PATH"),
      QFileInfo(beside).isExecutable() ? beside : QCoreApplication::applicationFilePath());
  parser.addOptions({statusOption, agentOption});
  parser.process(QStringList{QStringLiteral("routeless-node mesh")} + args);

  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1) {
    qCCritical(lcMeshCli) << "usage: routeless-node mesh [--status-interval N] FILE";
    return 2;
  }
  bool ok = false;
  const int statusInterval = parser.value(statusOption).toInt(&ok);
  if (!ok || statusInterval < 0) {
    qCCritical(lcMeshCli).noquote()
        << "--status-interval: expected a number of seconds, got" << parser.value(statusOption);
    return 2;
  }

  QString error;
  const auto plan = mesh::loadMeshPlan(positional.first(), parser.value(agentOption), &error);
  if (!plan) {
    qCCritical(lcMeshCli).noquote() << error;
    return 1;
  }
  for (const QString &warning : plan->warnings) qCWarning(lcMeshCli).noquote() << warning;

  QThread engineThread;
  engineThread.setObjectName(QStringLiteral("mesh"));
  auto *manager = new mesh::MeshManager;
  manager->setPlan(plan->hosts, plan->routes);
  manager->moveToThread(&engineThread);
  QObject::connect(&engineThread, &QThread::finished, manager, &QObject::deleteLater);
  engineThread.start();

  int exitCode = 0;
  platform::StopRequests stop;
  QObject::connect(&stop, &platform::StopRequests::requested, qApp, [manager] {
    qCInfo(lcMeshCli) << "Interrupted. Stopping every agent...";
    QMetaObject::invokeMethod(manager, &mesh::MeshManager::stop, Qt::QueuedConnection);
  });
  QObject::connect(manager, &mesh::MeshManager::stopped, qApp, &QCoreApplication::quit,
                   Qt::QueuedConnection);
  if (statusInterval > 0) {
    QMetaObject::invokeMethod(
        manager, [manager, statusInterval] { manager->setSnapshotInterval(statusInterval * 1000); },
        Qt::QueuedConnection);
    QObject::connect(
        manager, &mesh::MeshManager::snapshotReady, qApp,
        [](const mesh::MeshSnapshot &s) {
          for (const auto &h : s.hosts) qCInfo(lcMeshCli).noquote() << statusLine(h);
          if (s.unroutableFrames)
            qCInfo(lcMeshCli).noquote()
                << QStringLiteral("status: %1 unroutable frame(s) dropped").arg(s.unroutableFrames);
        },
        Qt::QueuedConnection);
  }
  QMetaObject::invokeMethod(manager, &mesh::MeshManager::start, Qt::QueuedConnection);
  QCoreApplication::exec();
  engineThread.quit();
  engineThread.wait();
  return exitCode;
}

}  // namespace routeless::node
