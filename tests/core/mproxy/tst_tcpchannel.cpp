// Tests core/mproxy/tcpchannel.cpp: dialling (literal, name, refused, unknown name), bytes
// written while still dialling, half-close in both directions, reads that stop when disabled, and
// a queue of many chunks flushed in order (several per gathered send, ending inside a chunk).
#include <sys/socket.h>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "mproxy/tcpchannel.h"

using namespace routeless::mproxy;

class TestTcpChannel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void dialWritesQueuedBytesOnceConnected();
  void dialByName();
  void dialRefused();
  void dialUnknownName();
  void halfCloseBothWays();
  void readingCanBeSuspended();
  void queuedChunksFlushInOrder();
};

void TestTcpChannel::dialWritesQueuedBytesOnceConnected() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  TcpChannel *c = TcpChannel::dial(QStringLiteral("127.0.0.1"), server.serverPort(), this);
  c->write("queued before the connect");  // no descriptor yet: kept for later
  QSignalSpy connected(c, &TcpChannel::connected);
  QVERIFY(connected.wait(5000));
  QVERIFY(c->isConnected());
  QTRY_VERIFY(server.hasPendingConnections());
  QTcpSocket *peer = server.nextPendingConnection();
  QTRY_COMPARE(peer->bytesAvailable(), qint64(25));
  QCOMPARE(peer->readAll(), QByteArray("queued before the connect"));
  QCOMPARE(c->peerPort(), server.serverPort());
  QVERIFY(c->localPort() != 0);
  delete c;
}

void TestTcpChannel::dialByName() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  TcpChannel *c = TcpChannel::dial(QStringLiteral("localhost"), server.serverPort(), this);
  QSignalSpy connected(c, &TcpChannel::connected);
  QSignalSpy failed(c, &TcpChannel::failed);
  // "localhost" may resolve to ::1 first, where nothing listens: the next address is tried.
  QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty() || !failed.isEmpty(), 10000);
  QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][1].toString()));
  delete c;
}

void TestTcpChannel::dialRefused() {
  QTcpServer probe;
  QVERIFY(probe.listen(QHostAddress::LocalHost));
  const quint16 port = probe.serverPort();
  probe.close();  // nothing listens there now
  TcpChannel *c = TcpChannel::dial(QStringLiteral("127.0.0.1"), port, this);
  QSignalSpy failed(c, &TcpChannel::failed);
  QVERIFY(failed.wait(5000));
  QCOMPARE(failed[0][0].toByteArray(), QByteArray("ECONNREFUSED"));
  QCOMPARE(failed[0][1].toString(), QStringLiteral("connect ECONNREFUSED 127.0.0.1:%1").arg(port));
  QVERIFY(!c->isOpen());
  delete c;
}

void TestTcpChannel::dialUnknownName() {
  TcpChannel *c = TcpChannel::dial(QStringLiteral("no-such-host.invalid"), 80, this);
  QSignalSpy failed(c, &TcpChannel::failed);
  QVERIFY(failed.wait(20000));
  QCOMPARE(failed[0][0].toByteArray(), QByteArray("ENOTFOUND"));
  delete c;
}

void TestTcpChannel::halfCloseBothWays() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  QTcpSocket client;
  client.connectToHost(QHostAddress::LocalHost, server.serverPort());
  QVERIFY(server.waitForNewConnection(5000));
  QVERIFY(client.waitForConnected(5000));
  // Adopt the accepted descriptor the way the relay does.
  QTcpSocket *accepted = server.nextPendingConnection();
  const qintptr fd = ::dup(int(accepted->socketDescriptor()));
  accepted->abort();
  delete accepted;
  TcpChannel *c = TcpChannel::adopt(fd, this);
  QCOMPARE(c->peerPort(), client.localPort());
  QCOMPARE(c->localPort(), server.serverPort());

  // The client half-closes: the channel reads its bytes, then EOF, and can still write.
  client.write("request");
  QVERIFY(client.waitForBytesWritten(5000));
  ::shutdown(int(client.socketDescriptor()), SHUT_WR);
  QByteArray got;
  QTRY_VERIFY_WITH_TIMEOUT(
      [&] {
        char buf[64];
        qint64 n;
        while ((n = c->read(buf, sizeof buf)) > 0) got.append(buf, n);
        return c->readEof();
      }(),
      5000);
  QCOMPARE(got, QByteArray("request"));
  c->write("reply");
  QSignalSpy shut(c, &TcpChannel::writeShutDone);
  c->shutdownWrite();
  QVERIFY(!shut.isEmpty() || shut.wait(5000));
  QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 5000);
  QCOMPARE(client.readAll(), QByteArray("reply"));
  delete c;
}

void TestTcpChannel::readingCanBeSuspended() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  TcpChannel *c = TcpChannel::dial(QStringLiteral("127.0.0.1"), server.serverPort(), this);
  QSignalSpy connected(c, &TcpChannel::connected);
  QVERIFY(connected.wait(5000));
  QTRY_VERIFY(server.hasPendingConnections());
  QTcpSocket *peer = server.nextPendingConnection();
  QSignalSpy readable(c, &TcpChannel::readable);
  c->setReadEnabled(false);
  peer->write("data");
  QVERIFY(peer->waitForBytesWritten(5000));
  QTRY_COMPARE(c->bytesAvailable(), qint64(4));  // the kernel holds it...
  // ...and a pass of the event loop, which would report it to an enabled notifier, does not.
  QCoreApplication::processEvents();
  QVERIFY(readable.isEmpty());
  c->setReadEnabled(true);
  QTRY_VERIFY(!readable.isEmpty());
  char buf[8];
  QCOMPARE(c->read(buf, sizeof buf), qint64(4));
  delete c;
}

void TestTcpChannel::queuedChunksFlushInOrder() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  TcpChannel *c = TcpChannel::dial(QStringLiteral("127.0.0.1"), server.serverPort(), this);
  QSignalSpy connected(c, &TcpChannel::connected);
  QVERIFY(connected.wait(5000));
  QTRY_VERIFY(server.hasPendingConnections());
  QTcpSocket *peer = server.nextPendingConnection();
  peer->setReadBufferSize(1);  // the reader stalls: the kernel's buffers fill, then the queue
  // Chunks of uneven sizes (as M-PROXY frames arrive), each byte telling its chunk and place.
  QByteArray sent;
  for (int i = 0; i < 20000; ++i) {
    QByteArray chunk(100 + (i * 37) % 1500, Qt::Uninitialized);
    for (qsizetype j = 0; j < chunk.size(); ++j) chunk[j] = char((i * 7 + j) & 0xff);
    sent += chunk;
    c->write(chunk);
  }
  QVERIFY2(c->queuedBytes() > 0, "the kernel took everything: no queue to flush");
  QSignalSpy wrote(c, &TcpChannel::wrote);
  peer->setReadBufferSize(0);
  QByteArray got;
  QTRY_VERIFY_WITH_TIMEOUT(
      [&] {
        got += peer->readAll();
        return got.size() >= sent.size();
      }(),
      20000);
  QCOMPARE(got.size(), sent.size());
  QVERIFY(got == sent);
  QCOMPARE(c->queuedBytes(), qint64(0));
  QVERIFY(!wrote.isEmpty());
  QCOMPARE(wrote.last()[0].toLongLong(), qint64(0));
  delete c;
}

QTEST_GUILESS_MAIN(TestTcpChannel)
#include "tst_tcpchannel.moc"
