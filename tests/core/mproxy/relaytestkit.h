#pragma once
// Test targets and clients for the relay tests (tests/core/mproxy/tst_relayruntime.cpp,
// tests/integration/tst_relay.cpp): echo / source / stalled targets on their own thread, and
// clients that check every byte with SHA-256.

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QtEndian>
#include <functional>
#include <memory>

#include "mproxy/tcpchannel.h"

namespace routeless::mproxy::testing {

inline bool smallScale() {
  return qEnvironmentVariable("ROUTELESS_TEST_SCALE") == QLatin1String("small");
}

// Deterministic bytes for (seed, offset): the same on both ends of a transfer.
inline void fillPattern(char *out, qint64 n, quint32 seed, qint64 offset) {
  for (qint64 i = 0; i < n; ++i) {
    const quint64 x = quint64(offset + i) * 0x9E3779B97F4A7C15ull + seed;
    out[i] = char((x >> 29) ^ (x >> 7));
  }
}

inline QByteArray patternSha256(quint32 seed, qint64 size) {
  QCryptographicHash h(QCryptographicHash::Sha256);
  QByteArray buf(256 * 1024, Qt::Uninitialized);
  for (qint64 at = 0; at < size; at += buf.size()) {
    const qint64 n = qMin<qint64>(buf.size(), size - at);
    fillPattern(buf.data(), n, seed, at);
    h.addData(QByteArrayView(buf.constData(), n));
  }
  return h.result();
}

// Targets the device dials, each kind on its own listener, all on one worker thread.
//  echo:    sends back what it receives; after the client's FIN it finishes the echo and
//           sends its own FIN (half-close, which a QTcpSocket-based server cannot do: Qt drops
//           unsent data when it sees the FIN, so this one is built on TcpChannel).
//  source:  reads a 12-byte request (size: 8 bytes BE, seed: 4 bytes BE), sends that many
//           pattern bytes, then closes.
//  stalled: accepts and reads nothing until release() (then echoes like echo).
class TargetWorker final : public QObject {
 public:
  // Children, so that moveToThread() takes them along.
  TcpListener echo{this};
  QTcpServer source{this}, stalled{this};
  bool released = false;
  QList<QPointer<QTcpSocket>> stalledSockets;

