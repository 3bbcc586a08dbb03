#include "logger.h"

#include <unistd.h>

#include <QDateTime>

namespace routeless::nodepass {

Logger::Logger(LogLevel level) : level_(level), colour_(qEnvironmentVariableIsEmpty("NO_COLOR")) {}

bool Logger::enabled(LogLevel level) const {
  return level_ != LogLevel::None && int(level) >= int(level_);
}

QByteArray Logger::formatLine(LogLevel level, const QString &message, bool colour) {
  static const char *names[] = {"NONE", "DEBUG", "INFO", "WARN", "ERROR", "EVENT"};
  static const char *colours[] = {"0", "34", "32", "33", "31", "36"};
  const int i = int(level);
  QByteArray line =
      QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")).toLatin1();
  line += "  ";
  if (colour)
    line += QByteArray("\x1b[") + colours[i] + 'm' + names[i] + "\x1b[0m";
  else
    line += names[i];
  line += "  ";
  line += message.toUtf8();
  line += '\n';
  return line;
}

void Logger::log(LogLevel level, const QString &message) const {
  if (!enabled(level)) return;
  if (sink_) {
    sink_(level, message);
    return;
  }
  const QByteArray line = formatLine(level, message, colour_);
  qsizetype off = 0;
  while (off < line.size()) {
    const ssize_t n = ::write(1, line.constData() + off, size_t(line.size() - off));
    if (n <= 0) break;
    off += n;
  }
}

}  // namespace routeless::nodepass
