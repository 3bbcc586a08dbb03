// SystemFigures on this machine (Linux in CI): every figure /proc gives is there and agrees
// with the others; cpuBusyPercent on made-up samples.
#include <QtTest>

#include "platform/systemfigures.h"

using namespace routeless::platform;

class TestSystemFigures : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void figuresOfThisMachine() {
    const SystemFigures f = readSystemFigures();
    QVERIFY(f.memTotal > 0);
    QVERIFY(f.memAvailable > 0 && f.memAvailable <= f.memTotal);
    QVERIFY(f.swapTotal >= 0 && f.swapFree >= 0 && f.swapFree <= f.swapTotal);
    QVERIFY(f.netRx >= 0 && f.netTx >= 0);
    QVERIFY(f.diskRead >= 0 && f.diskWrite >= 0);
    QVERIFY(f.uptimeSeconds > 0);
    QVERIFY(f.cpuTotal > 0 && f.cpuIdle <= f.cpuTotal);
    const SystemFigures later = readSystemFigures();
    QVERIFY(later.cpuTotal >= f.cpuTotal);
    QVERIFY(later.uptimeSeconds >= f.uptimeSeconds);
  }

  void busyPercent_data() {
    QTest::addColumn<quint64>("total1");
    QTest::addColumn<quint64>("idle1");
    QTest::addColumn<quint64>("total2");
    QTest::addColumn<quint64>("idle2");
    QTest::addColumn<int>("percent");
    QTest::newRow("idle") << quint64(1000) << quint64(500) << quint64(2000) << quint64(1500) << 0;
    QTest::newRow("busy") << quint64(1000) << quint64(500) << quint64(2000) << quint64(500) << 100;
    QTest::newRow("a quarter") << quint64(1000) << quint64(0) << quint64(1400) << quint64(300)
                               << 25;
    QTest::newRow("no first sample") << quint64(0) << quint64(0) << quint64(10) << quint64(5) << -1;
    QTest::newRow("no time passed") << quint64(10) << quint64(5) << quint64(10) << quint64(5) << -1;
    QTest::newRow("counters went back")
        << quint64(100) << quint64(50) << quint64(200) << quint64(40) << -1;
    QTest::newRow("idle beyond total")
        << quint64(100) << quint64(50) << quint64(200) << quint64(200) << -1;
  }
  void busyPercent() {
    QFETCH(quint64, total1);
    QFETCH(quint64, idle1);
    QFETCH(quint64, total2);
    QFETCH(quint64, idle2);
    QFETCH(int, percent);
    SystemFigures a, b;
    a.cpuTotal = total1;
    a.cpuIdle = idle1;
    b.cpuTotal = total2;
    b.cpuIdle = idle2;
    QCOMPARE(cpuBusyPercent(a, b), percent);
  }
};

QTEST_GUILESS_MAIN(TestSystemFigures)
#include "tst_systemfigures.moc"
