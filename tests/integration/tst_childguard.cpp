// platform::guardChild on Linux: a guarded child dies when the process that started it dies
// without any cleanup (here it _exit()s; SIGKILL is the same to the kernel), and a guarded
// agent's stdin and stdout pipes are 1 MiB when asked for. The parent that dies is this
// executable started again with --guarded-parent.
#include <signal.h>
#include <unistd.h>

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QtTest>
#include <cstdio>

#include "platform/childguard.h"

using routeless::platform::ChildOptions;
using routeless::platform::guardChild;

namespace {

// As the parent: starts a guarded `sleep 300`, prints its pid and ends at once, leaving the
// QProcess (whose destructor would stop the child) undestroyed.
int runGuardedParent(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QProcess sleeper;
  guardChild(sleeper);
  sleeper.start(QStringLiteral("sleep"), {QStringLiteral("300")});
  if (!sleeper.waitForStarted(10000)) return 3;
  std::printf("%lld\n", static_cast<long long>(sleeper.processId()));
  std::fflush(stdout);
  ::_exit(0);
}

// Gone, or a zombie nobody reaped yet (a container's init may not reap).
bool processGone(qint64 pid) {
  if (::kill(pid_t(pid), 0) != 0) return true;
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return true;
  const QByteArray text = stat.readAll();
  const qsizetype close = text.lastIndexOf(')');
  return close > 0 && text.mid(close + 2, 1) == "Z";
}

QByteArray pipeSizes(ChildOptions options) {
  QProcess p;
  guardChild(p, options);
  // F_GETPIPE_SZ is 1032 on Linux.
  p.start(QStringLiteral("python3"),
          {QStringLiteral("-c"),
           QStringLiteral("import fcntl; print(fcntl.fcntl(0, 1032), fcntl.fcntl(1, 1032))")});
  if (!p.waitForStarted(10000)) return {};
  p.closeWriteChannel();
  p.waitForFinished(30000);
  return p.readAllStandardOutput().trimmed();
}

}  // namespace

class TestChildGuard : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void childEndsWithItsParent() {
    QProcess parent;
    parent.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--guarded-parent")});
    QVERIFY(parent.waitForFinished(30000));
    QCOMPARE(parent.exitCode(), 0);
    bool ok = false;
    const qint64 child = parent.readAllStandardOutput().trimmed().toLongLong(&ok);
    QVERIFY(ok && child > 0);
    // A failing run must not leave the sleeper behind.
    const auto cleanup = qScopeGuard([child] {
      if (!processGone(child)) ::kill(pid_t(child), SIGKILL);
    });
    QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 30000);
  }

  void largePipesWhenAsked() {
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
      QSKIP("python3 reads the pipe sizes here; .ci/setup installs it");
    QCOMPARE(pipeSizes({.largePipes = true}), QByteArray("1048576 1048576"));
    QCOMPARE(pipeSizes({}), QByteArray("65536 65536"));
  }
};

int main(int argc, char **argv) {
  if (argc >= 2 && qstrcmp(argv[1], "--guarded-parent") == 0) return runGuardedParent(argc, argv);
  QCoreApplication app(argc, argv);
  TestChildGuard test;
  return QTest::qExec(&test, argc, argv);
}

#include "tst_childguard.moc"
