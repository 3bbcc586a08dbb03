#include "demoresponder.h"

#include <QHostAddress>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDemo, "demo")

namespace routeless::desktop {

DemoResponderWorker::DemoResponderWorker(QObject *parent) : QObject(parent) {}

void DemoResponderWorker::start(quint16 port, const QString &probeHost, quint16 probePort) {
  stop();
  m_server = new QTcpServer(this);
  connect(m_server, &QTcpServer::newConnection, this, &DemoResponderWorker::onConnection);
  if (!m_server->listen(QHostAddress::LocalHost, port)) {
    const QString error = m_server->errorString();
    qCWarning(lcDemo).noquote() << QStringLiteral(
                                       "built-in responder cannot listen on 127.0.0.1:%1: %2")
                                       .arg(port)
                                       .arg(error);
    Q_EMIT listening(false, error);
  } else {
    qCInfo(lcDemo).noquote() << QStringLiteral("built-in HTTP responder on 127.0.0.1:%1").arg(port);
    Q_EMIT listening(true, {});
  }
  m_probeHost = probeHost;
  m_probePort = probePort;
  m_probeTimer = new QTimer(this);
  m_probeTimer->setInterval(1000);
  connect(m_probeTimer, &QTimer::timeout, this, &DemoResponderWorker::probe);
  m_probeTimer->start();
}

void DemoResponderWorker::stop() {
  delete m_probeTimer;
  m_probeTimer = nullptr;
  if (m_probe) m_probe->abort();
  delete m_probe;
  delete m_server;
  m_server = nullptr;
}

void DemoResponderWorker::onConnection() {
  while (QTcpSocket *s = m_server->nextPendingConnection()) {
    connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    connect(s, &QTcpSocket::readyRead, s, [this, s] {
      const QByteArray request = s->property("req").toByteArray() + s->readAll();
      if (request.size() > 16384) {
        s->abort();
        return;
      }
      if (!request.contains("\r\n\r\n")) {
        s->setProperty("req", request);
        return;
      }
      ++m_served;
      const QByteArray body = QByteArrayLiteral(
                                  "Hello from the Routeless demo responder.\n"
                                  "This reply crossed the mesh: alpha -> beta -> 127.0.0.1.\n"
                                  "Requests served: ") +
                              QByteArray::number(m_served) + '\n';
      s->write(
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
          "Content-Length: " +
          QByteArray::number(body.size()) + "\r\n\r\n" + body);
      s->disconnectFromHost();
    });
  }
}

void DemoResponderWorker::probe() {
  if (m_probe) {  // the previous probe is still hanging: count it as a failure
    m_probe->abort();
    delete m_probe;
    Q_EMIT probed(false, -1, 0);
  }
  auto *s = new QTcpSocket(this);
  m_probe = s;
  m_probeClock.start();
  connect(s, &QTcpSocket::connected, s,
          [s] { s->write("GET / HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n"); });
  connect(s, &QTcpSocket::disconnected, this, [this, s] {
    const QByteArray reply = s->readAll();
    const bool ok = reply.startsWith("HTTP/1.1 200");
    Q_EMIT probed(ok, int(m_probeClock.elapsed()), reply.size());
    s->deleteLater();
    if (m_probe == s) m_probe = nullptr;
  });
  connect(s, &QTcpSocket::errorOccurred, this, [this, s](QAbstractSocket::SocketError e) {
    if (e == QAbstractSocket::RemoteHostClosedError) return;  // "disconnected" handles it
    Q_EMIT probed(false, -1, 0);
    s->deleteLater();
    if (m_probe == s) m_probe = nullptr;
  });
  s->connectToHost(m_probeHost, m_probePort);
}

DemoResponder::DemoResponder(QObject *parent) : QObject(parent) {
  m_thread.setObjectName(QStringLiteral("demo-responder"));
  m_worker = new DemoResponderWorker;
  m_worker->moveToThread(&m_thread);
  connect(m_worker, &DemoResponderWorker::probed, this,
          [this](bool ok, int ms, qint64) {
            ++m_probes;
            if (ok == m_probeOk) return;
            m_probeOk = ok;
            if (ok)
              qCInfo(lcDemo).noquote()
                  << QStringLiteral("demo traffic flows through the mesh (%1 ms)").arg(ms);
            else
              qCInfo(lcDemo).noquote() << QStringLiteral("demo probe through the mesh failed");
            Q_EMIT probeStateChanged(ok);
          });
  m_thread.start();
}

DemoResponder::~DemoResponder() {
  DemoResponderWorker *w = m_worker;
  QMetaObject::invokeMethod(
      w, [w] { delete w; }, Qt::BlockingQueuedConnection);
  m_thread.quit();
  m_thread.wait();
}

void DemoResponder::start(quint16 port, const QString &probeHost, quint16 probePort) {
  QMetaObject::invokeMethod(m_worker, [w = m_worker, port, probeHost, probePort] {
    w->start(port, probeHost, probePort);
  });
}

void DemoResponder::stop() {
  m_probeOk = false;
  QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stop(); });
}

}  // namespace routeless::desktop
