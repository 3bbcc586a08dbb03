#pragma once
// The agent's log: logrus' text layout behind the host name, as NoRouter agents print it
// (`host: time="..." level=warning msg="..."`), one write per line to stderr, so that the
// manager can forward lines as they come. Thread-safe. It never writes to stdout.

namespace routeless::agent::log {

void setDebug(bool on);
bool debugEnabled();

void debug(const char *format, ...) __attribute__((format(printf, 1, 2)));
void info(const char *format, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *format, ...) __attribute__((format(printf, 1, 2)));
void error(const char *format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace routeless::agent::log
