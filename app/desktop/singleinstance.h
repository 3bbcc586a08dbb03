#pragma once
// SingleInstance: makes a second launch hand over to the first (which raises its window) over
// a QLocalServer named after the user's config directory. It must never let two instances run
// the same profiles at once.

#include <QLocalServer>
#include <QObject>

namespace routeless::desktop {

class SingleInstance : public QObject {
  Q_OBJECT
 public:
  explicit SingleInstance(const QString &configDir, QObject *parent = nullptr);

  // True when this process is the first instance (and now listens); false when another
  // instance answered and was asked to show itself.
  bool claim();
  QString serverName() const { return m_name; }

 Q_SIGNALS:
  void activationRequested();

 private:
  QString m_name;
  QLocalServer m_server;
};

}  // namespace routeless::desktop
