#pragma once
// What the agent needs from its process and host besides sockets and stdio, one
// implementation per platform (process_posix.cpp, process_win.cpp): names, the environment,
// clocks for log lines, files of the state directory, memory behaviour.

#include <optional>
#include <string>

namespace routeless::agent::sys {

std::string hostName();
// $HOME (POSIX), %USERPROFILE% (Windows); "" when unknown.
std::string homeDirectory();
std::optional<std::string> environment(const char *name);
// The local time as logrus prints it: 2006-01-02T15:04:05-07:00.
std::string localTimestamp();
// /etc/hosts, or the Windows hosts file.
std::string systemHostsPath();
// mkdir -p.
bool makeDirectories(const std::string &path, std::string *error);
// Writes `data` to a temporary file beside `path`, then renames it over `path`, so that
// readers see the old or the new file, never half of one.
bool replaceFile(const std::string &path, const std::string &data, std::string *error);
// Memory behaviour for a data path that allocates and frees ~64 KiB segments at a high rate:
// freed memory stays in the process while traffic flows (returning it to the system only to
// fault it in again cost a fifth of a sender's CPU), large buffers are mapped on their own
// (glibc thresholds; no-op elsewhere).
void tuneMemoryForTraffic();
// Gives free memory back to the system (glibc: malloc_trim); the agent calls it once traffic
// has stopped, so that an idle agent is small again.
void releaseFreeMemory();

}  // namespace routeless::agent::sys
