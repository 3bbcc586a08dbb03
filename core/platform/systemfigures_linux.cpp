// SystemFigures on Linux: /proc/meminfo, /proc/net/dev, /proc/diskstats, /proc/uptime and the
// first line of /proc/stat.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/systemfigures.h"

namespace routeless::platform {
namespace {

std::vector<std::string> fields(const std::string &line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

uint64_t number(const std::string &text) {
  try {
    return std::stoull(text);
  } catch (...) {
    return 0;
  }
}

void readMemory(SystemFigures &f) {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> v = fields(line);  // "MemTotal:  16314932 kB"
    if (v.size() < 2) continue;
    const int64_t bytes = int64_t(number(v[1])) * (v.size() > 2 && v[2] == "kB" ? 1024 : 1);
    if (v[0] == "MemTotal:") f.memTotal = bytes;
    if (v[0] == "MemAvailable:") f.memAvailable = bytes;
    if (v[0] == "SwapTotal:") f.swapTotal = bytes;
    if (v[0] == "SwapFree:") f.swapFree = bytes;
  }
}

void readNetwork(SystemFigures &f) {
  std::ifstream in("/proc/net/dev");
  if (!in) return;
  f.netRx = f.netTx = 0;
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(':');  // "  eth0: rx_bytes packets ... (8 fields) tx_bytes ..."
    if (colon == std::string::npos) continue;
    if (fields(line.substr(0, colon)) == std::vector<std::string>{"lo"}) continue;
    const std::vector<std::string> v = fields(line.substr(colon + 1));
    if (v.size() < 9) continue;
    f.netRx += int64_t(number(v[0]));
    f.netTx += int64_t(number(v[8]));
  }
}

void readDisks(SystemFigures &f) {
  std::ifstream in("/proc/diskstats");
  if (!in) return;
  f.diskRead = f.diskWrite = 0;
  for (std::string line; std::getline(in, line);) {
    // major minor name reads merged sectors-read ms writes merged sectors-written ...
    const std::vector<std::string> v = fields(line);
    if (v.size() < 10 || v[2].rfind("loop", 0) == 0 || v[2].rfind("ram", 0) == 0) continue;
    f.diskRead += int64_t(number(v[5])) * 512;
    f.diskWrite += int64_t(number(v[9])) * 512;
  }
}

void readUptime(SystemFigures &f) {
  std::ifstream in("/proc/uptime");
  double seconds = -1;
  if (in >> seconds) f.uptimeSeconds = int64_t(seconds);
}

void readCpu(SystemFigures &f) {
  std::ifstream in("/proc/stat");
  std::string line;
  if (!std::getline(in, line)) return;
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
  const std::vector<std::string> v = fields(line);
  if (v.size() < 6 || v[0] != "cpu") return;
  uint64_t total = 0;
  for (size_t i = 1; i < v.size(); ++i) total += number(v[i]);
  f.cpuTotal = total;
  f.cpuIdle = number(v[4]) + number(v[5]);
}

}  // namespace

SystemFigures readSystemFigures() {
  SystemFigures f;
  readMemory(f);
  readNetwork(f);
  readDisks(f);
  readUptime(f);
  readCpu(f);
  return f;
}

}  // namespace routeless::platform
