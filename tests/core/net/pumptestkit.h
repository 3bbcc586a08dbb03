#pragma once
// The fixture tst_pump and tst_pumpthreads share: loopback TCP pairs whose outer end the test
// drives (a QTcpSocket) and whose inner end a pump carries (a SocketStream), and seeded bytes.
// Test-only; it never listens beyond loopback.

#include <QByteArray>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

#include "net/sockets.h"
#include "net/socketstream.h"

namespace pumptest {

// The next connection on listenFd, waiting for it to arrive (-1 after 5 s).
inline int acceptConnection(int listenFd) {
  int fd = -1;
  const bool accepted = QTest::qWaitFor(
      [&] { return (fd = routeless::net::acceptTcp(listenFd, nullptr)) >= 0; }, 5000);
  return accepted ? fd : -1;
}

struct Pair {
  QTcpSocket *outer = nullptr;
  routeless::net::SocketStream *inner = nullptr;
};

// Connects to 127.0.0.1:port and accepts on listenFd; `inner` stays null when either failed.
inline Pair makePair(QObject *owner, int listenFd, quint16 port) {
  Pair p;
  p.outer = new QTcpSocket(owner);
  p.outer->connectToHost(QHostAddress::LocalHost, port);
  if (!p.outer->waitForConnected(3000)) return p;
  const int fd = acceptConnection(listenFd);
  if (fd >= 0) p.inner = new routeless::net::SocketStream(fd);
  return p;
}

inline QByteArray randomBytes(qsizetype n, quint32 seed = 42) {
  QByteArray b(n, Qt::Uninitialized);
  QRandomGenerator gen(seed);
  gen.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
  return b;
}

}  // namespace pumptest
