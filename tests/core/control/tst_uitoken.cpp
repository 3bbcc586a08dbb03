// UiTokenFile and the POSIX localfile underneath it: the token file is created on first use
// with mode 0600 in a 0700 folder (whatever the umask), holds 256 random bits as 64 hex digits,
// is the same for every later reader (also when two servers start at once), and is refused,
// never rewritten, when others could read it, when it is a link or a FIFO, when it belongs to
// someone else or when its folder is writable by others. Profile reads take regular files only
// and refuse a FIFO at once.
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>

#include "control/localfile.h"
#include "control/uitoken.h"

using namespace routeless::control;

namespace {

mode_t modeOf(const QString &path) {
  struct stat st {};
  if (::stat(QFile::encodeName(path).constData(), &st) != 0) return mode_t(-1);
  return st.st_mode & 07777;
}

std::string native(const QString &path) { return path.toUtf8().toStdString(); }

}  // namespace

class TestUiToken : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

 private Q_SLOTS:
  void createdPrivateThenReadBack() {
    const QString path = m_dir.filePath(QStringLiteral("cfg/routeless/ui-token"));
    const mode_t oldMask = ::umask(0);  // a careless umask must not widen anything
    QString error;
    const auto token = UiTokenFile::loadOrCreate(path, &error);
    ::umask(oldMask);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(token->size(), 64);
    QVERIFY(UiTokenFile::isWellFormed(*token));
    QCOMPARE(QByteArray::fromHex(*token).toHex(), *token);  // hex digits
    QCOMPARE(modeOf(path), mode_t(0600));
    QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("cfg/routeless"))), mode_t(0700));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), *token + "\n");
    // No temporary file left behind.
    QCOMPARE(QDir(m_dir.filePath(QStringLiteral("cfg/routeless")))
                 .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden),
             QStringList{QStringLiteral("ui-token")});
    // Later servers and clients get the same token.
    QCOMPARE(*UiTokenFile::loadOrCreate(path, &error), *token);
    QCOMPARE(*UiTokenFile::read(path, &error), *token);
  }

  void freshTokensDiffer() { QVERIFY(UiTokenFile::generate() != UiTokenFile::generate()); }

  void twoServersStartingAtOnceAgree() {
    for (int round = 0; round < 20; ++round) {
      const QString path = m_dir.filePath(QStringLiteral("race%1/ui-token").arg(round));
      std::optional<QByteArray> a, b;
      QString ea, eb;
      std::atomic<bool> go{false};
      std::thread t1([&] {
        while (!go) {
        }
        a = UiTokenFile::loadOrCreate(path, &ea);
      });
      std::thread t2([&] {
        while (!go) {
        }
        b = UiTokenFile::loadOrCreate(path, &eb);
      });
      go = true;
      t1.join();
      t2.join();
      QVERIFY2(a && b, qPrintable(ea + eb));
      QCOMPARE(*a, *b);
    }
  }

  void refusedFiles_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("group-readable") << QStringLiteral("0640") << QStringLiteral("chmod 600");
    QTest::newRow("world-readable") << QStringLiteral("0604") << QStringLiteral("chmod 600");
    QTest::newRow("group-writable") << QStringLiteral("0620") << QStringLiteral("chmod 600");
    QTest::newRow("symlink") << QStringLiteral("symlink") << QStringLiteral("symbolic link");
    QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("not a regular file");
    QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("folder");
    QTest::newRow("malformed") << QStringLiteral("malformed") << QStringLiteral("not a token");
    QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("not a token");
    QTest::newRow("huge") << QStringLiteral("huge") << QStringLiteral("larger than");
    QTest::newRow("someone else's") << QStringLiteral("chown") << QStringLiteral("not to you");
  }
  void refusedFiles() {
    QFETCH(QString, kind);
    QFETCH(QString, reasonPart);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ui-token"));
    const QByteArray good = UiTokenFile::generate() + "\n";
    auto write = [&](const QByteArray &data, QFileDevice::Permissions perms) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(data);
      f.close();
      QVERIFY(f.setPermissions(perms));
    };
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (kind == QLatin1String("0640")) write(good, owner | QFileDevice::ReadGroup);
    if (kind == QLatin1String("0604")) write(good, owner | QFileDevice::ReadOther);
    if (kind == QLatin1String("0620")) write(good, owner | QFileDevice::WriteGroup);
    if (kind == QLatin1String("malformed")) write("not-a-token\n", owner);
    if (kind == QLatin1String("empty")) write("", owner);
    if (kind == QLatin1String("huge")) write(QByteArray(8192, 'a'), owner);
    if (kind == QLatin1String("symlink")) {
      const QString target = dir.filePath(QStringLiteral("real"));
      QFile f(target);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(good);
      f.close();
      f.setPermissions(owner);
      QVERIFY(QFile::link(target, path));
    }
    if (kind == QLatin1String("fifo")) QCOMPARE(::mkfifo(QFile::encodeName(path), 0600), 0);
    if (kind == QLatin1String("folder")) QVERIFY(QDir().mkdir(path));
    if (kind == QLatin1String("chown")) {
      if (::geteuid() != 0) QSKIP("changing a file's owner needs root");
      write(good, owner);
      QCOMPARE(::chown(QFile::encodeName(path), 65534, 65534), 0);
    }
    const QByteArray before = QFile::exists(path) && kind != QLatin1String("fifo") &&
                                      kind != QLatin1String("folder")
                                  ? [&] {
                                      QFile f(path);
                                      f.open(QIODevice::ReadOnly);
                                      return f.readAll();
                                    }()
                                  : QByteArray();
    QString error;
    QVERIFY(!UiTokenFile::read(path, &error));
    QVERIFY2(error.contains(reasonPart), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    // A server refuses it too, and never rewrites it.
    QVERIFY(!UiTokenFile::loadOrCreate(path, &error));
    QVERIFY2(error.contains(reasonPart), qPrintable(error));
    if (!before.isEmpty()) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::ReadOnly));
      QCOMPARE(f.readAll(), before);
    }
    // A FIFO is refused without waiting for a writer: no writer ever comes, so a read that
    // waited would never get here (CTest's timeout fails the test).
  }

  void folderOthersCanWriteIsRefused() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkdir(folder));
    QCOMPARE(::chmod(QFile::encodeName(folder), 0777), 0);
    QString error;
    QVERIFY(!UiTokenFile::loadOrCreate(folder + QStringLiteral("/ui-token"), &error));
    QVERIFY2(error.contains(QLatin1String("chmod 700")), qPrintable(error));
    QVERIFY(!QFile::exists(folder + QStringLiteral("/ui-token")));
  }

  void missingFileForAClient() {
    QString error;
    QVERIFY(!UiTokenFile::read(m_dir.filePath(QStringLiteral("nope/ui-token")), &error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("--ui-token-file")));
  }

  void pathResolution() {
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("xdg"))));
    qunsetenv("ROUTELESS_UI_TOKEN_FILE");
    QCOMPARE(UiTokenFile::defaultPath(), m_dir.filePath(QStringLiteral("xdg/routeless/ui-token")));
    QCOMPARE(UiTokenFile::resolvePath(), UiTokenFile::defaultPath());
    qputenv("ROUTELESS_UI_TOKEN_FILE", "/tmp/from-env");
    QCOMPARE(UiTokenFile::resolvePath(), QStringLiteral("/tmp/from-env"));
    QCOMPARE(UiTokenFile::resolvePath(QStringLiteral("/tmp/from-option")),
             QStringLiteral("/tmp/from-option"));
    QCOMPARE(UiTokenFile::resolvePath(QStringLiteral("rel")), QDir::current().filePath("rel"));
    qunsetenv("ROUTELESS_UI_TOKEN_FILE");
    qunsetenv("XDG_CONFIG_HOME");
  }

  void wellFormedTokens() {
    QVERIFY(UiTokenFile::isWellFormed(QByteArray(32, 'a')));
    QVERIFY(UiTokenFile::isWellFormed("abcdefghijklmnopqrstuvwxyzABCDEF-_0123456789"));
    QVERIFY(!UiTokenFile::isWellFormed(QByteArray(31, 'a')));
    QVERIFY(!UiTokenFile::isWellFormed(QByteArray(129, 'a')));
    QVERIFY(!UiTokenFile::isWellFormed(QByteArray(32, 'a') + ' '));
    QVERIFY(!UiTokenFile::isWellFormed(QByteArray(32, 'a') + ','));
  }

  void regularFilesOnly() {
    QTemporaryDir dir;
    std::string contents, error;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo), 0600), 0);
    QCOMPARE(localfile::readRegularFile(native(fifo), 1024, &contents, &error),
             localfile::Read::Refused);
    QCOMPARE(error, std::string("not a regular file"));
    QCOMPARE(localfile::readRegularFile("/dev/zero", 1024, &contents, &error),
             localfile::Read::Refused);
    QCOMPARE(localfile::readRegularFile(native(dir.path()), 1024, &contents, &error),
             localfile::Read::Refused);
    QCOMPARE(localfile::readRegularFile(native(dir.filePath(QStringLiteral("none"))), 1024,
                                        &contents, &error),
             localfile::Read::NotFound);
    const QString file = dir.filePath(QStringLiteral("profile.yaml"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(2000, 'x'));
    f.close();
    QCOMPARE(localfile::readRegularFile(native(file), 1999, &contents, &error),
             localfile::Read::Refused);
    QVERIFY(error.find("larger than 1999") != std::string::npos);
    QCOMPARE(localfile::readRegularFile(native(file), 2000, &contents, &error),
             localfile::Read::Ok);
    QCOMPARE(contents.size(), size_t(2000));
    // A profile reached through a link is fine (unlike the token file).
    const QString link = dir.filePath(QStringLiteral("link.yaml"));
    QVERIFY(QFile::link(file, link));
    QCOMPARE(localfile::readRegularFile(native(link), 2000, &contents, &error),
             localfile::Read::Ok);
  }
};

QTEST_GUILESS_MAIN(TestUiToken)
#include "tst_uitoken.moc"
