#include "profiles/tunneltext.h"

namespace routeless::profiles {

namespace {

// The first character of `text` a tunnel name or URL may not hold, or -1. Control and format
// characters do not survive every place a tunnel goes (a terminal, a NodePass master's
// command line, a log line), U+FFFD stands where the input was not UTF-8 (the original
// bytes are lost), and a lone surrogate is not text at all.
qsizetype firstUnprintable(const QString &text, bool spaceAllowed) {
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
      const char32_t code = QChar::surrogateToUcs4(c, text[i + 1]);
      const auto category = QChar::category(code);
      if (category == QChar::Other_Format || category == QChar::Other_PrivateUse ||
          category == QChar::Other_NotAssigned || QChar::isSpace(code))
        return i;
      ++i;
      continue;
    }
    if (c.isSurrogate() || c == QChar::ReplacementCharacter ||
        c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
        c.category() == QChar::Other_PrivateUse || c.category() == QChar::Other_NotAssigned)
      return i;
    if (c.isSpace() && !(spaceAllowed && c == QLatin1Char(' '))) return i;
  }
  return -1;
}

QString describeChar(const QString &text, qsizetype at) {
  const QChar c = text[at];
  if (c == QChar::ReplacementCharacter)
    return QStringLiteral("bytes that are not UTF-8 at character %1").arg(at + 1);
  return QStringLiteral("character U+%1 at %2")
      .arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')))
      .arg(at + 1);
}

}  // namespace

bool checkTunnelName(const QString &name, QString *why) {
  if (name.size() > kMaxTunnelNameLength) {
    *why = QStringLiteral("longer than %1 characters").arg(kMaxTunnelNameLength);
    return false;
  }
  const qsizetype bad = firstUnprintable(name, true);
  if (bad >= 0) {
    *why = QStringLiteral("holds %1; a name is printable text").arg(describeChar(name, bad));
    return false;
  }
  return true;
}

bool checkTunnelUrlText(const QString &url, QString *why) {
  if (url.size() > kMaxTunnelUrlLength) {
    *why = QStringLiteral("longer than %1 characters").arg(kMaxTunnelUrlLength);
    return false;
  }
  const qsizetype bad = firstUnprintable(url, false);
  if (bad >= 0) {
    *why = QStringLiteral("holds %1; a tunnel URL is printable text without spaces")
               .arg(describeChar(url, bad));
    return false;
  }
  return true;
}

}  // namespace routeless::profiles
