#pragma once
// Our own programs by name: the file name a program has on this OS ("routeless-node",
// "routeless-node.exe") and where it sits beside the running one (on macOS both live in the
// app bundle's Contents/MacOS). It never searches PATH: a program found there may be another
// version, or someone else's.
#include <QString>

namespace routeless::platform {

QString executableFileName(const QString &program);
// `program` in the running executable's folder (absolute path).
QString siblingExecutable(const QString &program);
// True when the running executable is `program` (whatever the OS adds to its name).
bool runningExecutableIs(const QString &program);

}  // namespace routeless::platform
