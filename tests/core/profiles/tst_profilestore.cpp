// ProfileStore: atomic saves with mode 0600, the previous version kept as .bak, unreadable
// files reported and left alone.
#include <QtTest>

#include "profiles/profilestore.h"

using namespace routeless::profiles;

namespace {
// rw for the owner, nothing for group and others (mode 0600).
bool ownerOnly(const QString &path) {
  const QFileDevice::Permissions p = QFile::permissions(path);
  const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                          QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                          QFileDevice::WriteOther | QFileDevice::ExeOther;
  return (p & QFileDevice::ReadOwner) && (p & QFileDevice::WriteOwner) &&
         !(p & QFileDevice::ExeOwner) && !(p & others);
}
}  // namespace

class TestProfileStore : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void saveLoadAndPermissions() {
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(QStringLiteral("profiles")));
    Profile p = demoProfile();
    QString error;
    QVERIFY2(store.save(p, &error), qPrintable(error));
    const QString path = store.pathFor(p.id);
    QVERIFY(QFile::exists(path));
    QVERIFY(ownerOnly(path));
    QFileInfo dirInfo(store.directory());
    QVERIFY(!(dirInfo.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
    const auto loaded = store.load(p.id, &error);
    QVERIFY2(loaded, qPrintable(error));
    QVERIFY(loaded->sameAs(p));
  }

  void previousVersionIsKept() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    QVERIFY(store.save(p));
    QVERIFY(!QFile::exists(store.pathFor(p.id) + QStringLiteral(".bak")));
    p.name = QStringLiteral("Renamed");
    QVERIFY(store.save(p));
    QFile bak(store.pathFor(p.id) + QStringLiteral(".bak"));
    QVERIFY(bak.open(QIODevice::ReadOnly));
    const auto old = profileFromJson(bak.readAll(), bak.fileName());
    QVERIFY(std::holds_alternative<Profile>(old));
    QCOMPARE(std::get<Profile>(old).name, QStringLiteral("Local demo"));
    QVERIFY(ownerOnly(bak.fileName()));
    QCOMPARE(store.load(p.id)->name, QStringLiteral("Renamed"));
  }

  void invalidProfileChangesNothing() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    QVERIFY(store.save(p));
    QFile f(store.pathFor(p.id));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    Profile bad = p;
    bad.mesh.hosts[0].vip = QStringLiteral("not-an-ip");
    QString error;
    QVERIFY(!store.save(bad, &error));
    QVERIFY(error.contains(QLatin1String("vip")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QVERIFY(!QFile::exists(store.pathFor(p.id) + QStringLiteral(".bak")));
  }

  void rejectsBadIds() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    p.id = QStringLiteral("../escape");
    QVERIFY(!store.save(p));
    p.id.clear();
    QVERIFY(!store.save(p));
  }

  void unreadableFilesAreReportedNotLoaded() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    QVERIFY(store.save(demoProfile()));
    QFile junk(dir.filePath(QStringLiteral("junk.json")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("{ not json");
    junk.close();
    QStringList problems;
    const auto all = store.loadAll(&problems);
    QCOMPARE(all.size(), 1);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems[0].contains(QLatin1String("junk.json:1")));
    QVERIFY(QFile::exists(junk.fileName()));
  }

  void removeKeepsBackup() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    const Profile p = demoProfile();
    QVERIFY(store.save(p));
    QVERIFY(store.remove(p.id));
    QVERIFY(!QFile::exists(store.pathFor(p.id)));
    QVERIFY(QFile::exists(store.pathFor(p.id) + QStringLiteral(".bak")));
    QVERIFY(store.ids().isEmpty());
  }

  void backupRestoresTheDeletedProfile() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    const Profile p = demoProfile();
    QVERIFY(store.save(p));
    QVERIFY(store.remove(p.id));
    QVERIFY(store.hasBackup(p.id));
    QString error;
    QVERIFY2(store.restoreBackup(p.id, &error), qPrintable(error));
    QVERIFY(store.load(p.id)->sameAs(p));
    QVERIFY(ownerOnly(store.pathFor(p.id)));
    QVERIFY(!store.hasBackup(p.id));
    QVERIFY(!store.restoreBackup(p.id, &error));  // nothing kept any more: says why
    QVERIFY(!error.isEmpty());
  }

  void backupSwapsWithThePreviousVersion() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    QVERIFY(store.save(p));
    p.name = QStringLiteral("Renamed");
    QVERIFY(store.save(p));
    QCOMPARE(store.loadBackup(p.id)->name, QStringLiteral("Local demo"));
    QVERIFY(store.restoreBackup(p.id));
    QCOMPARE(store.load(p.id)->name, QStringLiteral("Local demo"));
    QCOMPARE(store.loadBackup(p.id)->name, QStringLiteral("Renamed"));
    QVERIFY(store.restoreBackup(p.id));  // and back again
    QCOMPARE(store.load(p.id)->name, QStringLiteral("Renamed"));
  }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
