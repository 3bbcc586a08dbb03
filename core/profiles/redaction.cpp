#include "profiles/redaction.h"

#include <QRegularExpression>

namespace routeless::profiles {

namespace {

// A shell string ("sshpass -p 'a b' ssh h", the argument of `sh -c`) cut into words, each a
// span of the text, quotes included, so the text can be put back with only words replaced.
struct ShellWords {
  QString text;
  QList<std::pair<qsizetype, qsizetype>> spans;  // start, length

  explicit ShellWords(const QString &s) : text(s) {
    qsizetype i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i].isSpace()) ++i;
      if (i >= s.size()) break;
      const qsizetype start = i;
      QChar quote;
      for (; i < s.size(); ++i) {
        const QChar c = s[i];
        if (!quote.isNull()) {
          if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < s.size())
            ++i;
          else if (c == quote)
            quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
          quote = c;
        } else if (c == QLatin1Char('\\') && i + 1 < s.size()) {
          ++i;
        } else if (c.isSpace()) {
          break;
        }
      }
      spans.append({start, i - start});
    }
  }

  QStringList words() const {
    QStringList out;
    for (const auto &[start, length] : spans) out.append(text.mid(start, length));
    return out;
  }

  QString rebuilt(const QStringList &words) const {
    QString out;
    qsizetype at = 0;
    for (qsizetype w = 0; w < spans.size(); ++w) {
      out += text.mid(at, spans[w].first - at);
      out += words[w];
      at = spans[w].first + spans[w].second;
    }
    return out + text.mid(at);
  }
};

// The word without the quotes around all of it.
QString unquoted(const QString &w) {
  if (w.size() >= 2 && (w.front() == QLatin1Char('\'') || w.front() == QLatin1Char('"')) &&
      w.back() == w.front())
    return w.mid(1, w.size() - 2);
  return w;
}

