// Autostart on Windows: a value named after the app under
// HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run holding the command line; the
// NSIS uninstaller (installer/packaging.cmake) deletes the same value.
#include <QDir>
#include <QSettings>

#include "platform/autostart.h"

namespace routeless::platform {
namespace {

// CommandLineToArgvW's rules: quotes around an argument with spaces, tabs or quotes; a quote
// inside is preceded by a backslash, and so is every backslash run that ends before a quote.
QString commandLineArgument(const QString &argument) {
  if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) &&
      !argument.contains(QLatin1Char('\t')) && !argument.contains(QLatin1Char('"')))
    return argument;
  QString quoted = QStringLiteral("\"");
  int backslashes = 0;
  for (const QChar c : argument) {
    if (c == QLatin1Char('\\')) {
      ++backslashes;
      continue;
    }
    if (c == QLatin1Char('"')) backslashes = backslashes * 2 + 1;
    quoted += QString(backslashes, QLatin1Char('\\')) + c;
    backslashes = 0;
  }
  return quoted + QString(backslashes * 2, QLatin1Char('\\')) + QLatin1Char('"');
}

}  // namespace

QString Autostart::defaultLocation() {
  return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
}

QString Autostart::entryLocation() const { return location_ + QLatin1Char('\\') + app_.name; }

bool Autostart::isEnabled() const {
  return QSettings(location_, QSettings::NativeFormat).contains(app_.name);
}

bool Autostart::setEnabled(bool on, QString *error) {
  QSettings run(location_, QSettings::NativeFormat);
  if (on) {
    QStringList command{commandLineArgument(QDir::toNativeSeparators(app_.program))};
    for (const QString &argument : app_.arguments) command << commandLineArgument(argument);
    run.setValue(app_.name, command.join(QLatin1Char(' ')));
  } else {
    run.remove(app_.name);
  }
  run.sync();
  if (run.status() == QSettings::NoError) return true;
  if (error) *error = QStringLiteral("cannot write %1").arg(entryLocation());
  return false;
}

}  // namespace routeless::platform
