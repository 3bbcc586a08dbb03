// guardChild on Windows: the child is created suspended, added to this process's kill-on-close
// job (processjob_win.cpp) as soon as QProcess reports it started, then resumed, so that it
// cannot start a process of its own outside the job first. If the job cannot be had, the child
// still runs, unguarded, and the reason is logged once.
#include <windows.h>

#include <QLoggingCategory>
#include <QProcess>
#include <string>

#include "platform/childguard.h"
#include "platform/processjob_win.h"

namespace routeless::platform {
namespace {
Q_LOGGING_CATEGORY(lcChildGuard, "routeless.platform")
}

void guardChild(QProcess &process, ChildOptions) {
  process.setCreateProcessArgumentsModifier(
      [](QProcess::CreateProcessArguments *arguments) { arguments->flags |= CREATE_SUSPENDED; });
  QObject::connect(
      &process, &QProcess::started, &process,
      [p = &process] {
        const auto processId = static_cast<unsigned long>(p->processId());
        std::string error;
        if (!processjob::add(processId, &error)) {
          static bool warned = false;
          if (!warned)
            qCWarning(lcChildGuard).noquote()
                << QStringLiteral("children will not be stopped if this process crashes: %1")
                       .arg(QString::fromStdString(error));
          warned = true;
        }
        processjob::resume(processId);
      },
      Qt::DirectConnection);
}

}  // namespace routeless::platform
