/* Time source for lwIP's timers (NO_SYS=1): a monotonic millisecond clock. */
#include "lwip/opt.h"
#include "lwip/sys.h"
#include <time.h>

u32_t sys_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (u32_t)(ts.tv_sec * 1000u + ts.tv_nsec / 1000000u);
}
