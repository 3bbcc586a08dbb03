// Pump between two loopback TCP connections: integrity both ways (splice and buffer paths),
// counters, back-pressure, half-close, idle timeout and the prefix.
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "core/net/pumptestkit.h"
#include "net/pump.h"
#include "net/ratelimiter.h"
#include "net/sockets.h"
#include "net/socketstream.h"

using namespace routeless::net;
using namespace pumptest;

namespace {

// Bytes the kernel holds for fd that nobody has read yet.
int unreadBytes(int fd) {
  int n = 0;
  return ::ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

void setBufferSize(int fd, int option, int bytes) {
  ::setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof bytes);
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
    // Plain TCP on both ends splices wherever the system can (Linux); elsewhere, or when not
    // allowed, the pump copies through its buffers.
    QCOMPARE(pump->usesSplice(), splice && SplicePipe::available());
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

    // A closes: the pump carries the end of stream to B (a QTcpSocket closes itself when it
    // reads it; halfCloseKeepsOtherDirection covers answering after a half-close), and once B
    // has closed too the pump ends.
    QCOMPARE(finished.size(), 0);
    a.outer->disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(b.outer->state() == QAbstractSocket::UnconnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
  }

  void halfCloseKeepsOtherDirection() {
    // Raw sockets here: QTcpSocket closes itself entirely when it reads end of stream.
    QObject owner;
    QString err;
    const int outerA = connectTcp(QHostAddress::LocalHost, port_, QHostAddress(), &err);
    auto *innerA = new SocketStream(acceptConnection(listenFd_));
    const int outerB = connectTcp(QHostAddress::LocalHost, port_, QHostAddress(), &err);
    auto *innerB = new SocketStream(acceptConnection(listenFd_));
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
    // Fixed kernel buffers (no autotuning) on the way to B and at A's inner end, so that what
    // can be in flight is known: about 1 MiB towards B, plus the pump's own pipe or buffer.
    constexpr int kKernelBuffer = 256 * 1024;
    setBufferSize(b.inner->fd(), SO_SNDBUF, kKernelBuffer);
    setBufferSize(int(b.outer->socketDescriptor()), SO_RCVBUF, kKernelBuffer);
    setBufferSize(a.inner->fd(), SO_RCVBUF, kKernelBuffer);
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    pump->start();
    // B's reader is stalled: stop Qt from draining B's socket into its own buffer.
    b.outer->setReadBufferSize(1);
    a.outer->write(randomBytes(64 << 20));
    // Once the pump has filled B's buffers it stops reading A, and A's bytes pile up unread.
    const int bFd = int(b.outer->socketDescriptor());
    QTRY_VERIFY_WITH_TIMEOUT(
        unreadBytes(bFd) >= kKernelBuffer / 2 && unreadBytes(a.inner->fd()) >= kKernelBuffer / 2,
        20000);
    // What the pump took from A is bounded by B's buffers and its own, not by what A sent.
    QVERIFY2(rx.load() < (4u << 20), qPrintable(QString::number(rx.load())));
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
    pump->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.first().first().toString(), QStringLiteral("read timeout"));
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
    // The limiter's clock is the test's: the pump may read the burst, then exactly what each
    // step of time refills, however slow or fast the machine is.
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    qint64 nowNs = 0;
    constexpr quint64 kRate = 1 << 20;  // 1 MiB/s, so a 1 MiB burst
    RateLimiter limiter(kRate, [&] { return nowNs; });
    std::atomic<quint64> rx{0};
    Pump::Options o;
    o.rxA = &rx;
    o.readLimitA = &limiter;
    auto *pump = new Pump(a.inner, b.inner, o, &owner);
    QByteArray atB;
    connect(b.outer, &QTcpSocket::readyRead, b.outer, [&] { atB += b.outer->readAll(); });
    pump->start();
    const QByteArray sent = randomBytes(4 << 20);
    a.outer->write(sent);
    QTRY_COMPARE_WITH_TIMEOUT(rx.load(), kRate, 10000);  // the burst, and not a byte more
    nowNs += 500'000'000;                                // half a second refills half the rate
    QTRY_COMPARE_WITH_TIMEOUT(rx.load(), kRate + kRate / 2, 10000);
    nowNs += 10'000'000'000;  // ten seconds refill one burst only
    QTRY_COMPARE_WITH_TIMEOUT(rx.load(), 2 * kRate + kRate / 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(atB, sent.first(qsizetype(rx.load())), 10000);
  }

  void rateLimiterBucket() {
    qint64 nowNs = 0;
    RateLimiter l(1000, [&] { return nowNs; });
    QCOMPARE(l.available(), qint64(1000));
    l.consume(1500);
    QCOMPARE(l.available(), qint64(0));
    const int wait = l.waitMs();  // 500 bytes owed, then about 1/50 s worth
    QVERIFY2(wait >= 500 && wait <= 600, qPrintable(QString::number(wait)));
    nowNs += qint64(wait) * 1'000'000;
    QVERIFY(l.available() > 0);
    QCOMPARE(l.waitMs(), 0);
    nowNs += 60'000'000'000;  // a minute later the bucket holds one second's worth, no more
    QCOMPARE(l.available(), qint64(1000));
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
