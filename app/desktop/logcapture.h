#pragma once
// LogCapture: the process-wide Qt message handler that copies every log line into a LogModel
// and still writes it to stderr. It must never call back into Qt logging (no recursion) and
// never block the logging thread beyond a short append.

#include <QtGlobal>

namespace routeless::desktop {

class LogModel;

class LogCapture {
 public:
  static void install(LogModel *model);
  static void uninstall();
};

}  // namespace routeless::desktop
