// Windows process and host facts for the agent.
#include <direct.h>
#include <windows.h>

#include <cstdlib>
#include <ctime>

#include "agent/sys/process.h"

namespace routeless::agent::sys {

std::string hostName() {
  char name[MAX_COMPUTERNAME_LENGTH + 1] = {};
  DWORD size = sizeof name;
  if (!GetComputerNameA(name, &size)) return "localhost";
  return name;
}

std::string homeDirectory() {
  if (const char *home = getenv("USERPROFILE"); home && *home) return home;
  if (const char *home = getenv("HOME"); home && *home) return home;
  return std::string();
}

std::optional<std::string> environment(const char *name) {
  const char *v = getenv(name);
  if (!v) return std::nullopt;
  return std::string(v);
}

std::string localTimestamp() {
  const time_t now = time(nullptr);
  struct tm local;
  localtime_s(&local, &now);
  TIME_ZONE_INFORMATION tz;
  const DWORD mode = GetTimeZoneInformation(&tz);
  long bias = -tz.Bias - (mode == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : 0);
  char text[48];
  strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
  char offset[8];
  snprintf(offset, sizeof offset, "%c%02ld:%02ld", bias < 0 ? '-' : '+', labs(bias) / 60,
           labs(bias) % 60);
  return std::string(text) + offset;
}

std::string systemHostsPath() {
  const char *root = getenv("SystemRoot");
  return std::string(root ? root : "C:\\Windows") + "\\System32\\drivers\\etc\\hosts";
}

bool makeDirectories(const std::string &path, std::string *error) {
  std::string partial;
  size_t at = 0;
  while (at != std::string::npos) {
    at = path.find_first_of("/\\", at + 1);
    partial = path.substr(0, at);
    if (partial.empty() || (partial.size() == 2 && partial[1] == ':')) continue;
    if (_mkdir(partial.c_str()) != 0 && errno != EEXIST) {
      if (error) *error = "cannot create " + partial;
      return false;
    }
  }
  const DWORD attributes = GetFileAttributesA(path.c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    if (error) *error = path + " is not a directory";
    return false;
  }
  return true;
}

bool replaceFile(const std::string &path, const std::string &data, std::string *error) {
  const std::string temp = path + ".tmp." + std::to_string(GetCurrentProcessId());
  const HANDLE f = CreateFileA(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, nullptr);
  if (f == INVALID_HANDLE_VALUE) {
    if (error) *error = temp + ": Windows error " + std::to_string(GetLastError());
    return false;
  }
  DWORD written = 0;
  const bool ok =
      WriteFile(f, data.data(), DWORD(data.size()), &written, nullptr) && written == data.size();
  CloseHandle(f);
  if (!ok || !MoveFileExA(temp.c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING)) {
    if (error) *error = path + ": Windows error " + std::to_string(GetLastError());
    DeleteFileA(temp.c_str());
    return false;
  }
  return true;
}

void tuneMemoryForTraffic() {}

void releaseFreeMemory() {}

}  // namespace routeless::agent::sys
