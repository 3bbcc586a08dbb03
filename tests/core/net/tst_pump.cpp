// Pump between two loopback TCP connections: integrity both ways (splice and buffer paths),
// counters, back-pressure, half-close, idle timeout and the prefix.
#include <sys/socket.h>

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "net/pump.h"
#include "net/ratelimiter.h"
#include "net/sockets.h"
#include "net/socketstream.h"

using namespace routeless::net;

namespace {

// A connected pair: a QTcpSocket "outer" end the test drives, and a Stream "inner" end.
struct Pair {
  QTcpSocket *outer = nullptr;
  Stream *inner = nullptr;
};

Pair makePair(QObject *owner, int listenFd, quint16 port) {
  Pair p;
  p.outer = new QTcpSocket(owner);
  p.outer->connectToHost(QHostAddress::LocalHost, port);
  if (!p.outer->waitForConnected(3000)) return p;
  int fd = -1;
  for (int i = 0; i < 100 && fd < 0; ++i) {
    fd = acceptTcp(listenFd, nullptr);
    if (fd < 0) QTest::qWait(10);
  }
  if (fd >= 0) p.inner = new SocketStream(fd);
  return p;
}

QByteArray randomBytes(qsizetype n) {
  QByteArray b(n, Qt::Uninitialized);
  QRandomGenerator gen(42);
  gen.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
  return b;
}

}  // namespace

