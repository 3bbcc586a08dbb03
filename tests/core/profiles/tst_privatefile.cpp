// Tests core/profiles/privatefile.cpp: the file is 0600 before a byte of the content exists
// (checked between open() and commit(), under a umask that would give 0666), an existing
// file's content survives until the commit, and a failed or abandoned write leaves nothing.
#include <QtTest>

#include "profiles/privatefile.h"

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace routeless::profiles;

namespace {

// Every file in `dir`, hidden ones and QSaveFile's temporary included, with its Unix mode.
QMap<QString, int> modes(const QString &dir) {
  QMap<QString, int> out;
#ifdef Q_OS_UNIX
  for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System)) {
    struct stat st {};
    if (::stat(QFile::encodeName(QDir(dir).filePath(name)).constData(), &st) == 0)
      out.insert(name, int(st.st_mode & 0777));
  }
#else
  Q_UNUSED(dir);
#endif
  return out;
}

// Sets a umask for the scope (0: files would be created 0666 unless asked otherwise).
struct Umask {
#ifdef Q_OS_UNIX
  explicit Umask(mode_t mask) : old(::umask(mask)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
#else
  explicit Umask(int) {}
#endif
};

QByteArray contentOf(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

}  // namespace

class TestPrivateFile : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
#ifndef Q_OS_UNIX
    QSKIP("modes are checked with stat() and umask(), POSIX only");
#endif
  }

  void newFileIsOwnerOnlyBeforeAnyWrite() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.yaml"));
    const Umask permissive(0);
    PrivateFileWriter writer(path);
    QString error;
    QVERIFY2(writer.open(&error), qPrintable(error));
    // Opened, nothing written: the final name exists, empty, and every file there is 0600.
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFileInfo(path).size(), 0);
    const QMap<QString, int> before = modes(dir.path());
    QVERIFY(!before.isEmpty());
    for (auto it = before.cbegin(); it != before.cend(); ++it)
      QVERIFY2(it.value() == 0600,
               qPrintable(QStringLiteral("%1 is %2").arg(it.key()).arg(it.value(), 0, 8)));
    QVERIFY2(writer.commit("secret: yes\n", &error), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("secret: yes\n"));
    QCOMPARE(modes(dir.path()), (QMap<QString, int>{{QStringLiteral("export.yaml"), 0600}}));
  }

  void existingFileIsNarrowedFirstAndReplacedWhole() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.txt"));
    {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("old content");
    }
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(modes(dir.path()).value(QStringLiteral("old.txt")), 0644);
    const Umask permissive(0);
    PrivateFileWriter writer(path);
    QString error;
    QVERIFY2(writer.open(&error), qPrintable(error));
    for (const int mode : modes(dir.path())) QCOMPARE(mode, 0600);
    QCOMPARE(contentOf(path), QByteArray("old content"));  // until the commit
    QVERIFY2(writer.commit("new", &error), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("new"));
    QCOMPARE(modes(dir.path()), (QMap<QString, int>{{QStringLiteral("old.txt"), 0600}}));
  }

  void abandonedWriteLeavesNothing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("never.txt"));
    {
      PrivateFileWriter writer(path);
      QString error;
      QVERIFY2(writer.open(&error), qPrintable(error));
    }
    QVERIFY(modes(dir.path()).isEmpty());
    QString error;
    QVERIFY(!PrivateFileWriter::write(dir.filePath(QStringLiteral("no/such/dir/f")), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("no/such/dir/f")), qPrintable(error));
    QVERIFY(!PrivateFileWriter::write(dir.path(), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("directory")), qPrintable(error));
    PrivateFileWriter unopened(path);
    QVERIFY(!unopened.commit("x", &error));
    QVERIFY(modes(dir.path()).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestPrivateFile)
#include "tst_privatefile.moc"
