// ForwardModel: one row per port of every host; states follow the owning host.
#include <QSignalSpy>
#include <QtTest>

#include "forwardmodel.h"
#include "hostmodel.h"
#include "profiles/profile.h"

using namespace routeless;
using namespace routeless::desktop;

class TestForwardModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rowsAndStates() {
    ForwardModel f(nullptr);
    f.setManifest(profiles::demoProfile().mesh);
    QCOMPARE(f.rowCount(), 1);
    const QModelIndex i = f.index(0);
    QCOMPARE(i.data(ForwardModel::HostRole).toString(), QStringLiteral("beta"));
    QCOMPARE(i.data(ForwardModel::ListenRole).toString(), QStringLiteral("127.0.42.2:18080"));
    QCOMPARE(i.data(ForwardModel::TargetRole).toString(), QStringLiteral("127.0.0.1:18081"));
    QCOMPARE(i.data(ForwardModel::StateRole).toInt(), int(HostModel::Stopped));
    QCOMPARE(i.data(ForwardModel::StateTextRole).toString(), QStringLiteral("Stopped"));

    HostModel hosts(nullptr);
    mesh::HostStatus beta;
    beta.name = QStringLiteral("beta");
    beta.state = mesh::HostState::Ready;
    hosts.applySnapshot({beta}, 1000);
    QSignalSpy changed(&f, &QAbstractItemModel::dataChanged);
    f.updateStates(hosts);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(i.data(ForwardModel::StateRole).toInt(), int(HostModel::Ready));
    QCOMPARE(i.data(ForwardModel::StateTextRole).toString(), QStringLiteral("Ready"));
    f.updateStates(hosts);  // nothing changed: no signal
    QCOMPARE(changed.size(), 1);
  }
};

QTEST_GUILESS_MAIN(TestForwardModel)
#include "tst_forwardmodel.moc"
