#include "platform/executables.h"

namespace routeless::platform {

QString executableFileName(const QString &program) { return program; }

}  // namespace routeless::platform
