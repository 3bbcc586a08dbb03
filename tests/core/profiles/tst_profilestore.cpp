// ProfileStore: atomic saves with mode 0600, the previous version kept as .bak, unreadable
// files reported and left alone.
#include <QtTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

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

  // The backup holds the same keys as the profile: deleting the profile deletes both.
  void removeDeletesBackupToo() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    QVERIFY(store.save(p));
    p.name = QStringLiteral("Local demo, renamed");
    QVERIFY(store.save(p));
    const QString backup = store.pathFor(p.id) + QStringLiteral(".bak");
    QVERIFY(QFile::exists(backup));
    QVERIFY(store.remove(p.id));
    QVERIFY(!QFile::exists(store.pathFor(p.id)));
    QVERIFY(!QFile::exists(backup));
    QVERIFY(store.ids().isEmpty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    QVERIFY(store.remove(p.id));  // nothing left to remove is not an error
  }

  // A store created where nothing exists yet: its directory is 0700 and every file it
  // writes (profile and backup) 0600, whatever the umask.
  void modesUnderAPermissiveUmask() {
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const mode_t old = ::umask(0);
    ProfileStore store(dir.filePath(QStringLiteral("a/b/profiles")));
    Profile p = demoProfile();
    const bool saved = store.save(p) && store.save(p);
    ::umask(old);
    QVERIFY(saved);
    QCOMPARE(QFileInfo(store.directory()).permissions() &
                 ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(ownerOnly(store.pathFor(p.id)));
    QVERIFY(ownerOnly(store.pathFor(p.id) + QStringLiteral(".bak")));
#else
    QSKIP("umask is POSIX");
#endif
  }

  // A deleted profile keeps no backup (it would hold its keys): there is nothing to restore,
  // and restoreBackup says so (the app's undo keeps the deleted profile in memory instead).
  void deletedProfileHasNothingToRestore() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    const Profile p = demoProfile();
    QVERIFY(store.save(p));
    QVERIFY(store.save(p));
    QVERIFY(store.hasBackup(p.id));
    QVERIFY(store.remove(p.id));
    QVERIFY(!store.hasBackup(p.id));
    QString error;
    QVERIFY(!store.restoreBackup(p.id, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(store.pathFor(p.id)));
  }

  // A restored version keeps the owner-only mode.
  void restoredVersionIsOwnerOnly() {
    QTemporaryDir dir;
    ProfileStore store(dir.path());
    Profile p = demoProfile();
    QVERIFY(store.save(p));
    p.name = QStringLiteral("Renamed");
    QVERIFY(store.save(p));
    QVERIFY(store.restoreBackup(p.id));
    QVERIFY(ownerOnly(store.pathFor(p.id)));
    QVERIFY(ownerOnly(store.pathFor(p.id) + QStringLiteral(".bak")));
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
