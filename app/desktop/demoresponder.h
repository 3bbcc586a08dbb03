#pragma once
// DemoResponder: the "Local demo" profile's built-in HTTP responder on 127.0.0.1 and a 1 Hz
// probe that fetches it through the mesh forward, so a new user sees traffic. Runs on its own
// thread; it must never listen on anything but loopback.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace routeless::desktop {

class DemoResponderWorker : public QObject {
  Q_OBJECT
 public:
  explicit DemoResponderWorker(QObject *parent = nullptr);

 public Q_SLOTS:
  // Serves on 127.0.0.1:`port` and fetches every "host:port" in `probes` once a second.
  void start(quint16 port, const QStringList &probes);
  void stop();

 Q_SIGNALS:
  void listening(bool ok, const QString &error);
  void probed(int target, bool ok, int latencyMs);

 private:
  void onConnection();
  void probe(int target);

  QTcpServer *m_server = nullptr;
  QTimer *m_probeTimer = nullptr;
  QStringList m_probes;
  QList<QPointer<QTcpSocket>> m_sockets;
  quint64 m_served = 0;
};

class DemoResponder : public QObject {
  Q_OBJECT
 public:
  explicit DemoResponder(QObject *parent = nullptr);
  ~DemoResponder() override;

  void start(quint16 port, const QStringList &probes);
  void stop();
  // True while the first probe target (the mesh forward) answers.
  bool isProbeOk() const { return m_ok.value(0); }
  bool isTargetOk(int target) const { return m_ok.value(target); }

 Q_SIGNALS:
  void probeStateChanged(int target, bool ok);

 private:
  QThread m_thread;
  DemoResponderWorker *m_worker = nullptr;
  QStringList m_targets;
  QList<bool> m_ok;
};

}  // namespace routeless::desktop
