// SystemFigures on macOS: sysctl (hw.memsize, vm.swapusage, kern.boottime, the interface list
// with 64-bit counters from NET_RT_IFLIST2) and the Mach host statistics (free and inactive
// pages, CPU ticks). Disk counters live in IOKit and are left unknown.
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <net/if.h>
#include <net/route.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <vector>

#include "platform/systemfigures.h"

namespace routeless::platform {
namespace {

// One send right for the whole process (each mach_host_self() call adds a reference).
mach_port_t host() {
  static const mach_port_t port = mach_host_self();
  return port;
}

void readMemory(SystemFigures &f) {
  uint64_t memsize = 0;
  size_t size = sizeof memsize;
  if (sysctlbyname("hw.memsize", &memsize, &size, nullptr, 0) == 0) f.memTotal = int64_t(memsize);

  vm_statistics64_data_t vm = {};
  mach_msg_type_number_t count = HOST_VM_INFO64_COUNT;
  vm_size_t pageSize = 0;
  if (host_page_size(host(), &pageSize) == KERN_SUCCESS &&
      host_statistics64(host(), HOST_VM_INFO64, reinterpret_cast<host_info64_t>(&vm), &count) ==
          KERN_SUCCESS)
    f.memAvailable =
        int64_t(uint64_t(vm.free_count + vm.inactive_count + vm.purgeable_count) * pageSize);

  xsw_usage swap = {};
  size = sizeof swap;
  if (sysctlbyname("vm.swapusage", &swap, &size, nullptr, 0) == 0) {
    f.swapTotal = int64_t(swap.xsu_total);
    f.swapFree = int64_t(swap.xsu_avail);
  }
}

void readNetwork(SystemFigures &f) {
  int mib[] = {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0};
  size_t size = 0;
  if (sysctl(mib, 6, nullptr, &size, nullptr, 0) != 0 || size == 0) return;
  std::vector<char> buffer(size);
  if (sysctl(mib, 6, buffer.data(), &size, nullptr, 0) != 0) return;
  f.netRx = f.netTx = 0;
  for (size_t at = 0; at + sizeof(if_msghdr) <= size;) {
    const auto *header = reinterpret_cast<const if_msghdr *>(buffer.data() + at);
    if (header->ifm_msglen == 0) break;
    if (header->ifm_type == RTM_IFINFO2 && !(header->ifm_flags & IFF_LOOPBACK)) {
      const auto *info = reinterpret_cast<const if_msghdr2 *>(header);
      f.netRx += int64_t(info->ifm_data.ifi_ibytes);
      f.netTx += int64_t(info->ifm_data.ifi_obytes);
    }
    at += header->ifm_msglen;
  }
}

void readUptime(SystemFigures &f) {
  struct timeval boot = {};
  size_t size = sizeof boot;
  int mib[] = {CTL_KERN, KERN_BOOTTIME};
  struct timeval now = {};
  if (sysctl(mib, 2, &boot, &size, nullptr, 0) == 0 && gettimeofday(&now, nullptr) == 0)
    f.uptimeSeconds = int64_t(now.tv_sec - boot.tv_sec);
}

void readCpu(SystemFigures &f) {
  host_cpu_load_info_data_t load = {};
  mach_msg_type_number_t count = HOST_CPU_LOAD_INFO_COUNT;
  if (host_statistics(host(), HOST_CPU_LOAD_INFO, reinterpret_cast<host_info_t>(&load), &count) !=
      KERN_SUCCESS)
    return;
  uint64_t total = 0;
  for (int state = 0; state < CPU_STATE_MAX; ++state) total += load.cpu_ticks[state];
  f.cpuTotal = total;
  f.cpuIdle = load.cpu_ticks[CPU_STATE_IDLE];
}

}  // namespace

SystemFigures readSystemFigures() {
  SystemFigures f;
  readMemory(f);
  readNetwork(f);
  readUptime(f);
  readCpu(f);
  return f;
}

}  // namespace routeless::platform
