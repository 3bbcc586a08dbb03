// PumpThreads: pumps moved to worker threads relay several flows at once byte for byte, delete
// themselves where they ran once finished, and stopAll() ends the ones still running; without
// workers (or for streams that cannot move) the pump stays with its caller.
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include "core/net/pumptestkit.h"
#include "net/pump.h"
#include "net/pumpthreads.h"
#include "net/sockets.h"
#include "net/socketstream.h"
#include "net/virtualstream.h"

using namespace routeless::net;
using namespace pumptest;

namespace {

// A stream carried by something else (as a QUIC stream is): it must never leave its thread.
class CarriedStream final : public VirtualStream {
 public:
  using VirtualStream::VirtualStream;
  SocketAddress peer() const override { return {}; }
  SocketAddress local() const override { return {}; }

 protected:
  qint64 sendCapacity() const override { return 1 << 16; }
  bool sendBytes(const char *, qint64) override { return true; }
  void sendEof() override {}
  void abortStream() override {}
};

}  // namespace

class TestPumpThreads : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    QString err;
    listenFd_ = listenTcp(QHostAddress::LocalHost, 0, &err);
    QVERIFY2(listenFd_ >= 0, qPrintable(err));
    port_ = localAddress(listenFd_).port;
  }
  void cleanup() { closeFd(listenFd_); }

  void relaysFlowsOnWorkers_data() {
    QTest::addColumn<bool>("splice");
    QTest::newRow("splice") << true;
    QTest::newRow("buffers") << false;
  }
  void relaysFlowsOnWorkers() {
    QFETCH(bool, splice);
    constexpr int kFlows = 6;
    QObject owner;
    PumpThreads threads(2);
    std::atomic<quint64> rx{0}, tx{0};
    QList<Pair> as, bs;
    QList<QByteArray> ups, downs;
    QList<QThread *> ranOn;
    std::atomic<int> finished{0};
    for (int i = 0; i < kFlows; ++i) {
      Pair a = makePair(&owner, listenFd_, port_);
      Pair b = makePair(&owner, listenFd_, port_);
      QVERIFY(a.inner && b.inner);
      QVERIFY(PumpThreads::canCarry(a.inner, b.inner));
      Pump::Options o;
      o.rxA = &rx;
      o.txA = &tx;
      o.allowSplice = splice;
      auto *pump = new Pump(a.inner, b.inner, o);
      connect(pump, &Pump::finished, &owner, [&finished] { ++finished; });
      QVERIFY(threads.run(pump));
      QVERIFY(pump->thread() != QThread::currentThread());
      ranOn.append(pump->thread());
      as.append(a);
      bs.append(b);
      ups.append(randomBytes((1 << 20) + i * 4099, quint32(i)));
      downs.append(randomBytes((256 << 10) + i * 17, quint32(100 + i)));
    }
    // The flows are spread: both workers got some.
    QCOMPARE(QSet<QThread *>(ranOn.begin(), ranOn.end()).size(), 2);
    QCOMPARE(threads.active(), kFlows);
    for (int i = 0; i < kFlows; ++i) {
      as[i].outer->write(ups[i]);
      bs[i].outer->write(downs[i]);
    }
    QList<QByteArray> gotUp(kFlows), gotDown(kFlows);
    auto allThere = [&] {
      bool done = true;
      for (int i = 0; i < kFlows; ++i) {
        gotUp[i] += bs[i].outer->readAll();
        gotDown[i] += as[i].outer->readAll();
        done = done && gotUp[i].size() >= ups[i].size() && gotDown[i].size() >= downs[i].size();
      }
      return done;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allThere(), 30000);
    quint64 upTotal = 0, downTotal = 0;
    for (int i = 0; i < kFlows; ++i) {
      QCOMPARE(QCryptographicHash::hash(gotUp[i], QCryptographicHash::Sha256),
               QCryptographicHash::hash(ups[i], QCryptographicHash::Sha256));
      QCOMPARE(gotDown[i], downs[i]);
      upTotal += quint64(ups[i].size());
      downTotal += quint64(downs[i].size());
    }
    QCOMPARE(rx.load(), upTotal);
    QCOMPARE(tx.load(), downTotal);

    // Both ends of the first flow close: its pump finishes (the signal reaches this thread)
    // and deletes itself on its worker.
    as[0].outer->disconnectFromHost();
    bs[0].outer->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(finished.load(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(threads.active(), kFlows - 1, 5000);

    // stopAll ends the rest at once: their sockets close, the workers hold nothing.
    threads.stopAll();
    QCOMPARE(threads.active(), 0);
    for (int i = 1; i < kFlows; ++i)
      QTRY_VERIFY_WITH_TIMEOUT(as[i].outer->state() == QAbstractSocket::UnconnectedState, 5000);
  }

  void staysWithoutWorkers() {
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    Pair b = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner && b.inner);
    PumpThreads none(0);
    auto *pump = new Pump(a.inner, b.inner, Pump::Options{});
    QVERIFY(!none.run(pump));
    QCOMPARE(pump->thread(), QThread::currentThread());
    delete pump;
  }

  void carriedStreamsNeverMove() {
    QObject owner;
    Pair a = makePair(&owner, listenFd_, port_);
    QVERIFY(a.inner);
    auto *carried = new CarriedStream(&owner);
    QVERIFY(!PumpThreads::canCarry(a.inner, carried));
    QVERIFY(!PumpThreads::canCarry(carried, a.inner));
    QVERIFY(PumpThreads::canCarry(a.inner, a.inner));
  }

  void defaultCountFollowsCores() {
    const int cores = QThread::idealThreadCount();
    const int n = PumpThreads::defaultCount();
    if (cores <= 1)
      QCOMPARE(n, 0);
    else
      QCOMPARE(n, qMin(cores, 4));
  }

  void defaultCountFromEnvironment() {
    const int automatic = PumpThreads::defaultCount();
    qputenv("ROUTELESS_PUMP_THREADS", "0");
    QCOMPARE(PumpThreads::defaultCount(), 0);
    qputenv("ROUTELESS_PUMP_THREADS", "3");
    QCOMPARE(PumpThreads::defaultCount(), 3);
    // Out of range or not a number: ignored.
    qputenv("ROUTELESS_PUMP_THREADS", "17");
    QCOMPARE(PumpThreads::defaultCount(), automatic);
    qputenv("ROUTELESS_PUMP_THREADS", "-1");
    QCOMPARE(PumpThreads::defaultCount(), automatic);
    qputenv("ROUTELESS_PUMP_THREADS", "many");
    QCOMPARE(PumpThreads::defaultCount(), automatic);
    qunsetenv("ROUTELESS_PUMP_THREADS");
    QCOMPARE(PumpThreads::defaultCount(), automatic);
  }

 private:
  int listenFd_ = -1;
  quint16 port_ = 0;
};

QTEST_MAIN(TestPumpThreads)
#include "tst_pumpthreads.moc"
