#pragma once
// TrayIcon: the system tray entry: an icon that shows idle / connected / error, the menu
// (profile section, activity section, Show window, Quit) and a notification after every
// toggle. It only exists when a tray does; it must never keep the app alive without one.

#include <QIcon>
#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>
#include <memory>

namespace routeless::desktop {

class Backend;
class ProfileMenuSection;
class ActivityMenuSection;

class TrayIcon : public QObject {
  Q_OBJECT
 public:
  explicit TrayIcon(Backend *backend, QObject *parent = nullptr);
  ~TrayIcon() override;

  static QIcon stateIcon(int connectionState);
  QMenu *menu() const { return m_menu.get(); }
  QSystemTrayIcon *icon() const { return m_tray; }

 Q_SIGNALS:
  void showWindowRequested();

 private:
  void rebuildMenu();
  void updateIcon();

  Backend *m_backend;
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
  explicit ProfileMenuSection(Backend *backend, QObject *parent = nullptr);
  void fill(QMenu *menu);

 private:
  Backend *m_backend;
};

// The running tunnels and forwards of the connected profile, each with its state, as
// disabled (informational) actions. It must never start or stop anything.
class ActivityMenuSection : public QObject {
  Q_OBJECT
 public:
  explicit ActivityMenuSection(Backend *backend, QObject *parent = nullptr);
  void fill(QMenu *menu);

 private:
  Backend *m_backend;
};

}  // namespace routeless::desktop
