#include "platform/executables.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace routeless::platform {

QString siblingExecutable(const QString &program) {
  return QDir(QCoreApplication::applicationDirPath()).filePath(executableFileName(program));
}

bool runningExecutableIs(const QString &program) {
  return QFileInfo(QCoreApplication::applicationFilePath()).fileName() ==
         executableFileName(program);
}

}  // namespace routeless::platform
