#pragma once
// TrayIcon: the system tray entry: an icon that shows idle / connecting / connected / problem,
// the menu (profiles, the connected profile's tunnels and forwards, Disconnect, Open Logs, Show
// window, Quit) and a notification after every change of state. It only exists when a tray
// does; it must never keep the app alive without one.

#include <QIcon>
#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>
#include <memory>

namespace routeless::desktop {

class App;
class ProfileMenuSection;
class ActivityMenuSection;

class TrayIcon : public QObject {
  Q_OBJECT
 public:
  explicit TrayIcon(App *app, QObject *parent = nullptr);
  ~TrayIcon() override;

  static QIcon stateIcon(int connectionState);
  QMenu *menu() const { return m_menu.get(); }
  QSystemTrayIcon *icon() const { return m_tray; }

 Q_SIGNALS:
  void showWindowRequested();

 private:
  void rebuildMenu();
  void updateIcon();

  App *m_app;
  QSystemTrayIcon *m_tray;
  std::unique_ptr<QMenu> m_menu;
  std::unique_ptr<ProfileMenuSection> m_profiles;
  std::unique_ptr<ActivityMenuSection> m_activity;
};

// The profiles in the tray menu: one checkable action per profile (checked = connected);
// triggering one connects or disconnects it. It must never edit profiles.
class ProfileMenuSection : public QObject {
  Q_OBJECT
 public:
  explicit ProfileMenuSection(App *app, QObject *parent = nullptr);
  void fill(QMenu *menu);

 private:
  App *m_app;
};

// The connected profile's tunnels (a submenu each: state, Start, Stop) and forwards and
// proxies (a submenu each: Start, Stop, Copy address; "(stopped)" in its title when stopped).
// It never edits the profile.
class ActivityMenuSection : public QObject {
  Q_OBJECT
 public:
  explicit ActivityMenuSection(App *app, QObject *parent = nullptr);
  void fill(QMenu *menu);

 private:
  App *m_app;
};

}  // namespace routeless::desktop
