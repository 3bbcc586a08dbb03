// Tests core/agent/dns/etchosts.cpp on temporary files: the block is written with the
// system's lines kept, the backup is made once (never overwritten by a later start), a
// second write replaces the block instead of adding one, remove() takes it out again, and
// an unwritable file is an error, not a crash.
#include <QTemporaryDir>
#include <QtTest>

#include "agent/dns/etchosts.h"

using namespace routeless::agent;

namespace {

QByteArray readAll(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}
void writeAll(const QString &path, const QByteArray &data) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(data);
}

}  // namespace

class TestEtcHosts : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void writeReplaceRemoveBackupOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString hosts = dir.filePath("hosts");
    const QByteArray original = "127.0.0.1 localhost\n# a comment\n::1 ip6-localhost\n";
    writeAll(hosts, original);

    std::string error;
    {
      EtcHostsBlock block(hosts.toStdString());
      QVERIFY2(block.write({{"hostA", "127.0.42.101"}, {"b.example", "127.0.42.102"}}, &error),
               error.c_str());
      QCOMPARE(readAll(hosts), original +
                                   "# <Added-by-NoRouter>\n127.0.42.102 b.example\n"
                                   "127.0.42.101 hostA\n# </Added-by-NoRouter>\n");
      QCOMPARE(readAll(hosts + ".bak.norouter"), original);
      // Names changed (a reconfigure): the block is replaced, never doubled.
      QVERIFY(block.write({{"hostC", "127.0.42.103"}}, &error));
      QCOMPARE(readAll(hosts),
               original + "# <Added-by-NoRouter>\n127.0.42.103 hostC\n# </Added-by-NoRouter>\n");
      QVERIFY(block.remove(&error));
      QCOMPARE(readAll(hosts), original);
    }
    // A later start (the previous agent was killed, its block left behind): replaced, and the
    // backup keeps the very first file.
    writeAll(hosts, original + "# <Added-by-NoRouter>\n127.0.42.9 stale\n# </Added-by-NoRouter>\n");
    EtcHostsBlock next(hosts.toStdString());
    QVERIFY(next.write({{"hostA", "127.0.42.101"}}, &error));
    QCOMPARE(readAll(hosts),
             original + "# <Added-by-NoRouter>\n127.0.42.101 hostA\n# </Added-by-NoRouter>\n");
    QCOMPARE(readAll(hosts + ".bak.norouter"), original);
    QVERIFY(next.remove(&error));
    QCOMPARE(readAll(hosts), original);
    // remove() without a write touches nothing.
    EtcHostsBlock untouched(hosts.toStdString());
    writeAll(hosts, "x\n# <Added-by-NoRouter>\n# </Added-by-NoRouter>\n");
    QVERIFY(untouched.remove(&error));
    QCOMPARE(readAll(hosts), QByteArray("x\n# <Added-by-NoRouter>\n# </Added-by-NoRouter>\n"));
  }

  void withoutBlockKeepsOtherLines() {
    QCOMPARE(
        EtcHostsBlock::withoutBlock("a\n# <Added-by-NoRouter>\n1 x\n# </Added-by-NoRouter>\nb\n"),
        std::string("a\nb\n"));
    QCOMPARE(EtcHostsBlock::withoutBlock(""), std::string());
  }

  void missingFileIsAnErrorAndWritesNothing() {
    QTemporaryDir dir;
    const QString hosts = dir.filePath("nope/hosts");
    EtcHostsBlock block(hosts.toStdString());
    std::string error;
    QVERIFY(!block.write({{"a", "127.0.42.1"}}, &error));
    QVERIFY2(error.find("nope/hosts") != std::string::npos, error.c_str());
    QVERIFY(!block.isWritten());
    QVERIFY(!QFile::exists(hosts + ".bak.norouter"));
  }
};

QTEST_GUILESS_MAIN(TestEtcHosts)
#include "tst_etchosts.moc"
