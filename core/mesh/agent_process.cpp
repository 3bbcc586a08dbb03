#include "mesh/agent_process.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "mesh/agent.h"
#include "mesh/agent_stdio.h"
#include "stdio/messages.h"

#ifndef Q_OS_WIN
#include <unistd.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace routeless::mesh {
namespace {

std::atomic<bool> g_debug{false};
QByteArray g_hostPrefix;

// Log lines in logrus' text layout behind the host name, as NoRouter agents print them;
// the manager forwards them as they are. Everything goes to stderr: stdout carries frames.
void logHandler(QtMsgType type, const QMessageLogContext &, const QString &message) {
  const char *level = "info";
  switch (type) {
    case QtDebugMsg:
      if (!g_debug.load()) return;
      level = "debug";
      break;
    case QtInfoMsg:
      level = "info";
      break;
    case QtWarningMsg:
      level = "warning";
      break;
    case QtCriticalMsg:
      level = "error";
      break;
    case QtFatalMsg:
      level = "fatal";
      break;
  }
  QByteArray line = g_hostPrefix;
  line += "time=\"";
  line += QDateTime::currentDateTime().toString(Qt::ISODate).toUtf8();
  line += "\" level=";
  line += level;
  line += " msg=\"";
  for (const char c : message.toUtf8()) {
    if (c == '"' || c == '\\') line += '\\';
    if (c == '\n') {
      line += "\\n";
      continue;
    }
    line += c;
  }
  line += "\"\n";
  fwrite(line.constData(), 1, size_t(line.size()), stderr);
  if (type == QtFatalMsg) abort();
}

}  // namespace

int runAgentProcess(const QStringList &args) {
  g_hostPrefix = QHostInfo::localHostName().toUtf8() + ": ";
  qInstallMessageHandler(logHandler);

  bool automated = false;
  QString initConfig;
  for (int i = 0; i < args.size(); ++i) {
    const QString &a = args.at(i);
    if (a == QLatin1String("--automated")) {
      automated = true;
    } else if (a == QLatin1String("--debug")) {
      g_debug = true;
    } else if (a == QLatin1String("--debug-init-config") && i + 1 < args.size()) {
      initConfig = args.at(++i);
    } else if (a.startsWith(QLatin1String("--debug-init-config="))) {
      initConfig = a.mid(int(strlen("--debug-init-config=")));
    } else {
      qCritical("flag provided but not defined: %s", qPrintable(a));
      return 1;
    }
  }
  if (!automated) {
    qCritical("do not launch agent manually");
    return 1;
  }

  std::optional<stdio::ConfigureArgs> init;
  if (!initConfig.isEmpty()) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(initConfig.toUtf8(), &pe);
    QString error = pe.error == QJsonParseError::NoError ? QString() : pe.errorString();
    if (error.isEmpty() && !doc.isObject()) error = QStringLiteral("not a JSON object");
    if (error.isEmpty()) init = stdio::decodeConfigureArgs(doc.object(), &error);
    if (!init) {
      qCritical("--debug-init-config: %s", qPrintable(error));
      return 1;
    }
  }

  prepareStdio();
#ifdef __GLIBC__
  // A fixed mmap threshold: the 1 MiB stdin buffers go back to the system when freed, and
  // glibc stops raising its trim threshold, so idle agents give their peak memory back.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif

  QThread stackThread;
  stackThread.setObjectName(QStringLiteral("netstack"));
  auto *agent = new Agent(1);
  agent->moveToThread(&stackThread);
  QObject::connect(
      agent, &Agent::outputFailed, qApp,
      [](const QString &error) {
        qCritical("%s", qPrintable(error));
        QCoreApplication::exit(1);
      },
      Qt::QueuedConnection);
  stackThread.start();

  auto stop = [&](int status) {
    // The stack thread may be stuck in a write to a manager that stopped reading: give it a
    // moment, then leave without it (and without a reader blocked in read()).
    QMetaObject::invokeMethod(
        agent, [agent] { delete agent; }, Qt::QueuedConnection);
    stackThread.quit();
    if (!stackThread.wait(3000)) {
      fflush(stderr);
      _exit(status);
    }
    return status;
  };

  if (init) {
    bool ok = false;
    QString error;
    QMetaObject::invokeMethod(
        agent, [&] { ok = agent->configure(*init, &error); }, Qt::BlockingQueuedConnection);
    if (!ok) {
      qCritical("%s", qPrintable(error));
      return stop(1);
    }
    qDebug("configured from --debug-init-config: %s", qPrintable(init->me));
  }

  StdinReader reader(
      0, [agent](std::shared_ptr<AgentInput> batch) { agent->post(std::move(batch)); },
      [](int status, const QString &message) {
        qCritical("%s", qPrintable(message));
        QMetaObject::invokeMethod(
            qApp, [status] { QCoreApplication::exit(status); }, Qt::QueuedConnection);
      });
  reader.start();

  const int status = QCoreApplication::exec();
  stop(status);
  if (!reader.finished()) {
    fflush(stderr);
    _exit(status);
  }
  return status;
}

}  // namespace routeless::mesh
