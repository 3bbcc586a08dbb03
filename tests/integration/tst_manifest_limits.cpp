// `routeless-node mesh FILE` against hostile manifests (issue 10): a 1 KB "billion laughs",
// a 1 KB merge-key bomb and 10,000 hosts are refused with FILE:LINE:COL and the reason,
// before any agent starts, within a generous time bound and with bounded memory (the largest
// child's peak RSS, from getrusage). The figures themselves are in bench/manifest.

#include <sys/resource.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Generous on purpose: machines running CI are shared; the refusals take milliseconds.
constexpr int kTimeBoundMs = 10000;
constexpr long kMemoryBoundKb = 256 * 1024;

QByteArray laughs() {
  QByteArray yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    yaml += QByteArray(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) yaml += QByteArray(i ? ", *" : "*") + char(c - 1);
    yaml += "]\n";
  }
  return yaml + "hosts: {h: {vip: 127.0.42.1, cmd: *j}}\n";
}

QByteArray mergeBomb() {
  QByteArray yaml = "l0: &l0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n";
  for (int level = 1; level <= 8; ++level) {
    const QByteArray prev = "*l" + QByteArray::number(level - 1);
    yaml += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " {<<: [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + prev;
    yaml += "]}\n";
  }
  return yaml + "hosts:\n  h:\n    <<: *l8\n    vip: 127.0.42.1\n";
}

QByteArray tenThousandHosts() {
  QByteArray yaml = "hosts:\n";
  for (int i = 0; i < 10000; ++i)
    yaml += "  h" + QByteArray::number(i) + ": {vip: 127.1." + QByteArray::number(i / 200) + "." +
            QByteArray::number(i % 200 + 1) + ", cmd: [\"false\"]}\n";
  return yaml;
}

}  // namespace

class TestManifestLimits : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void refusedQuickly_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("reason");
    QTest::newRow("billion laughs")
        << laughs() << QStringLiteral(":5:36: ")
        << QStringLiteral("expands the manifest past 100000 YAML nodes");
    QTest::newRow("merge bomb") << mergeBomb() << QStringLiteral(":5:")
                                << QStringLiteral("YAML nodes");
    QTest::newRow("10,000 hosts") << tenThousandHosts() << QStringLiteral(":1002:3: hosts: ")
                                  << QStringLiteral("10000 hosts; at most 1000 are accepted");
  }
  void refusedQuickly() {
    QFETCH(QByteArray, yaml);
    QFETCH(QString, place);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(yaml);
    f.close();

    QProcess node;
    QElapsedTimer timer;
    timer.start();
    node.start(QStringLiteral(ROUTELESS_NODE_BIN), {QStringLiteral("mesh"), path});
    QVERIFY2(node.waitForFinished(60000), "routeless-node mesh did not exit");
    const qint64 elapsed = timer.elapsed();
    const QString err = QString::fromUtf8(node.readAllStandardError());
    QCOMPARE(node.exitStatus(), QProcess::NormalExit);
    QCOMPARE(node.exitCode(), 1);
    QVERIFY2(err.contains(path + place), qPrintable(err));
    QVERIFY2(err.contains(reason), qPrintable(err));
    QVERIFY2(!err.contains(QStringLiteral("starting ")), "an agent was started");
    QVERIFY2(elapsed < kTimeBoundMs, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    rusage usage{};
    QCOMPARE(getrusage(RUSAGE_CHILDREN, &usage), 0);
    QVERIFY2(usage.ru_maxrss < kMemoryBoundKb,
             qPrintable(QStringLiteral("peak RSS %1 KB").arg(usage.ru_maxrss)));
  }
};

QTEST_GUILESS_MAIN(TestManifestLimits)
#include "tst_manifest_limits.moc"
