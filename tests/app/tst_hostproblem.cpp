// HostProblem and the Mesh screen's rows: a failing host shows the cause its launcher printed
// (ssh's "Could not resolve hostname ...", not only "agent exited with status 255"), sorted
// into a kind with the fix in words; a host that works, or was stopped, shows no problem.
#include <QtTest>

#include "hostmodel.h"
#include "hostproblem.h"

using namespace routeless;
using namespace routeless::desktop;
using Kind = HostProblem::Kind;

namespace {
mesh::HostStatus failing(mesh::HostState state, const QString &error, const QString &stderrLine) {
  mesh::HostStatus s;
  s.name = QStringLiteral("far");
  s.vip = QStringLiteral("127.0.42.9");
  s.command = QStringLiteral("ssh me@far -- routeless-node agent --automated");
  s.state = state;
  s.lastError = error;
  s.lastStderr = stderrLine;
  return s;
}
}  // namespace

class TestHostProblem : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void sortsCommonFailures_data() {
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("stderrLine");
    QTest::addColumn<int>("kind");
    const int restarting = int(mesh::HostState::Restarting);
    const QString exit255 = QStringLiteral("agent exited with status 255");
    QTest::newRow("unknown host")
        << restarting << exit255
        << "ssh: Could not resolve hostname nowhere.invalid: Name or service not known"
        << int(Kind::UnknownHost);
    QTest::newRow("ssh auth") << restarting << exit255
                              << "me@far: Permission denied (publickey,password)."
                              << int(Kind::AuthFailed);
    QTest::newRow("host key") << restarting << exit255 << "Host key verification failed."
                              << int(Kind::HostKeyChanged);
    QTest::newRow("refused") << restarting << exit255
                             << "ssh: connect to host far port 22: Connection refused"
                             << int(Kind::Unreachable);
    QTest::newRow("agent missing")
        << restarting << "agent exited with status 127"
        << "bash: line 1: routeless-node: command not found" << int(Kind::AgentNotFound);
    QTest::newRow("no ssh here") << int(mesh::HostState::Failed)
                                 << "cannot start \"ssh\": No such file or directory" << QString()
                                 << int(Kind::LauncherNotFound);
    QTest::newRow("no container") << restarting << "agent exited with status 1"
                                  << "Error response from daemon: No such container: web"
                                  << int(Kind::ContainerNotFound);
    // A listener that cannot bind keeps the agent Starting without any error of its own.
    QTest::newRow("address in use")
        << int(mesh::HostState::Starting) << QString()
        << "listen 127.0.42.2:18080: bind: Address already in use" << int(Kind::AddressInUse);
    QTest::newRow("other crash") << restarting << "agent exited with status 2"
                                 << "panic: something odd" << int(Kind::Crashed);
  }

  void sortsCommonFailures() {
    QFETCH(int, state);
    QFETCH(QString, error);
    QFETCH(QString, stderrLine);
    QFETCH(int, kind);
    const HostProblem p = explainHostProblem(failing(mesh::HostState(state), error, stderrLine));
    QCOMPARE(int(p.kind), kind);
    QVERIFY(p.isProblem());
    QVERIFY(!p.summary.isEmpty());
    QVERIFY2(!p.fix.isEmpty(), "every problem says what to do");
    // The tooltip keeps the raw text: the launcher's own line and the exit.
    if (!stderrLine.isEmpty()) QVERIFY(p.detail.contains(stderrLine));
    if (!error.isEmpty()) QVERIFY(p.detail.contains(error));
  }

  void noProblemWhenFineOrStopped() {
    // A working host that printed a warning, and a stopped host's stale error, are no alarm.
    QCOMPARE(int(explainHostProblem(failing(mesh::HostState::Ready, QString(),
                                            QStringLiteral("level=warn msg=slow peer")))
                     .kind),
             int(Kind::None));
    QCOMPARE(int(explainHostProblem(failing(mesh::HostState::Stopped,
                                            QStringLiteral("agent exited with status 255"),
                                            QStringLiteral("ssh: Could not resolve hostname x")))
                     .kind),
             int(Kind::None));
    QCOMPARE(int(explainHostProblem(failing(mesh::HostState::Starting, {}, {})).kind),
             int(Kind::None));
  }

  void rowShowsTheCauseAndTheFix() {
    HostModel m(nullptr);
    m.applySnapshot(
        {failing(mesh::HostState::Restarting, QStringLiteral("agent exited with status 255"),
                 QStringLiteral("ssh: Could not resolve hostname nowhere.invalid: "
                                "Name or service not known"))},
        1000);
    const QModelIndex row = m.index(0);
    const QString problem = row.data(HostModel::ProblemRole).toString();
    QCOMPARE(problem, explainHostProblem(*m.at(0)).summary);
    QVERIFY(!problem.contains(QLatin1String("status 255")));  // the cause, not the symptom
    QVERIFY(!row.data(HostModel::FixRole).toString().isEmpty());
    QVERIFY(row.data(HostModel::DetailRole)
                .toString()
                .contains(QLatin1String("Could not resolve hostname nowhere.invalid")));
    QCOMPARE(int(m.problemAt(0).kind), int(Kind::UnknownHost));
    // Once the host works again the row's problem is gone.
    mesh::HostStatus ok = *m.at(0);
    ok.state = mesh::HostState::Ready;
    ok.lastError.clear();
    ok.lastStderr.clear();
    m.applySnapshot({ok}, 1000);
    QCOMPARE(m.index(0).data(HostModel::ProblemRole).toString(), QString());
    QCOMPARE(int(m.problemAt(0).kind), int(Kind::None));
  }
};

QTEST_GUILESS_MAIN(TestHostProblem)
#include "tst_hostproblem.moc"