class TestPump : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    QString err;
    listenFd_ = listenTcp(QHostAddress::LocalHost, 0, &err);
    QVERIFY2(listenFd_ >= 0, qPrintable(err));
    port_ = localAddress(listenFd_).port;
  }
  void cleanup() { closeFd(listenFd_); }

  void relaysBothWays_data() {
    QTest::addColumn<bool>("splice");
    QTest::newRow("splice") << true;
    QTest::newRow("buffers") << false;
  }
  void relaysBothWays() {
    QFETCH(bool, splice);
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    std::atomic<quint64> rx{0}, tx{0};
    Pump::Options o;
    o.rxA = &rx;
    o.txA = &tx;
    o.allowSplice = splice;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
#ifdef __linux__
    QCOMPARE(pump->usesSplice(), splice);
#endif
    QSignalSpy finished(pump, &Pump::finished);
    pump->start();

    const QByteArray up = randomBytes(8 << 20);
    const QByteArray down = randomBytes(3 << 20).toBase64();
    a.outer->write(up);
    b.outer->write(down);
    QByteArray gotUp, gotDown;
    QTRY_VERIFY_WITH_TIMEOUT((gotUp += b.outer->readAll(), gotDown += a.outer->readAll(),
                              gotUp.size() >= up.size() && gotDown.size() >= down.size()),
                             20000);
    QCOMPARE(QCryptographicHash::hash(gotUp, QCryptographicHash::Sha256),
             QCryptographicHash::hash(up, QCryptographicHash::Sha256));
    QCOMPARE(gotDown, down);
    QCOMPARE(rx.load(), quint64(up.size()));
    QCOMPARE(tx.load(), quint64(down.size()));

    // Half-close: A finishes sending; B still answers; then B closes and the pump ends.
    a.outer->disconnectFromHost();  // FIN after the write buffer drains... and closes reading too
    b.outer->write("late");
    QTRY_VERIFY_WITH_TIMEOUT(
        b.outer->state() != QAbstractSocket::ConnectedState || !finished.isEmpty(), 5000);
    b.outer->close();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
  }

  void halfCloseKeepsOtherDirection() {
    // Raw sockets here: QTcpSocket closes itself entirely when it reads end of stream.
    QObject owner;
    QString err;
    const int outerA = connectTcp(QHostAddress::LocalHost, port_, QHostAddress(), &err);
    QTest::qWait(50);
    auto *innerA = new SocketStream(acceptTcp(listenFd_, nullptr));
    const int outerB = connectTcp(QHostAddress::LocalHost, port_, QHostAddress(), &err);
    QTest::qWait(50);
    auto *innerB = new SocketStream(acceptTcp(listenFd_, nullptr));
    QVERIFY(outerA >= 0 && outerB >= 0 && innerA->fd() >= 0 && innerB->fd() >= 0);
    auto *pump = new Pump(innerA, innerB, Pump::Options{}, &owner);
    QSignalSpy finished(pump, &Pump::finished);
    pump->start();
    auto readSome = [](int fd, QByteArray *into) {
      char buf[256];
      const ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
      if (n > 0) into->append(buf, int(n));
      return n;
    };
    QCOMPARE(::send(outerA, "request", 7, 0), ssize_t(7));
    ::shutdown(outerA, SHUT_WR);
    QByteArray atB;
    QTRY_COMPARE_WITH_TIMEOUT((readSome(outerB, &atB), atB), QByteArray("request"), 3000);
    // B sees the end of A's direction ...
    QTRY_COMPARE_WITH_TIMEOUT(readSome(outerB, &atB), ssize_t(0), 3000);
    // ... and can still answer.
    QCOMPARE(::send(outerB, "response", 8, 0), ssize_t(8));
    QByteArray atA;
    QTRY_COMPARE_WITH_TIMEOUT((readSome(outerA, &atA), atA), QByteArray("response"), 3000);
    QCOMPARE(finished.size(), 0);
    ::close(outerB);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);
    QCOMPARE(finished.first().first().toString(), QStringLiteral("EOF"));
    ::close(outerA);
  }

  void backPressure() {
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    std::atomic<quint64> rx{0};
    Pump::Options o;
    o.rxA = &rx;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    pump->start();
    // B's reader is stalled: stop Qt from draining B's socket into its own buffer.
    b.outer->setReadBufferSize(1);
    a.outer->write(randomBytes(64 << 20));
    QTest::qWait(1500);
    const quint64 firstLook = rx.load();
    QTest::qWait(500);
    // The pump stopped reading A: only kernel buffers (and one pipe/buffer) hold data.
    QVERIFY2(firstLook < (24u << 20), qPrintable(QString::number(firstLook)));
    QCOMPARE(rx.load(), firstLook);
    QVERIFY(a.outer->bytesToWrite() > 0);
  }

  void idleTimeout() {
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    Pump::Options o;
    o.idleTimeoutMs = 300;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    QSignalSpy finished(pump, &Pump::finished);
    QElapsedTimer clock;
    clock.start();
    pump->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);
    QCOMPARE(finished.first().first().toString(), QStringLiteral("read timeout"));
    QVERIFY(clock.elapsed() >= 300);
    QTRY_VERIFY_WITH_TIMEOUT(a.outer->state() == QAbstractSocket::UnconnectedState, 3000);
  }

  void prefixGoesFirst_data() {
    QTest::addColumn<bool>("splice");
    QTest::newRow("splice") << true;
    QTest::newRow("buffers") << false;
  }
  void prefixGoesFirst() {
    QFETCH(bool, splice);
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    Pump::Options o;
    o.prefixToA = "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n";
    o.allowSplice = splice;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    pump->start();
    b.outer->write("payload");
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += a.outer->readAll(), got.size() >= 39), 3000);
    QCOMPARE(got, QByteArray("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\npayload"));
  }

  void rateLimitedPump() {
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    RateLimiter limiter(4 << 20);  // 4 MiB/s, 1 s burst
    std::atomic<quint64> rx{0};
    Pump::Options o;
    o.rxA = &rx;
    o.readLimitA = &limiter;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    pump->start();
    a.outer->write(randomBytes(16 << 20));
    QElapsedTimer clock;
    clock.start();
    connect(b.outer, &QTcpSocket::readyRead, b.outer, [&] { b.outer->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(rx.load() >= (12u << 20), 10000);
    // 12 MiB at 4 MiB/s with a 4 MiB burst: about 2 s.
    const double seconds = clock.elapsed() / 1000.0;
    QVERIFY2(seconds > 1.6 && seconds < 3.0, qPrintable(QString::number(seconds)));
  }

  void rateLimiterBucket() {
    RateLimiter l(1000);
    QCOMPARE(l.available(), qint64(1000));
    l.consume(1500);
    QCOMPARE(l.available(), qint64(0));
    QVERIFY(l.waitMs() >= 500);
    QTest::qWait(700);
    QVERIFY(l.available() > 0);
  }

  void freePorts() {
    const quint16 t = freeTcpPort();
    const quint16 u = freeUdpPort();
    QVERIFY(t > 0 && u > 0);
    QString err;
    const int fd = listenTcp(QHostAddress::LocalHost, t, &err);
    QVERIFY2(fd >= 0, qPrintable(err));
    closeFd(fd);
  }

 private:
  int listenFd_ = -1;
  quint16 port_ = 0;
};

QTEST_GUILESS_MAIN(TestPump)
#include "tst_pump.moc"
