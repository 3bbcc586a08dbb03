#include "appsettings.h"

#include <QCoreApplication>
#include <QDebug>
#include <QDir>

namespace routeless::desktop {

namespace {

platform::Autostart::App thisApp() {
  return {QStringLiteral("Routeless"),
          QStringLiteral("routeless"),
          QStringLiteral("io.github.routeless.Routeless"),
          QStringLiteral("Meshes and tunnels from the tray"),
          QCoreApplication::applicationFilePath(),
          {QStringLiteral("--minimized")}};
}

}  // namespace

AppSettings::AppSettings(const QString &configDir, const QString &autostartLocation,
                         QObject *parent)
    : QObject(parent),
      m_configDir(configDir),
      m_autostart(thisApp(), autostartLocation),
      m_settings(QDir(configDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat) {
  QDir().mkpath(configDir);
}

QString AppSettings::autostartFile() const { return m_autostart.entryLocation(); }

bool AppSettings::autostart() const { return m_autostart.isEnabled(); }

void AppSettings::setAutostart(bool on) {
  if (on == autostart()) return;
  QString error;
  if (!m_autostart.setEnabled(on, &error)) qWarning().noquote() << error;
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

QStringList AppSettings::uiAllowOrigins() const {
  return m_settings.value(QStringLiteral("uiAllowOrigins")).toStringList();
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
