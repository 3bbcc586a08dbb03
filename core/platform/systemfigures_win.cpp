// SystemFigures on Windows: GlobalMemoryStatusEx (RAM; the page file beyond RAM stands for
// swap), GetIfTable2 (interface octets, loopback and filter interfaces left out),
// GetTickCount64 and GetSystemTimes. Disk counters need a handle per physical drive and are
// left unknown.
// GetIfTable2 needs the Vista API level at least; Qt 6 itself needs Windows 10.
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
// The order matters: winsock2.h, then ws2tcpip.h (the IP types), then windows.h, then the IP
// Helper headers that need all three.
#include <winsock2.h>
// (see above)
#include <ws2tcpip.h>
// (see above)
#include <windows.h>
// (see above)
#include <iphlpapi.h>
#include <netioapi.h>

#include "platform/systemfigures.h"

namespace routeless::platform {
namespace {

uint64_t ticks(const FILETIME &t) { return (uint64_t(t.dwHighDateTime) << 32) | t.dwLowDateTime; }

void readMemory(SystemFigures &f) {
  MEMORYSTATUSEX status = {};
  status.dwLength = sizeof status;
  if (!GlobalMemoryStatusEx(&status)) return;
  f.memTotal = int64_t(status.ullTotalPhys);
  f.memAvailable = int64_t(status.ullAvailPhys);
  // The commit limit is RAM plus the page files; what exceeds RAM is the page files.
  f.swapTotal = status.ullTotalPageFile > status.ullTotalPhys
                    ? int64_t(status.ullTotalPageFile - status.ullTotalPhys)
                    : 0;
  const int64_t commitFree = int64_t(status.ullAvailPageFile) - int64_t(status.ullAvailPhys);
  f.swapFree = commitFree < 0 ? 0 : (commitFree > f.swapTotal ? f.swapTotal : commitFree);
}

void readNetwork(SystemFigures &f) {
  MIB_IF_TABLE2 *table = nullptr;
  if (GetIfTable2(&table) != NO_ERROR || !table) return;
  f.netRx = f.netTx = 0;
  for (ULONG i = 0; i < table->NumEntries; ++i) {
    const MIB_IF_ROW2 &row = table->Table[i];
    if (row.Type == IF_TYPE_SOFTWARE_LOOPBACK || row.InterfaceAndOperStatusFlags.FilterInterface)
      continue;
    f.netRx += int64_t(row.InOctets);
    f.netTx += int64_t(row.OutOctets);
  }
  FreeMibTable(table);
}

void readCpu(SystemFigures &f) {
  FILETIME idle, kernel, user;
  if (!GetSystemTimes(&idle, &kernel, &user)) return;
  // Kernel time includes the idle time.
  f.cpuTotal = ticks(kernel) + ticks(user);
  f.cpuIdle = ticks(idle);
}

}  // namespace

SystemFigures readSystemFigures() {
  SystemFigures f;
  readMemory(f);
  readNetwork(f);
  f.uptimeSeconds = int64_t(GetTickCount64() / 1000);
  readCpu(f);
  return f;
}

}  // namespace routeless::platform
