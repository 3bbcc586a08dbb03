// HostModel: rows follow snapshots; only changed rows and roles are signalled; rates come
// from counter deltas and never go negative.
#include <QSignalSpy>
#include <QtTest>

#include "hostmodel.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {
mesh::HostStatus host(const QString &name, mesh::HostState state, quint64 in = 0, quint64 out = 0) {
  mesh::HostStatus s;
  s.name = name;
  s.vip = QStringLiteral("127.0.42.1");
  s.command = QStringLiteral("/opt/routeless/bin/routeless-node agent --automated");
  s.state = state;
  s.bytesIn = in;
  s.bytesOut = out;
  return s;
}
}  // namespace

class TestHostModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rolesAndShape() {
    HostModel m(nullptr);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    m.applySnapshot({host("a", mesh::HostState::Starting), host("b", mesh::HostState::Ready)},
                    1000);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.readyCount(), 1);
    const QModelIndex b = m.index(1);
    QCOMPARE(b.data(HostModel::NameRole).toString(), QStringLiteral("b"));
    QCOMPARE(b.data(HostModel::StateRole).toInt(), int(HostModel::Ready));
    QCOMPARE(b.data(HostModel::StateTextRole).toString(), QStringLiteral("Ready"));
    QCOMPARE(b.data(HostModel::CommandRole).toString(), QStringLiteral("routeless-node agent"));
    const auto names = m.roleNames();
    for (const char *role : {"name", "vip", "command", "hostState", "pid", "restarts", "uptime",
                             "rxRate", "txRate", "rxTotal", "txTotal", "history"})
      QVERIFY2(names.values().contains(role), role);
  }

  void onlyChangedRowsAreSignalled() {
    HostModel m(nullptr);
    m.applySnapshot(
        {host("a", mesh::HostState::Ready, 100, 100), host("b", mesh::HostState::Ready)}, 1000);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy ready(&m, &HostModel::readyCountChanged);
    // b stopped: one dataChanged for row 1 with the state roles; a unchanged but its history
    // still advances (one sample per second for the sparkline).
    m.applySnapshot(
        {host("a", mesh::HostState::Ready, 100, 100), host("b", mesh::HostState::Stopped)}, 1000);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(ready.size(), 1);
    bool sawB = false;
    for (const auto &args : changed) {
      const QModelIndex from = args[0].value<QModelIndex>();
      const QList<int> roles = args[2].value<QList<int>>();
      QCOMPARE(from, args[1].value<QModelIndex>());  // one row per signal
      if (from.row() == 1) {
        sawB = true;
        QVERIFY(roles.contains(HostModel::StateRole));
      } else {
        QVERIFY(!roles.contains(HostModel::StateRole));
        QVERIFY(!roles.contains(HostModel::RxTotalRole));
      }
    }
    QVERIFY(sawB);
  }

  // Zero-install: the agent's origin and version are roles (what the Mesh page shows), and a
  // restart that finds the cached copy is signalled on that row with those roles.
  void agentOriginAndVersion() {
    HostModel m(nullptr);
    mesh::HostStatus a = host("a", mesh::HostState::Ready);
    a.agentSource = QStringLiteral("uploaded");
    a.agentVersion = QStringLiteral("0.6.5");
    m.applySnapshot({host("local", mesh::HostState::Ready), a}, 1000);
    const auto names = m.roleNames();
    QCOMPARE(names.value(HostModel::AgentSourceRole), QByteArray("agentSource"));
    QCOMPARE(names.value(HostModel::AgentVersionRole), QByteArray("agentVersion"));
    QCOMPARE(m.index(1).data(HostModel::AgentSourceRole).toString(), QStringLiteral("uploaded"));
    QCOMPARE(m.index(1).data(HostModel::AgentVersionRole).toString(), QStringLiteral("0.6.5"));
    QCOMPARE(m.index(0).data(HostModel::AgentSourceRole).toString(), QString());
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    a.agentSource = QStringLiteral("cached");
    m.applySnapshot({host("local", mesh::HostState::Ready), a}, 1000);
    bool sawSource = false;
    for (const auto &args : changed) {
      const QList<int> roles = args[2].value<QList<int>>();
      if (args[0].value<QModelIndex>().row() == 1)
        sawSource = sawSource || roles.contains(HostModel::AgentSourceRole);
      else
        QVERIFY(!roles.contains(HostModel::AgentSourceRole));
    }
    QVERIFY(sawSource);
    QCOMPARE(m.index(1).data(HostModel::AgentSourceRole).toString(), QStringLiteral("cached"));
  }

  void ratesFromDeltas() {
    HostModel m(nullptr);
    m.applySnapshot({host("a", mesh::HostState::Ready, 1000, 0)}, 1000);
    m.applySnapshot({host("a", mesh::HostState::Ready, 3048, 512)}, 2000);
    QCOMPARE(m.totalRxRate(), quint64(1024));
    QCOMPARE(m.totalTxRate(), quint64(256));
    QCOMPARE(m.index(0).data(HostModel::RxRateRole).toString(), QStringLiteral("1.0 KiB/s"));
    // Agent restarted: counters went back to zero; the rate is 0, not a huge number.
    m.applySnapshot({host("a", mesh::HostState::Ready, 10, 10)}, 1000);
    QCOMPARE(m.totalRxRate(), quint64(0));
    // One sample per update after the first (which only creates the row).
    QCOMPARE(m.index(0).data(HostModel::HistoryRole).toList().size(), 2);
  }

  void historyIsBounded() {
    HostModel m(nullptr);
    for (int i = 0; i < HostModel::kHistoryLength + 10; ++i)
      m.applySnapshot({host("a", mesh::HostState::Ready, quint64(i) * 100, 0)}, 1000);
    QCOMPARE(m.index(0).data(HostModel::HistoryRole).toList().size(), HostModel::kHistoryLength);
  }

  void newHostResets() {
    HostModel m(nullptr);
    m.applySnapshot({host("a", mesh::HostState::Ready)}, 1000);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy count(&m, &HostModel::countChanged);
    m.applySnapshot({host("a", mesh::HostState::Ready), host("c", mesh::HostState::Starting)},
                    1000);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(count.size(), 1);
    QCOMPARE(m.stateOf(QStringLiteral("c")), mesh::HostState::Starting);
    QCOMPARE(m.stateOf(QStringLiteral("zz")), mesh::HostState::Stopped);
  }
};

QTEST_GUILESS_MAIN(TestHostModel)
#include "tst_hostmodel.moc"
