#include "logcapture.h"

#include <QAtomicPointer>
#include <QDateTime>
#include <cstdio>

#include "logmodel.h"

namespace routeless::desktop {

namespace {

QAtomicPointer<LogModel> g_model;
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
  int level = LogModel::Info;
  const char *tag = "info";
  switch (type) {
    case QtDebugMsg:
      level = LogModel::Debug;
      tag = "debug";
      break;
    case QtInfoMsg:
      break;
    case QtWarningMsg:
      level = LogModel::Warning;
      tag = "warning";
      break;
    case QtCriticalMsg:
    case QtFatalMsg:
      level = LogModel::Error;
      tag = "error";
      break;
  }
  QString source = QString::fromLatin1(context.category ? context.category : "default");
  if (source == QLatin1String("default")) source = QStringLiteral("app");
  if (source.startsWith(QLatin1String("routeless."))) source = source.mid(10);
  const QByteArray line = QStringLiteral("routeless: %1 [%2] %3\n")
                              .arg(QLatin1String(tag), source, message)
                              .toLocal8Bit();
  std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
  std::fflush(stderr);
  if (LogModel *m = g_model.loadAcquire())
    m->append({QDateTime::currentDateTime(), level, source, message});
  if (type == QtFatalMsg) std::abort();
}

}  // namespace

void LogCapture::install(LogModel *model) {
  g_model.storeRelease(model);
  g_previous = qInstallMessageHandler(handler);
}

void LogCapture::uninstall() {
  g_model.storeRelease(nullptr);
  qInstallMessageHandler(g_previous);
}

}  // namespace routeless::desktop
