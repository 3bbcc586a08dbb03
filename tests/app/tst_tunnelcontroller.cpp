// TunnelController: runs `routeless-node <URL>` children, reports Running/Failed honestly,
// restarts with back-off, stops cleanly.
#include <QSignalSpy>
#include <QtTest>

#include "tunnelcontroller.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {
bool waitForState(TunnelController &c, int row, TunnelState state, int ms) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < ms) {
    const auto s = c.snapshot();
    if (row < s.size() && s[row].state == state) return true;
    QTest::qWait(50);
  }
  return false;
}
}  // namespace

class TestTunnelController : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void backoff() {
    QCOMPARE(TunnelController::backoffMs(0), 1000);
    QCOMPARE(TunnelController::backoffMs(1), 2000);
    QCOMPARE(TunnelController::backoffMs(20), 30000);
  }

  void runsAndStops() {
    TunnelController c(QStringLiteral(ROUTELESS_NODE_BIN));
    c.setTunnels(
        {{QStringLiteral("srv"),
          QStringLiteral("server://s3cret@127.0.0.1:18391/127.0.0.1:18392?mode=2"), true}});
    QCOMPARE(c.snapshot().size(), 1);
    QVERIFY(!c.snapshot()[0].maskedUrl.contains(QLatin1String("s3cret")));
    QCOMPARE(c.snapshot()[0].role, QStringLiteral("server"));
    QCOMPARE(c.snapshot()[0].target, QStringLiteral("127.0.0.1:18392"));
    c.startAutostart();
    QVERIFY(waitForState(c, 0, TunnelState::Running, 5000));
    QVERIFY(c.snapshot()[0].pid > 0);
    QTest::qWait(500);  // still running: the URL is good
    QCOMPARE(c.snapshot()[0].state, TunnelState::Running);
    c.stopAll();
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
    QCOMPARE(c.snapshot()[0].pid, 0);
  }

  void failingTunnelIsReportedAndRestarted() {
    TunnelController c(QStringLiteral("/nonexistent/routeless-node"));
    c.setTunnels({{QStringLiteral("bad"),
                   QStringLiteral("client://k@127.0.0.1:18393/127.0.0.1:18394"), true}});
    c.startTunnel(0);
    QVERIFY(waitForState(c, 0, TunnelState::Failed, 3000));
    QVERIFY(!c.snapshot()[0].lastError.isEmpty());
    QVERIFY(waitForState(c, 0, TunnelState::Failed, 3000));
    QTRY_VERIFY_WITH_TIMEOUT(c.snapshot()[0].restarts >= 2, 5000);
    c.stopTunnel(0);
    QCOMPARE(c.snapshot()[0].state, TunnelState::Stopped);
  }
};

QTEST_GUILESS_MAIN(TestTunnelController)
#include "tst_tunnelcontroller.moc"
