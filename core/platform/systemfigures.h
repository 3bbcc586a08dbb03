#pragma once
// SystemFigures: what this machine says about itself for the NodePass master's /info (memory,
// swap, network and disk byte counters, uptime, CPU time), read where each OS keeps them. Plain
// C++ without Qt, so every OS's file compiles with its bare toolchain (mingw-w64 for Windows).
// It never fails loudly: a figure the OS does not give stays -1.
#include <cstdint>

namespace routeless::platform {

struct SystemFigures {
  int64_t memTotal = -1;      // bytes of RAM
  int64_t memAvailable = -1;  // bytes a new program could use without swapping
  int64_t swapTotal = -1;     // bytes
  int64_t swapFree = -1;
  int64_t netRx = -1;  // bytes received on every interface but loopback, since boot
  int64_t netTx = -1;
  int64_t diskRead = -1;  // bytes read from block devices, since boot
  int64_t diskWrite = -1;
  int64_t uptimeSeconds = -1;
  // CPU time of all CPUs since boot in the OS's own unit: only a difference between two
  // samples means something (cpuBusyPercent).
  uint64_t cpuTotal = 0;
  uint64_t cpuIdle = 0;
};

SystemFigures readSystemFigures();
// Percent of CPU time spent busy between two samples, or -1 when they do not tell.
int cpuBusyPercent(const SystemFigures &earlier, const SystemFigures &later);

}  // namespace routeless::platform
