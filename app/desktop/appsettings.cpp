#include "appsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace routeless::desktop {

namespace {
const QString kAutostartName = QStringLiteral("routeless.desktop");
}

AppSettings::AppSettings(const QString &configDir, const QString &autostartDir, QObject *parent)
    : QObject(parent),
      m_configDir(configDir),
      m_autostartDir(autostartDir),
      m_settings(QDir(configDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat) {
  QDir().mkpath(configDir);
}

QString AppSettings::autostartFile() const { return QDir(m_autostartDir).filePath(kAutostartName); }

bool AppSettings::autostart() const { return QFile::exists(autostartFile()); }

void AppSettings::setAutostart(bool on) {
  if (on == autostart()) return;
  if (on) {
    QDir().mkpath(m_autostartDir);
    QSaveFile f(autostartFile());
    if (f.open(QIODevice::WriteOnly)) {
      const QString exec = QCoreApplication::applicationFilePath();
      f.write(QStringLiteral("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Routeless\n"
                             "Comment=Meshes and tunnels from the tray\n"
                             "Exec=\"%1\" --minimized\n"
                             "Icon=routeless\n"
                             "Terminal=false\n"
                             "X-GNOME-Autostart-enabled=true\n")
                  .arg(exec)
                  .toUtf8());
      f.commit();
    }
  } else {
    QFile::remove(autostartFile());
  }
  Q_EMIT autostartChanged();
}

bool AppSettings::startMinimized() const {
  return m_settings.value(QStringLiteral("startMinimized"), false).toBool();
}
void AppSettings::setStartMinimized(bool on) {
  if (on == startMinimized()) return;
  m_settings.setValue(QStringLiteral("startMinimized"), on);
  Q_EMIT changed();
}

bool AppSettings::connectLast() const {
  return m_settings.value(QStringLiteral("connectLast"), true).toBool();
}
void AppSettings::setConnectLast(bool on) {
  if (on == connectLast()) return;
  m_settings.setValue(QStringLiteral("connectLast"), on);
  Q_EMIT changed();
}

QString AppSettings::language() const {
  return m_settings.value(QStringLiteral("language")).toString();
}
void AppSettings::setLanguage(const QString &language) {
  if (language == this->language()) return;
  m_settings.setValue(QStringLiteral("language"), language);
  Q_EMIT languageChanged();
}

QStringList AppSettings::languages() const {
  return {QString(), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

bool AppSettings::closeToTray() const {
  return m_settings.value(QStringLiteral("closeToTray"), true).toBool();
}

void AppSettings::setCloseToTray(bool on) {
  if (on == closeToTray()) return;
  m_settings.setValue(QStringLiteral("closeToTray"), on);
  Q_EMIT changed();
}

QString AppSettings::theme() const {
  return m_settings.value(QStringLiteral("theme"), QStringLiteral("system")).toString();
}
void AppSettings::setTheme(const QString &theme) {
  if (theme == this->theme()) return;
  m_settings.setValue(QStringLiteral("theme"), theme);
  Q_EMIT themeChanged();
}

QString AppSettings::lastProfileId() const {
  return m_settings.value(QStringLiteral("lastProfile")).toString();
}
void AppSettings::setLastProfileId(const QString &id) {
  m_settings.setValue(QStringLiteral("lastProfile"), id);
}
QString AppSettings::defaultProfileId() const {
  return m_settings.value(QStringLiteral("defaultProfile")).toString();
}
void AppSettings::setDefaultProfileId(const QString &id) {
  m_settings.setValue(QStringLiteral("defaultProfile"), id);
}
bool AppSettings::firstRunDone() const {
  return m_settings.value(QStringLiteral("firstRunDone"), false).toBool();
}
void AppSettings::setFirstRunDone() { m_settings.setValue(QStringLiteral("firstRunDone"), true); }

}  // namespace routeless::desktop
