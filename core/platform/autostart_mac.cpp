// Autostart on macOS: a LaunchAgent, ~/Library/LaunchAgents/<bundleId>.plist, which launchd
// runs at the user's next login (RunAtLoad). Nothing is loaded now: the app already runs.
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include "platform/autostart.h"

namespace routeless::platform {
namespace {

QString xmlText(const QString &text) { return text.toHtmlEscaped(); }

}  // namespace

QString Autostart::defaultLocation() {
  return QDir::home().filePath(QStringLiteral("Library/LaunchAgents"));
}

QString Autostart::entryLocation() const {
  return QDir(location_).filePath(app_.bundleId + QStringLiteral(".plist"));
}

bool Autostart::isEnabled() const { return QFile::exists(entryLocation()); }

bool Autostart::setEnabled(bool on, QString *error) {
  const QString file = entryLocation();
  if (!on) {
    if (!QFile::exists(file) || QFile::remove(file)) return true;
    if (error) *error = QStringLiteral("cannot remove %1").arg(file);
    return false;
  }
  QString arguments = QStringLiteral("    <string>%1</string>\n").arg(xmlText(app_.program));
  for (const QString &argument : app_.arguments)
    arguments += QStringLiteral("    <string>%1</string>\n").arg(xmlText(argument));
  const QString text = QStringLiteral(
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                           "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                           "<plist version=\"1.0\">\n"
                           "<dict>\n"
                           "  <key>Label</key>\n"
                           "  <string>%1</string>\n"
                           "  <key>ProgramArguments</key>\n"
                           "  <array>\n"
                           "%2"
                           "  </array>\n"
                           "  <key>RunAtLoad</key>\n"
                           "  <true/>\n"
                           "  <key>ProcessType</key>\n"
                           "  <string>Interactive</string>\n"
                           "</dict>\n"
                           "</plist>\n")
                           .arg(xmlText(app_.bundleId), arguments);
  QSaveFile out(file);
  if (!QDir().mkpath(location_) || !out.open(QIODevice::WriteOnly) ||
      out.write(text.toUtf8()) < 0 || !out.commit()) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(file, out.errorString());
    return false;
  }
  return true;
}

}  // namespace routeless::platform
