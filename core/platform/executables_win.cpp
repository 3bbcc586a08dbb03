#include "platform/executables.h"

namespace routeless::platform {

QString executableFileName(const QString &program) { return program + QStringLiteral(".exe"); }

}  // namespace routeless::platform
