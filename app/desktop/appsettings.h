#pragma once
// AppSettings: the user's preferences (start with the system, start minimized, close to the
// tray, connect the last profile, language, theme) in an INI file, plus the system's autostart
// entry (platform::Autostart). It must never write outside the user's config directories.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QSettings>

#include "platform/autostart.h"

namespace routeless::desktop {

class AppSettings final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(bool autostart READ autostart WRITE setAutostart NOTIFY autostartChanged)
  Q_PROPERTY(bool startMinimized READ startMinimized WRITE setStartMinimized NOTIFY changed)
  Q_PROPERTY(bool connectLast READ connectLast WRITE setConnectLast NOTIFY changed)
  Q_PROPERTY(bool closeToTray READ closeToTray WRITE setCloseToTray NOTIFY changed)
  Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
  Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
  Q_PROPERTY(QString configDirectory READ configDirectory CONSTANT)
  Q_PROPERTY(QStringList languages READ languages CONSTANT)

 public:
  // `configDir` holds settings.ini; `autostartLocation` is where the autostart entry goes
  // (platform::Autostart::defaultLocation() in the app, a scratch folder in tests).
  AppSettings(const QString &configDir, const QString &autostartLocation,
              QObject *parent = nullptr);

  bool autostart() const;
  void setAutostart(bool on);
  bool startMinimized() const;
  void setStartMinimized(bool on);
  bool connectLast() const;
  void setConnectLast(bool on);
  QString language() const;  // "" (system), "en", "de", "zh_CN"
  void setLanguage(const QString &language);
  bool closeToTray() const;  // closing the window hides it in the tray (when there is one)
  void setCloseToTray(bool on);
  QString theme() const;  // "system" (follow the desktop's palette), "light" or "dark"
  void setTheme(const QString &theme);
  QString configDirectory() const { return m_configDir; }
  QStringList languages() const;

  QString lastProfileId() const;
  void setLastProfileId(const QString &id);
  QString defaultProfileId() const;
  void setDefaultProfileId(const QString &id);
  bool firstRunDone() const;
  void setFirstRunDone();
  // Web origins allowed to use the UI protocol the app serves: `uiAllowOrigins` in
  // settings.ini (comma-separated, edited by hand; empty by default).
  QStringList uiAllowOrigins() const;

  // Where the autostart entry is or would be (a file; a registry value on Windows).
  QString autostartFile() const;

 Q_SIGNALS:
  void autostartChanged();
  void changed();
  void languageChanged();
  void themeChanged();

 private:
  QString m_configDir;
  platform::Autostart m_autostart;
  mutable QSettings m_settings;
};

}  // namespace routeless::desktop
