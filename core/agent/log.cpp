#include "agent/log.h"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "agent/sys/process.h"
#include "agent/sys/stdio.h"

namespace routeless::agent::log {
namespace {

std::atomic<bool> g_debug{false};

const std::string &hostPrefix() {
  static const std::string prefix = sys::hostName() + ": ";
  return prefix;
}

void emit(const char *level, const char *format, va_list args) {
  char message[2048];
  vsnprintf(message, sizeof message, format, args);
  std::string line = hostPrefix();
  line += "time=\"";
  line += sys::localTimestamp();
  line += "\" level=";
  line += level;
  line += " msg=\"";
  for (const char *c = message; *c; ++c) {
    if (*c == '"' || *c == '\\') line += '\\';
    if (*c == '\n') {
      line += "\\n";
      continue;
    }
    line += *c;
  }
  line += "\"\n";
  sys::writeStderr(line);
}

}  // namespace

void setDebug(bool on) { g_debug = on; }
bool debugEnabled() { return g_debug.load(std::memory_order_relaxed); }

void debug(const char *format, ...) {
  if (!debugEnabled()) return;
  va_list args;
  va_start(args, format);
  emit("debug", format, args);
  va_end(args);
}

void info(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("info", format, args);
  va_end(args);
}

void warning(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("warning", format, args);
  va_end(args);
}

void error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("error", format, args);
  va_end(args);
}

}  // namespace routeless::agent::log
