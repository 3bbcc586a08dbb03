#include "demoresponder.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <memory>

#include "net/hostport.h"

Q_LOGGING_CATEGORY(lcDemo, "demo")

namespace routeless::desktop {

DemoResponderWorker::DemoResponderWorker(QObject *parent) : QObject(parent) {}

void DemoResponderWorker::start(quint16 port, const QStringList &probes) {
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
  m_probes = probes;
  m_sockets = QList<QPointer<QTcpSocket>>(probes.size());
  m_probeTimer = new QTimer(this);
  m_probeTimer->setInterval(1000);
  connect(m_probeTimer, &QTimer::timeout, this, [this] {
    for (int i = 0; i < m_probes.size(); ++i) probe(i);
  });
  m_probeTimer->start();
}

void DemoResponderWorker::stop() {
  delete m_probeTimer;
  m_probeTimer = nullptr;
  for (auto &s : m_sockets) {
    if (s) s->abort();
    delete s;
  }
  m_sockets.clear();
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

void DemoResponderWorker::probe(int target) {
  if (QTcpSocket *old = m_sockets[target]) {  // still hanging after a second: a failure
    old->abort();
    delete old;
    Q_EMIT probed(target, false, -1);
  }
  auto *s = new QTcpSocket(this);
  m_sockets[target] = s;
  auto clock = std::make_shared<QElapsedTimer>();
  clock->start();
  connect(s, &QTcpSocket::connected, s,
          [s] { s->write("GET / HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n"); });
  auto finish = [this, s, target, clock](bool ok) {
    if (m_sockets.value(target) != s) return;
    m_sockets[target] = nullptr;
    Q_EMIT probed(target, ok, ok ? int(clock->elapsed()) : -1);
    s->deleteLater();
  };
  connect(s, &QTcpSocket::disconnected, this,
          [s, finish] { finish(s->readAll().startsWith("HTTP/1.1 200")); });
  connect(s, &QTcpSocket::errorOccurred, this, [finish](QAbstractSocket::SocketError e) {
    if (e != QAbstractSocket::RemoteHostClosedError) finish(false);
  });
  const auto address = net::parseHostPort(m_probes[target]);
  if (!address) {  // nothing to connect to: the probe fails as an unreachable target would
    finish(false);
    return;
  }
  s->connectToHost(address->host, address->port);
}

DemoResponder::DemoResponder(QObject *parent) : QObject(parent) {
  m_thread.setObjectName(QStringLiteral("demo-responder"));
  m_worker = new DemoResponderWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &DemoResponderWorker::probed, this, [this](int target, bool ok, int ms) {
    if (target >= m_ok.size() || m_ok[target] == ok) return;
    m_ok[target] = ok;
    const QString what = m_targets.value(target);
    if (ok)
      qCInfo(lcDemo).noquote()
          << QStringLiteral("demo traffic reaches the responder via %1 (%2 ms)").arg(what).arg(ms);
    else
      qCInfo(lcDemo).noquote() << QStringLiteral("demo probe via %1 failed").arg(what);
    Q_EMIT probeStateChanged(target, ok);
  });
  m_thread.start();
}

DemoResponder::~DemoResponder() {
  // The worker (its server and sockets) is deleted on its thread as the loop ends.
  m_thread.quit();
  m_thread.wait();
}

void DemoResponder::start(quint16 port, const QStringList &probes) {
  m_targets = probes;
  m_ok = QList<bool>(probes.size(), false);
  QMetaObject::invokeMethod(m_worker, [w = m_worker, port, probes] { w->start(port, probes); });
}

void DemoResponder::stop() {
  m_ok.fill(false);
  QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->stop(); });
}

}  // namespace routeless::desktop