  void listen() {
    echo.listen(QHostAddress::LocalHost, 0);
    for (QTcpServer *s : {&source, &stalled}) {
      s->listen(QHostAddress::LocalHost);
      s->setMaxPendingConnections(1000);
    }
    connect(&echo, &TcpListener::accepted, this, [this](qintptr fd) { serveEcho(fd); });
    connect(&source, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *c = source.nextPendingConnection()) serveSource(c);
    });
    connect(&stalled, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *c = stalled.nextPendingConnection()) {
        c->setReadBufferSize(1);  // read nothing: the kernel window fills up
        stalledSockets << c;
        if (released) serveQtEcho(c);
      }
    });
  }
  void release() {
    released = true;
    for (const auto &c : std::as_const(stalledSockets))
      if (c) serveQtEcho(c);
  }

 private:
  void serveEcho(qintptr fd) {
    TcpChannel *c = TcpChannel::adopt(fd, this);
    auto pump = [c] {
      if (c->queuedBytes() > 1024 * 1024) {
        c->setReadEnabled(false);  // resumed by wrote()
        return;
      }
      c->setReadEnabled(true);
      char buf[64 * 1024];
      while (true) {
        const qint64 n = c->read(buf, sizeof buf);
        if (n > 0) {
          c->write(QByteArrayView(buf, n));
          continue;
        }
        if (n < 0 && c->readEof()) c->shutdownWrite();
        return;
      }
    };
    connect(c, &TcpChannel::readable, c, pump);
    connect(c, &TcpChannel::wrote, c, pump);
    connect(c, &TcpChannel::writeShutDone, c, &QObject::deleteLater);
    connect(c, &TcpChannel::failed, c, &QObject::deleteLater);
  }
  void serveQtEcho(QTcpSocket *c) {
    c->setReadBufferSize(0);
    auto pump = [c] {
      // Bounded: stop reading while the echo cannot be written.
      if (c->bytesToWrite() > 1024 * 1024) return;
      const QByteArray data = c->readAll();
      if (!data.isEmpty()) c->write(data);
    };
    connect(c, &QIODevice::readyRead, c, pump);
    connect(c, &QIODevice::bytesWritten, c, pump);
    connect(c, &QAbstractSocket::disconnected, c, &QObject::deleteLater);
    pump();
  }
  void serveSource(QTcpSocket *c) {
    struct State {
      qint64 size = -1, sent = 0;
      quint32 seed = 0;
    };
    auto st = std::make_shared<State>();
    auto send = [c, st] {
      if (st->size < 0) {
        if (c->bytesAvailable() < 12) return;
        const QByteArray req = c->read(12);
        st->size = qFromBigEndian<qint64>(req.constData());
        st->seed = qFromBigEndian<quint32>(req.constData() + 8);
      }
      QByteArray buf;
      while (st->sent < st->size && c->bytesToWrite() < 512 * 1024) {
        const qint64 n = qMin<qint64>(128 * 1024, st->size - st->sent);
        buf.resize(n);
        fillPattern(buf.data(), n, st->seed, st->sent);
        c->write(buf);
        st->sent += n;
      }
      if (st->sent == st->size && c->bytesToWrite() == 0) c->disconnectFromHost();
    };
    connect(c, &QIODevice::readyRead, c, send);
    connect(c, &QIODevice::bytesWritten, c, send);
    connect(c, &QAbstractSocket::disconnected, c, &QObject::deleteLater);
  }
};

class Targets {
 public:
  Targets() {
    m_worker = new TargetWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->listen(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
          echoPort = m_worker->echo.serverPort();
          sourcePort = m_worker->source.serverPort();
          stalledPort = m_worker->stalled.serverPort();
        },
        Qt::BlockingQueuedConnection);
  }
  ~Targets() {
    QMetaObject::invokeMethod(
        m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
  }
  void releaseStalled() {
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->release(); }, Qt::BlockingQueuedConnection);
  }
  quint16 echoPort = 0, sourcePort = 0, stalledPort = 0;

 private:
  QThread m_thread;
  TargetWorker *m_worker;
};

// A client that sends `size` pattern bytes and checks the echo (SHA-256 both ways).
class EchoClient final : public QObject {
 public:
  EchoClient(quint16 port, qint64 size, quint32 seed) : m_size(size), m_seed(seed) {
    connect(&m_socket, &QAbstractSocket::connected, this, &EchoClient::send);
    connect(&m_socket, &QIODevice::bytesWritten, this, &EchoClient::send);
    connect(&m_socket, &QIODevice::readyRead, this, &EchoClient::receive);
    connect(&m_socket, &QAbstractSocket::disconnected, this, [this] {
      if (!done)
        failure = QStringLiteral("closed after %1 of %2 bytes").arg(m_received).arg(m_size);
    });
    m_clock.start();
    m_socket.connectToHost(QHostAddress::LocalHost, port);
  }
  bool done = false;
  QString failure;
  qint64 elapsedMs = 0;
  bool ok() const { return done && failure.isEmpty(); }

 private:
  void send() {
    QByteArray buf;
    while (m_sent < m_size && m_socket.bytesToWrite() < 256 * 1024) {
      const qint64 n = qMin<qint64>(64 * 1024, m_size - m_sent);
      buf.resize(n);
      fillPattern(buf.data(), n, m_seed, m_sent);
      m_socket.write(buf);
      m_sent += n;
    }
  }
  void receive() {
    if (!m_socket.isOpen()) return;
    const QByteArray data = m_socket.readAll();
    m_hash.addData(data);
    m_received += data.size();
    if (m_received >= m_size && !done) {
      done = true;
      elapsedMs = m_clock.elapsed();
      if (m_received != m_size || m_hash.result() != patternSha256(m_seed, m_size))
        failure = QStringLiteral("echo differs (%1 bytes)").arg(m_received);
      m_socket.disconnectFromHost();
    }
  }
  QTcpSocket m_socket;
  qint64 m_size, m_sent = 0, m_received = 0;
  quint32 m_seed;
  QCryptographicHash m_hash{QCryptographicHash::Sha256};
  QElapsedTimer m_clock;
};

