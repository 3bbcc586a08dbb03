// Sealed control lines: they open in order on the other end, and a forged, replayed,
// reordered, truncated, bit-flipped, cross-direction or cross-session line is refused with one
// line naming why, without moving the expected sequence number.
#include <QTest>

#include "nodepass/controlseal.h"
#include "nodepass/tunnelauth.h"

using namespace routeless::nodepass;

class TestControlSeal : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void roundTrip() {
    const QByteArray key = randomBytes(32);
    ControlLineSealer sealer(key, ControlDirection::ClientToServer);
    ControlLineOpener opener(key, ControlDirection::ClientToServer);
    const QList<QByteArray> lines{R"({"action":"ping"})",
                                  R"({"action":"tcp","remote":"127.0.0.1:5","id":"61700bb9"})",
                                  QByteArray()};
    for (const QByteArray &json : lines) {
      const QByteArray line = sealer.seal(json);
      QVERIFY(line.endsWith('\n'));
      QVERIFY(!line.chopped(1).contains('\n'));
      QVERIFY(!line.contains("ping"));  // sealed, not readable
      QString err;
      const auto opened = opener.open(line, &err);
      QVERIFY2(opened, qPrintable(err));
      QCOMPARE(*opened, json);
    }
    QCOMPARE(opener.expected(), quint64(3));
  }

  void sameTextSealsDifferently() {
    ControlLineSealer sealer(randomBytes(32), ControlDirection::ServerToClient);
    QVERIFY(sealer.seal("{}") != sealer.seal("{}"));
  }

  void replayedLine() {
    const QByteArray key = randomBytes(32);
    ControlLineSealer sealer(key, ControlDirection::ClientToServer);
    ControlLineOpener opener(key, ControlDirection::ClientToServer);
    const QByteArray first = sealer.seal(R"({"action":"tcp","id":"00000001"})");
    QString err;
    QVERIFY(opener.open(first, &err));
    QVERIFY(!opener.open(first, &err));
    QVERIFY2(err.contains(QStringLiteral("sequence number 0 where 1 was due")), qPrintable(err));
    // The stream carries on after a refusal.
    QVERIFY(opener.open(sealer.seal("{}"), &err));
  }

  void reorderedLines() {
    const QByteArray key = randomBytes(32);
    ControlLineSealer sealer(key, ControlDirection::ServerToClient);
    ControlLineOpener opener(key, ControlDirection::ServerToClient);
    const QByteArray a = sealer.seal("a");
    const QByteArray b = sealer.seal("b");
    QString err;
    QVERIFY(!opener.open(b, &err));
    QVERIFY(err.contains(QStringLiteral("replayed, reordered or injected")));
    QCOMPARE(opener.expected(), quint64(0));
    QVERIFY(opener.open(a, &err));
    QVERIFY(opener.open(b, &err));
  }

  void forgedAndTampered() {
    const QByteArray key = randomBytes(32);
    ControlLineSealer sealer(key, ControlDirection::ClientToServer);
    ControlLineOpener opener(key, ControlDirection::ClientToServer);
    QByteArray raw = QByteArray::fromBase64(sealer.seal(R"({"action":"flush"})").chopped(1));
    for (qsizetype i = 8; i < raw.size(); ++i) {
      QByteArray flipped = raw;
      flipped[i] = char(flipped[i] ^ 0x01);
      QString err;
      QVERIFY(!opener.open(flipped.toBase64(), &err));
      QVERIFY2(err.contains(QStringLiteral("authentication failed")), qPrintable(err));
    }
    QString err;
    QVERIFY(opener.open(raw.toBase64(), &err));  // the untouched line still opens
    // An attacker's own line for the next sequence number, made without the key.
    ControlLineSealer forger(randomBytes(32), ControlDirection::ClientToServer);
    (void)forger.seal("skip 0");
    QVERIFY(!opener.open(forger.seal(R"({"action":"tcp"})"), &err));
    QVERIFY(err.contains(QStringLiteral("authentication failed")));
    // NodePass's XOR+base64 line is not a sealed line.
    QVERIFY(!opener.open("EBEYCEcQBF1bUREJAl0eSU4=\n", &err));
  }

  void otherDirectionOrSession() {
    const QByteArray key = randomBytes(32);
    ControlLineSealer up(key, ControlDirection::ClientToServer);
    ControlLineOpener wrongWay(key, ControlDirection::ServerToClient);
    QString err;
    QVERIFY(!wrongWay.open(up.seal("{}"), &err));  // reflected back at its sender
    ControlLineOpener otherSession(randomBytes(32), ControlDirection::ClientToServer);
    ControlLineSealer up2(key, ControlDirection::ClientToServer);
    QVERIFY(!otherSession.open(up2.seal("{}"), &err));
  }

  void malformed_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray("\n") << "too short";
    QTest::newRow("not base64") << QByteArray("!!!\n") << "not base64";
    QTest::newRow("short") << QByteArray("AAAAAAAAAAAAAAAA\n") << "too short";
    QTest::newRow("huge") << QByteArray(100000, 'A') << "longer than";
  }
  void malformed() {
    QFETCH(QByteArray, line);
    QFETCH(QString, mentions);
    ControlLineOpener opener(randomBytes(32), ControlDirection::ClientToServer);
    QString err;
    QVERIFY(!opener.open(line, &err));
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(err.startsWith(QStringLiteral("sealed control line refused: ")));
    QCOMPARE(opener.expected(), quint64(0));
  }
};

QTEST_GUILESS_MAIN(TestControlSeal)
#include "tst_controlseal.moc"
