// Our programs by name: on POSIX the file name is the program's name, found beside the running
// executable, never on PATH.
#include <QtTest>

#include "platform/executables.h"

using namespace routeless::platform;

class TestExecutables : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void namesAndPlaces() {
    QCOMPARE(executableFileName(QStringLiteral("routeless-node")),
             QStringLiteral("routeless-node"));
    QCOMPARE(siblingExecutable(QStringLiteral("routeless-node")),
             QCoreApplication::applicationDirPath() + QStringLiteral("/routeless-node"));
    QVERIFY(runningExecutableIs(QStringLiteral("tst_executables")));
    QVERIFY(!runningExecutableIs(QStringLiteral("routeless-node")));
    QVERIFY(!runningExecutableIs(QStringLiteral("tst_exec")));
  }
};

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
