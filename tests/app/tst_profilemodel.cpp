// ProfileModel: rows mirror the store; marks (default/active/current) signal changed rows only.
#include <QSignalSpy>
#include <QtTest>

#include "profilemodel.h"

using namespace routeless;
using namespace routeless::desktop;

class TestProfileModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void rowsAndMarks() {
    ProfileModel m(nullptr);
    profiles::Profile a = profiles::demoProfile();
    profiles::Profile b;
    b.id = QStringLiteral("empty");
    b.name = QStringLiteral("Empty");
    m.setProfiles({a, b});
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.indexOf(QStringLiteral("empty")), 1);
    QCOMPARE(m.indexOf(QStringLiteral("none")), -1);
    QCOMPARE(m.index(0).data(ProfileModel::HostCountRole).toInt(), 2);
    QCOMPARE(m.index(0).data(ProfileModel::TunnelCountRole).toInt(), 2);
    QVERIFY(
        m.index(0).data(ProfileModel::SummaryRole).toString().contains(QLatin1String("2 host")));
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setMarks(QStringLiteral("local-demo"), QString(), QString());
    QCOMPARE(changed.size(), 1);
    QVERIFY(m.index(0).data(ProfileModel::IsDefaultRole).toBool());
    m.setMarks(QStringLiteral("local-demo"), QStringLiteral("empty"), QStringLiteral("empty"));
    QCOMPARE(changed.size(), 2);
    QVERIFY(m.index(1).data(ProfileModel::IsActiveRole).toBool());
    QVERIFY(m.index(1).data(ProfileModel::IsCurrentRole).toBool());
    QCOMPARE(m.find(QStringLiteral("empty"))->name, QStringLiteral("Empty"));
  }
};

QTEST_GUILESS_MAIN(TestProfileModel)
#include "tst_profilemodel.moc"