// A client that asks the source target for `size` bytes and checks them. With `paused`, it
// reads nothing until resumeReading().
class DownloadClient final : public QObject {
 public:
  DownloadClient(quint16 port, qint64 size, quint32 seed, bool paused = false)
      : m_size(size), m_seed(seed), m_paused(paused) {
    if (paused) m_socket.setReadBufferSize(1);
    connect(&m_socket, &QAbstractSocket::connected, this, [this, size, seed] {
      QByteArray req(12, Qt::Uninitialized);
      qToBigEndian<qint64>(size, req.data());
      qToBigEndian<quint32>(seed, req.data() + 8);
      m_socket.write(req);
    });
    connect(&m_socket, &QIODevice::readyRead, this, &DownloadClient::receive);
    connect(&m_socket, &QAbstractSocket::disconnected, this, [this] {
      receive();
      if (!done) failure = QStringLiteral("closed after %1 of %2 bytes").arg(received).arg(m_size);
    });
    m_clock.start();
    m_socket.connectToHost(QHostAddress::LocalHost, port);
  }
  void resumeReading() {
    m_paused = false;
    m_socket.setReadBufferSize(0);
    receive();
  }
  bool done = false;
  QString failure;
  qint64 received = 0;
  qint64 elapsedMs = 0;
  bool ok() const { return done && failure.isEmpty(); }

 private:
  void receive() {
    if (m_paused || !m_socket.isOpen()) return;
    const QByteArray data = m_socket.readAll();
    m_hash.addData(data);
    received += data.size();
    if (received >= m_size && !done) {
      done = true;
      elapsedMs = m_clock.elapsed();
      if (received != m_size || m_hash.result() != patternSha256(m_seed, m_size))
        failure = QStringLiteral("download differs (%1 bytes)").arg(received);
    }
  }
  QTcpSocket m_socket;
  qint64 m_size;
  quint32 m_seed;
  bool m_paused;
  QCryptographicHash m_hash{QCryptographicHash::Sha256};
  QElapsedTimer m_clock;
};

// A byte-for-byte TCP forwarder whose connections the test can cut (a link that drops).
class Forwarder final : public QObject {
 public:
  explicit Forwarder(quint16 targetPort) : m_target(targetPort) {
    m_server.listen(QHostAddress::LocalHost);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket *in = m_server.nextPendingConnection()) {
        auto *out = new QTcpSocket(in);
        m_pairs << QPointer<QTcpSocket>(in);
        connect(in, &QIODevice::readyRead, out, [in, out] { out->write(in->readAll()); });
        connect(out, &QIODevice::readyRead, in, [in, out] { in->write(out->readAll()); });
        connect(out, &QAbstractSocket::connected, out, [in, out] { out->write(in->readAll()); });
        connect(in, &QAbstractSocket::disconnected, in, [out] { out->abort(); });
        connect(out, &QAbstractSocket::disconnected, in, [in] { in->abort(); });
        out->connectToHost(QHostAddress::LocalHost, m_target);
      }
    });
  }
  quint16 port() const { return m_server.serverPort(); }
  int cutAll() {
    int n = 0;
    for (const auto &s : std::as_const(m_pairs))
      if (s && s->state() == QAbstractSocket::ConnectedState) {
        s->abort();
        ++n;
      }
    return n;
  }

 private:
  QTcpServer m_server;
  quint16 m_target;
  QList<QPointer<QTcpSocket>> m_pairs;
};

}  // namespace routeless::mproxy::testing
