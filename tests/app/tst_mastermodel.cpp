// MasterModel: masters and their instances as one flat list; keys masked; rows map back to
// (master, instance id) for actions; a counters-only change updates rows in place.
#include <QSignalSpy>
#include <QtTest>

#include "mastermodel.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {
master::MasterInstance instance(const char *id, const char *alias, const char *status) {
  master::MasterInstance i;
  i.id = QLatin1String(id);
  i.alias = QLatin1String(alias);
  i.type = QStringLiteral("server");
  i.status = QLatin1String(status);
  i.url = QStringLiteral("server://s3cret@0.0.0.0:10101/127.0.0.1:8080");
  i.tcprx = 1000;
  i.udprx = 24;
  return i;
}

QList<MasterView> twoMasters() {
  MasterView a{QStringLiteral("lab"),
               QStringLiteral("http://10.0.0.1:9090"),
               QStringLiteral("Live"),
               QString(),
               {instance("aaaa0001", "web", "running"), instance("aaaa0002", "", "stopped")}};
  MasterView b{QStringLiteral("edge"),
               QStringLiteral("https://10.0.0.2:9090"),
               QStringLiteral("Failed"),
               QStringLiteral("HTTP 401: Unauthorized"),
               {}};
  return {a, b};
}
}  // namespace

class TestMasterModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void flatLayoutAndMasking() {
    MasterModel m(nullptr);
    QSignalSpy count(&m, &MasterModel::countChanged);
    m.applySnapshot(twoMasters());
    QCOMPARE(count.size(), 1);
    QCOMPARE(m.rowCount(), 4);  // lab, its two instances, edge
    QCOMPARE(m.masterCount(), 2);
    QCOMPARE(m.index(0).data(MasterModel::KindRole).toString(), QStringLiteral("master"));
    QCOMPARE(m.index(0).data(MasterModel::StateRole).toString(), QStringLiteral("Live"));
    QCOMPARE(m.index(1).data(MasterModel::NameRole).toString(), QStringLiteral("web"));
    QCOMPARE(m.index(2).data(MasterModel::NameRole).toString(), QStringLiteral("aaaa0002"));
    QCOMPARE(m.index(1).data(MasterModel::RxRole).toString(), QStringLiteral("1.0 KiB"));
    const QString url = m.index(1).data(MasterModel::UrlRole).toString();
    QVERIFY(url.contains(QLatin1String("****@")));
    QVERIFY(!url.contains(QLatin1String("s3cret")));
    QCOMPARE(m.index(3).data(MasterModel::ErrorRole).toString(),
             QStringLiteral("HTTP 401: Unauthorized"));

    int master = -1;
    QString id;
    QVERIFY(!m.instanceAt(0, &master, &id));
    QVERIFY(m.instanceAt(2, &master, &id));
    QCOMPARE(master, 0);
    QCOMPARE(id, QStringLiteral("aaaa0002"));
    QVERIFY(!m.instanceAt(3, &master, &id));
    QVERIFY(!m.instanceAt(9, &master, &id));
  }

  void countersUpdateInPlaceAndNewInstancesReset() {
    MasterModel m(nullptr);
    m.applySnapshot(twoMasters());
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QList<MasterView> next = twoMasters();
    next[0].instances[0].tcprx = 5000;
    m.applySnapshot(next);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m.index(1).data(MasterModel::RxRole).toString(), QStringLiteral("4.9 KiB"));
    next[1].instances.append(instance("bbbb0001", "new", "running"));
    m.applySnapshot(next);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m.rowCount(), 5);
    m.applySnapshot({});
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.masterCount(), 0);
  }
};

QTEST_GUILESS_MAIN(TestMasterModel)
#include "tst_mastermodel.moc"
