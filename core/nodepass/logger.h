#pragma once
// Logger: writes lines in NodePass's format ("YYYY-MM-DD HH:MM:SS.mmm  LEVEL  message", coloured
// level) to stdout, one write() per line so threads do not interleave. Callers must never pass
// keys or tokens in messages.
#include <QString>
#include <functional>

#include "tunnelurl.h"

namespace routeless::nodepass {

class Logger final {
 public:
  explicit Logger(LogLevel level = LogLevel::Info);
  void setLevel(LogLevel level) { level_ = level; }
  LogLevel level() const { return level_; }
  bool enabled(LogLevel level) const;
  void log(LogLevel level, const QString &message) const;
  void debug(const QString &m) const { log(LogLevel::Debug, m); }
  void info(const QString &m) const { log(LogLevel::Info, m); }
  void warn(const QString &m) const { log(LogLevel::Warn, m); }
  void error(const QString &m) const { log(LogLevel::Error, m); }
  void event(const QString &m) const { log(LogLevel::Event, m); }
  // Formats one line without writing it (used by tests and by embedders).
  static QByteArray formatLine(LogLevel level, const QString &message, bool colour);
  // Optional sink replacing stdout (e.g. the desktop app's log view); it gets the bare message.
  void setSink(std::function<void(LogLevel, const QString &)> sink) { sink_ = std::move(sink); }

 private:
  LogLevel level_;
  bool colour_;
  std::function<void(LogLevel, const QString &)> sink_;
};

}  // namespace routeless::nodepass
