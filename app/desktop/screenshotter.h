#pragma once
// Screenshotter: the hidden --screenshot-dir mode used by tests and docs (README, "Command
// line"): waits for the mesh hosts to be Ready (bounded), saves a PNG of every screen and of the
// host dialog, and quits.
// It must never run in a normal start.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QQuickWindow>

namespace routeless::desktop {

class App;

class Screenshotter : public QObject {
  Q_OBJECT
 public:
  Screenshotter(App *app, QQuickWindow *window, QString directory, int waitSeconds,
                QObject *parent = nullptr);
  void start();

 private:
  void waitForReady();
  void shoot(int page);
  void shootHostDialog();
  void save(const QString &name);  // grabs the window into DIR/name.png

  App *m_app;
  QPointer<QQuickWindow> m_window;
  QString m_dir;
  int m_waitSeconds;
  QElapsedTimer m_clock;
  int m_saved = 0;
};

}  // namespace routeless::desktop
