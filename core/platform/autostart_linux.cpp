// Autostart on Linux (any freedesktop desktop): $XDG_CONFIG_HOME/autostart/<fileId>.desktop.
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include "platform/autostart.h"

namespace routeless::platform {
namespace {

// One argument of an Exec= line: quoted as the Desktop Entry spec asks when it needs quoting.
QString execArgument(const QString &argument) {
  static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
  bool plain = !argument.isEmpty();
  for (const QChar c : argument) plain = plain && !reserved.contains(c);
  if (plain) return argument;
  QString quoted = QStringLiteral("\"");
  for (const QChar c : argument) {
    if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
        c == QLatin1Char('\\'))
      quoted += QLatin1Char('\\');
    quoted += c;
  }
  return quoted + QLatin1Char('"');
}

// A value of a key: the spec's escapes for backslash and line breaks; '%' doubled in Exec.
QString entryValue(QString value) {
  value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
  value.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
  return value;
}

}  // namespace

QString Autostart::defaultLocation() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
      .filePath(QStringLiteral("autostart"));
}

QString Autostart::entryLocation() const {
  return QDir(location_).filePath(app_.fileId + QStringLiteral(".desktop"));
}

bool Autostart::isEnabled() const { return QFile::exists(entryLocation()); }

bool Autostart::setEnabled(bool on, QString *error) {
  const QString file = entryLocation();
  if (!on) {
    if (!QFile::exists(file) || QFile::remove(file)) return true;
    if (error) *error = QStringLiteral("cannot remove %1").arg(file);
    return false;
  }
  QStringList exec{execArgument(app_.program)};
  for (const QString &argument : app_.arguments) exec << execArgument(argument);
  const QString text = QStringLiteral(
                           "[Desktop Entry]\n"
                           "Type=Application\n"
                           "Name=%1\n"
                           "Comment=%2\n"
                           "Exec=%3\n"
                           "Icon=%4\n"
                           "Terminal=false\n"
                           "X-GNOME-Autostart-enabled=true\n")
                           .arg(entryValue(app_.name), entryValue(app_.comment),
                                entryValue(exec.join(QLatin1Char(' ')))
                                    .replace(QLatin1Char('%'), QStringLiteral("%%")),
                                entryValue(app_.fileId));
  QSaveFile out(file);
  if (!QDir().mkpath(location_) || !out.open(QIODevice::WriteOnly) ||
      out.write(text.toUtf8()) < 0 || !out.commit()) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(file, out.errorString());
    return false;
  }
  return true;
}

}  // namespace routeless::platform