bool isPasswordOption(const QString &name) {
  const QString n = name.toLower();
  if (n.startsWith(QLatin1String("no-")) || n.startsWith(QLatin1String("no_"))) return false;
  for (const char *notAValue : {"file", "path", "stdin", "env", "prompt", "command", "cmd"})
    if (n.endsWith(QLatin1String(notAValue))) return false;
  if (n == QLatin1String("pass") || n == QLatin1String("pwd")) return true;
  QString compact = n;
  compact.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
  for (const char *secret :
       {"password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "privatekey"})
    if (compact.contains(QLatin1String(secret))) return true;
  return false;
}

bool isPasswordVariable(const QString &name) {
  const QString n = name.toUpper();
  if (n == QLatin1String("PWD") || n == QLatin1String("OLDPWD")) return false;  // directories
  if (n.endsWith(QLatin1String("_PWD"))) return true;
  for (const char *secret :
       {"PASS", "TOKEN", "SECRET", "API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY", "AUTH_KEY"})
    if (n.contains(QLatin1String(secret))) return true;
  return false;
}

class Redactor {
 public:
  explicit Redactor(QStringList *removed) : m_removed(removed) {}

  // Redacts `words` in place; `depth` bounds the shell strings inside shell strings.
  void redact(QStringList &words, int depth) {
    static const QRegularExpression option(
        QStringLiteral("^(--?)([A-Za-z][A-Za-z0-9_-]{2,})(=(.*))?$"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression variable(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)=(.+)$"),
                                             QRegularExpression::DotMatchesEverythingOption);
    for (qsizetype i = 0; i < words.size(); ++i) {
      QString &w = words[i];
      const QString bare = unquoted(w);
      const auto opt = option.match(bare);
      const bool passwordOption = opt.hasMatch() && isPasswordOption(opt.captured(2));
      // --password=VALUE: all of VALUE, even with spaces in it.
      if (passwordOption && opt.hasCaptured(3)) {
        if (!opt.captured(4).isEmpty() && opt.captured(4) != QLatin1String(kRedacted)) {
          w = opt.captured(1) + opt.captured(2) + QLatin1Char('=') + QLatin1String(kRedacted);
          note(QStringLiteral("the value of %1%2").arg(opt.captured(1), opt.captured(2)));
        }
        continue;
      }
      // A shell string (the argument of `sh -c`, a remote ssh command): the same rules on
      // its words, put back with its own spacing and quotes.
      const ShellWords shell(bare);
      if (shell.spans.size() > 1) {
        if (depth >= 3) continue;
        QStringList inner = shell.words();
        const QStringList before = inner;
        redact(inner, depth + 1);
        if (inner != before) {
          const QString rebuilt = shell.rebuilt(inner);
          w = bare.size() == w.size() ? rebuilt : w.front() + rebuilt + w.back();
        }
        continue;
      }
      if (bare.section(QLatin1Char('/'), -1) == QLatin1String("sshpass")) {
        i = sshpassOptions(words, i + 1) - 1;
        continue;
      }
      if (passwordOption) {  // --password VALUE
        if (i + 1 < words.size() && !words[i + 1].startsWith(QLatin1Char('-')) &&
            words[i + 1] != QLatin1String(kRedacted)) {
          words[i + 1] = QLatin1String(kRedacted);
          note(QStringLiteral("the value of %1%2").arg(opt.captured(1), opt.captured(2)));
          ++i;
        }
        continue;
      }
      if (const auto m = variable.match(bare); m.hasMatch() && isPasswordVariable(m.captured(1))) {
        if (m.captured(2) != QLatin1String(kRedacted)) {
          w = m.captured(1) + QLatin1Char('=') + QLatin1String(kRedacted);
          note(QStringLiteral("the value of %1=").arg(m.captured(1)));
        }
        continue;
      }
      redactUrlPasswords(w);
    }
  }

 private:
  // sshpass [-f file|-d fd|-p password|-e|-P prompt|-v] command...: returns the index of
  // the command after its options.
  qsizetype sshpassOptions(QStringList &words, qsizetype i) {
    while (i < words.size()) {
      const QString w = unquoted(words[i]);
      if (w == QLatin1String("-p") && i + 1 < words.size()) {
        if (words[i + 1] != QLatin1String(kRedacted)) {
          words[i + 1] = QLatin1String(kRedacted);
          note(QStringLiteral("the password after sshpass -p"));
        }
        i += 2;
      } else if (w.startsWith(QLatin1String("-p")) && w.size() > 2) {
        if (w.mid(2) != QLatin1String(kRedacted)) {
          words[i] = QStringLiteral("-p") + QLatin1String(kRedacted);
          note(QStringLiteral("the password after sshpass -p"));
        }
        ++i;
      } else if (w == QLatin1String("-f") || w == QLatin1String("-d") || w == QLatin1String("-P")) {
        i += 2;
      } else if (w.startsWith(QLatin1Char('-')) && w != QLatin1String("--")) {
        ++i;
      } else {
        return w == QLatin1String("--") ? i + 1 : i;
      }
    }
    return i;
  }

  void redactUrlPasswords(QString &w) {
    static const QRegularExpression url(
        QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/@:]*):([^\\s/@]+)@"));
    qsizetype from = 0;
    for (;;) {
      const auto m = url.match(w, from);
      if (!m.hasMatch()) break;
      if (m.captured(2) == QLatin1String(kRedacted)) {
        from = m.capturedEnd(0);
        continue;
      }
      w.replace(m.capturedStart(2), m.capturedLength(2), QLatin1String(kRedacted));
      note(QStringLiteral("the password of a user:password@ URL"));
      from = m.capturedStart(2) + qsizetype(qstrlen(kRedacted)) + 1;
    }
  }

  void note(const QString &what) {
    if (m_removed) m_removed->append(what);
  }

  QStringList *m_removed;
};

}  // namespace

QStringList redactedCommand(const QStringList &argv, QStringList *removed) {
  QStringList words = argv;
  Redactor(removed).redact(words, 0);
  return words;
}

}  // namespace routeless::profiles
