#include "platform/systemfigures.h"

namespace routeless::platform {

int cpuBusyPercent(const SystemFigures &earlier, const SystemFigures &later) {
  if (earlier.cpuTotal == 0 || later.cpuTotal <= earlier.cpuTotal ||
      later.cpuIdle < earlier.cpuIdle)
    return -1;
  const double total = double(later.cpuTotal - earlier.cpuTotal);
  const double idle = double(later.cpuIdle - earlier.cpuIdle);
  if (idle > total) return -1;
  return int(100.0 * (1.0 - idle / total));
}

}  // namespace routeless::platform
