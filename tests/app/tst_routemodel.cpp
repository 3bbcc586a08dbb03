// RouteModel: the routing table; unchanged tables emit nothing, changed entries one signal.
#include <QSignalSpy>
#include <QtTest>

#include "routemodel.h"

using namespace routeless;
using namespace routeless::desktop;

class TestRouteModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void updates() {
    RouteModel m(nullptr);
    const QList<mesh::RouteEntry> t1 = {{"127.0.42.1", "127.0.42.1", "vip"},
                                        {"10.0.0.0/8", "127.0.42.2", "cidr"}};
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.applyTable(t1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.index(1).data(RouteModel::KindRole).toString(), QStringLiteral("cidr"));
    m.applyTable(t1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(changed.size(), 0);
    auto t2 = t1;
    t2[1].via = QStringLiteral("127.0.42.3");
    m.applyTable(t2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].value<QModelIndex>().row(), 1);
    QCOMPARE(m.index(1).data(RouteModel::ViaRole).toString(), QStringLiteral("127.0.42.3"));
    QCOMPARE(m.roleNames().value(RouteModel::DestinationRole), QByteArray("destination"));
  }
};

QTEST_GUILESS_MAIN(TestRouteModel)
#include "tst_routemodel.moc"
