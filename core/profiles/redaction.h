#pragma once
// Redaction of password-like words in a host's command (argv) for exports without secrets:
// the password after `sshpass -p`, the value of `--password`-style options, `PASS=`-style
// environment words and the password of `user:pass@` in URLs, also inside a shell string
// (`sh -c "..."`). It must never change any other word, nor the number of words.

#include <QString>
#include <QStringList>

namespace routeless::profiles {

// What stands in place of a removed value, so the command keeps its shape.
inline constexpr char kRedacted[] = "REDACTED";

// `argv` with every password-like value replaced by kRedacted; `removed` (if given) gets one
// line per replacement saying what it was, e.g. "the password after sshpass -p".
QStringList redactedCommand(const QStringList &argv, QStringList *removed = nullptr);

}  // namespace routeless::profiles
