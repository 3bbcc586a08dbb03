// Tests core/agent/statedir.cpp: the hosts file keeps the system's lines and replaces an
// earlier mesh block, hostaliases merges $HOSTALIASES and leaves out names hostname(7) cannot
// hold, paths expand ~, $VAR and ${VAR} on the agent, and populateStateDir writes all three.
#include <QTemporaryDir>
#include <QtTest>

#include "agent/statedir.h"

using namespace routeless::agent;

class TestStateDir : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hostsFileReplacesItsOwnBlock() {
    const std::map<std::string, std::string> names = {{"hostA", "127.0.42.101"},
                                                      {"b.example.test", "127.0.42.102"}};
    const std::string system =
        "127.0.0.1\tlocalhost\r\n"
        "# <Added-by-NoRouter>\n127.0.42.9 old\n# </Added-by-NoRouter>\n"
        "::1 ip6-localhost\n\n\n";
    QCOMPARE(hostsFileText(system, names),
             std::string("127.0.0.1\tlocalhost\n::1 ip6-localhost\n"
                         "# <Added-by-NoRouter>\n127.0.42.102 b.example.test\n"
                         "127.0.42.101 hostA\n# </Added-by-NoRouter>\n"));
    QCOMPARE(hostsFileText("", {}), std::string("# <Added-by-NoRouter>\n# </Added-by-NoRouter>\n"));
  }

  void hostAliasesMergeAndSkip() {
    const std::map<std::string, std::string> names = {
        {"hostA", "127.0.42.101"}, {"b.example.test", "127.0.42.102"}, {"v6", "::1"}};
    QCOMPARE(
        hostAliasesText("# comment\nmine  example.org\nbad line here\nhostA stale.nip.io\n", names),
        std::string("hostA 127.0.42.101.nip.io\nmine example.org\n"));
  }

  void pathsExpandOnTheAgent() {
    qputenv("ROUTELESS_TST_A", "/a");
    qputenv("HOME", "/home/tester");
    QCOMPARE(expandAgentPath("~/.norouter/agent"), std::string("/home/tester/.norouter/agent"));
    QCOMPARE(expandAgentPath("~"), std::string("/home/tester"));
    QCOMPARE(expandAgentPath("x~/y"), std::string("x~/y"));
    QCOMPARE(expandAgentPath("${ROUTELESS_TST_A}/b/$ROUTELESS_TST_A.c"), std::string("/a/b//a.c"));
    QCOMPARE(expandAgentPath("$ROUTELESS_TST_UNSET/x"), std::string("/x"));
    QCOMPARE(expandAgentPath("${not closed/x $ $}"), std::string("${not closed/x $ $}"));
  }

  void populateWritesEveryFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("ROUTELESS_TST_STATE", dir.path().toUtf8());
    qunsetenv("HOSTALIASES");
    std::string error;
    QVERIFY2(
        populateStateDir("${ROUTELESS_TST_STATE}/deep/agent", {{"hostA", "127.0.42.1"}}, &error),
        error.c_str());
    QFile aliases(dir.filePath("deep/agent/hostaliases"));
    QVERIFY(aliases.open(QIODevice::ReadOnly));
    QCOMPARE(aliases.readAll(), QByteArray("hostA 127.0.42.1.nip.io\n"));
    QFile hosts(dir.filePath("deep/agent/hosts"));
    QVERIFY(hosts.open(QIODevice::ReadOnly));
    QVERIFY(hosts.readAll().endsWith(
        "# <Added-by-NoRouter>\n127.0.42.1 hostA\n# </Added-by-NoRouter>\n"));
    QVERIFY(QFile::exists(dir.filePath("deep/agent/README.md")));
    // A file where the directory should be: a clear error, nothing written.
    QFile blocker(dir.filePath("file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!populateStateDir(dir.filePath("file/agent").toStdString(), {}, &error));
    QVERIFY2(error.find("file") != std::string::npos, error.c_str());
  }
};

QTEST_GUILESS_MAIN(TestStateDir)
#include "tst_statedir.moc"
