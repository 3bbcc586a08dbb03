#pragma once
// Turns SIGINT/SIGTERM (Ctrl-C, Ctrl-Break on Windows) into a Qt signal on the main thread so
// that every role of routeless-node can stop its engines cleanly. It never exits by itself.

#include <QObject>

class QSocketNotifier;

namespace routeless::node {

class SignalWatcher : public QObject {
  Q_OBJECT
 public:
  explicit SignalWatcher(QObject *parent = nullptr);
  ~SignalWatcher() override;

 Q_SIGNALS:
  void interrupted(int signalNumber);

 private:
  QSocketNotifier *m_notifier = nullptr;
};

}  // namespace routeless::node
