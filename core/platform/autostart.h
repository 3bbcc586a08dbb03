#pragma once
// Autostart: whether an app starts when the user logs in, kept where the system looks for it:
// an XDG autostart entry (Linux and other freedesktop desktops), a value under the user's Run
// registry key (Windows; the uninstaller deletes the same value), a LaunchAgent (macOS). It
// never writes outside the user's own settings and never needs administrator rights.
#include <QString>
#include <QStringList>

namespace routeless::platform {

class Autostart final {
 public:
  struct App {
    QString name;           // "Routeless": shown to the user; the Run value's name on Windows
    QString fileId;         // "routeless": the XDG entry's file name without ".desktop"
    QString bundleId;       // "io.github.routeless.Routeless": the LaunchAgent's label and file
    QString comment;        // one line saying what the app does (XDG entries show it)
    QString program;        // absolute path of the executable to start
    QStringList arguments;  // e.g. {"--minimized"}
  };

  // `location` is where entries go: the XDG autostart folder, the LaunchAgents folder or the
  // registry key holding Run values. defaultLocation() is the system's; tests pass their own.
  Autostart(App app, QString location);
  static QString defaultLocation();

  bool isEnabled() const;
  // Writes or removes the entry; false with *error (when given) saying what failed.
  bool setEnabled(bool on, QString *error = nullptr);
  // Where the entry is or would be: a file path, or "KEY\\VALUE" in the registry.
  QString entryLocation() const;

 private:
  App app_;
  QString location_;
};

}  // namespace routeless::platform
