#pragma once
// Small text rules the manifest's readers share (quoting input in messages, digit runs), so
// the manifest parser and the port-spec parser word and count things the same way. Internal
// to core/mesh: nothing here validates a whole field on its own.
#include <QString>

namespace routeless::mesh::text {

// `s` in double quotes with '"' and '\' escaped and control bytes as \xNN, for messages.
inline QString quoted(const QString &s) {
  QString out = QStringLiteral("\"");
  for (const QChar c : s) {
    if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
      out += QLatin1Char('\\');
      out += c;
    } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
      out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    } else {
      out += c;
    }
  }
  out += QLatin1Char('"');
  return out;
}

// 1..maxLen ASCII digits and nothing else (no sign, no spaces).
inline bool isPlainDigits(const QString &s, int maxLen) {
  if (s.isEmpty() || s.size() > maxLen) return false;
  for (const QChar c : s)
    if (c < QLatin1Char('0') || c > QLatin1Char('9')) return false;
  return true;
}

}  // namespace routeless::mesh::text
