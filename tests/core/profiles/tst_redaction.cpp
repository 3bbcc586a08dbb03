// Tests core/profiles/redaction.cpp: each password-like form found in real host commands is
// replaced by REDACTED (and said so), everything else, word count included, stays as it was.
#include <QtTest>

#include "profiles/redaction.h"

using namespace routeless::profiles;

class TestRedaction : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void table_data() {
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("removed");
    const QString R = QLatin1String(kRedacted);
    auto row = [](const char *name, const QStringList &in, const QStringList &out,
                  const QStringList &removed) { QTest::newRow(name) << in << out << removed; };
    const QString afterP = QStringLiteral("the password after sshpass -p");
    row("sshpass -p", {"sshpass", "-p", "hunter2", "ssh", "u@h", "--", "norouter"},
        {"sshpass", "-p", R, "ssh", "u@h", "--", "norouter"}, {afterP});
    row("sshpass -pX", {"/usr/bin/sshpass", "-phunter2", "ssh", "h"},
        {"/usr/bin/sshpass", "-p" + R, "ssh", "h"}, {afterP});
    row("sshpass other options first", {"sshpass", "-v", "-P", "assword", "-p", "x", "ssh", "h"},
        {"sshpass", "-v", "-P", "assword", "-p", R, "ssh", "h"}, {afterP});
    row("sshpass -f is a path", {"sshpass", "-f", "/run/pw", "ssh", "-p", "2222", "h"},
        {"sshpass", "-f", "/run/pw", "ssh", "-p", "2222", "h"}, {});
    row("ssh -p is a port", {"ssh", "-p", "2222", "h", "--", "norouter"},
        {"ssh", "-p", "2222", "h", "--", "norouter"}, {});
    row("--password X", {"tool", "--password", "hunter2", "run"}, {"tool", "--password", R, "run"},
        {"the value of --password"});
    row("--password=X", {"tool", "--password=hunter2"}, {"tool", "--password=" + R},
        {"the value of --password"});
    row("--password=X with spaces", {"tool", "--password=two words"}, {"tool", "--password=" + R},
        {"the value of --password"});
    row("--db-password X", {"tool", "--db-password", "x"}, {"tool", "--db-password", R},
        {"the value of --db-password"});
    row("--api-token=X", {"kubectl", "--token=abc", "exec"}, {"kubectl", "--token=" + R, "exec"},
        {"the value of --token"});
    row("--password-file is a path", {"tool", "--password-file", "/run/pw"},
        {"tool", "--password-file", "/run/pw"}, {});
    row("--password-stdin is a flag", {"docker", "login", "--password-stdin", "-u", "me"},
        {"docker", "login", "--password-stdin", "-u", "me"}, {});
    row("--no-password is a flag", {"psql", "--no-password", "db"}, {"psql", "--no-password", "db"},
        {});
    row("--password then an option", {"tool", "--password", "--verbose"},
        {"tool", "--password", "--verbose"}, {});
    row("PASS= word", {"env", "SSHPASS=hunter2", "sshpass", "-e", "ssh", "h"},
        {"env", "SSHPASS=" + R, "sshpass", "-e", "ssh", "h"}, {"the value of SSHPASS="});
    row("PASSWORD TOKEN SECRET KEY words",
        {"env", "PGPASSWORD=a", "GITHUB_TOKEN=b", "AWS_SECRET_ACCESS_KEY=c", "API_KEY=d",
         "MYSQL_PWD=e", "x"},
        {"env", "PGPASSWORD=" + R, "GITHUB_TOKEN=" + R, "AWS_SECRET_ACCESS_KEY=" + R,
         "API_KEY=" + R, "MYSQL_PWD=" + R, "x"},
        {"the value of PGPASSWORD=", "the value of GITHUB_TOKEN=",
         "the value of AWS_SECRET_ACCESS_KEY=", "the value of API_KEY=",
         "the value of MYSQL_PWD="});
    row("PWD and PATH are not secrets", {"env", "PWD=/x", "PATH=/bin", "HOME=/h", "x"},
        {"env", "PWD=/x", "PATH=/bin", "HOME=/h", "x"}, {});
    row("user:pass@ URL", {"curl", "https://me:hunter2@example.net/x", "-o", "f"},
        {"curl", "https://me:" + R + "@example.net/x", "-o", "f"},
        {"the password of a user:password@ URL"});
    row("user@ URL has no password", {"git", "clone", "ssh://git@example.net/r"},
        {"git", "clone", "ssh://git@example.net/r"}, {});
    row("two URLs in one word", {"x", "a://u:p@h b://v:q@i"},
        {"x", "a://u:" + R + "@h b://v:" + R + "@i"},
        {"the password of a user:password@ URL", "the password of a user:password@ URL"});
    row("shell string",
        {"sh", "-c", "SSHPASS=s3 sshpass -e ssh h && sshpass -p 'two words' ssh g -- norouter"},
        {"sh", "-c",
         "SSHPASS=" + R + " sshpass -e ssh h && sshpass -p " + R + " ssh g -- norouter"},
        {"the value of SSHPASS=", afterP});
    row("remote command with --password", {"ssh", "h", "--", "tool --password=x   --user me"},
        {"ssh", "h", "--", "tool --password=" + R + "   --user me"}, {"the value of --password"});
    row("quoted shell string", {"sh", "-c", "'PASS=x run'"}, {"sh", "-c", "'PASS=" + R + " run'"},
        {"the value of PASS="});
    row("nothing secret", {"docker", "exec", "-i", "box", "routeless-node"},
        {"docker", "exec", "-i", "box", "routeless-node"}, {});
    row("already redacted", {"sshpass", "-p", R, "ssh", "--password=" + R, "TOKEN=" + R},
        {"sshpass", "-p", R, "ssh", "--password=" + R, "TOKEN=" + R}, {});
    row("empty", {}, {}, {});
  }
  void table() {
    QFETCH(QStringList, argv);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, removed);
    QStringList what;
    const QStringList out = redactedCommand(argv, &what);
    QCOMPARE(out, expected);
    QCOMPARE(out.size(), argv.size());
    QCOMPARE(what, removed);
    QCOMPARE(redactedCommand(out), out);  // idempotent
  }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
