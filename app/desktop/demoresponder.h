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
  void start(quint16 port, const QString &probeHost, quint16 probePort);
  void stop();

 Q_SIGNALS:
  void listening(bool ok, const QString &error);
  void probed(bool ok, int latencyMs, qint64 bytes);

 private:
  void onConnection();
  void probe();

  QTcpServer *m_server = nullptr;
  QTimer *m_probeTimer = nullptr;
  QPointer<QTcpSocket> m_probe;
  QElapsedTimer m_probeClock;
  QString m_probeHost;
  quint16 m_probePort = 0;
  quint64 m_served = 0;
};

class DemoResponder : public QObject {
  Q_OBJECT
 public:
  explicit DemoResponder(QObject *parent = nullptr);
  ~DemoResponder() override;

  void start(quint16 port, const QString &probeHost, quint16 probePort);
  void stop();
  bool isProbeOk() const { return m_probeOk; }
  int probeCount() const { return m_probes; }

 Q_SIGNALS:
  void probeStateChanged(bool ok);

 private:
  QThread m_thread;
  DemoResponderWorker *m_worker = nullptr;
  bool m_probeOk = false;
  int m_probes = 0;
};

}  // namespace routeless::desktop
