// Envelope codec: every row of the unmarshal table, exact 64-bit contextId and error codes, and
// the wire form.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "control/envelope.h"

using namespace routeless::control;

class TestEnvelope : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void unmarshalTable_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("severity");
    QTest::addColumn<bool>("hasContext");
    // Critical rows.
    QTest::newRow("not json") << QByteArray("{\"opcode\": ") << int(UnmarshalSeverity::Critical)
                              << false;
    QTest::newRow("garbage") << QByteArray("booga") << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("root array") << QByteArray("[1,2]") << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("root scalar") << QByteArray("42") << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("opcode missing")
        << QByteArray("{\"payload\": {}}") << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("opcode not string") << QByteArray("{\"opcode\": false, \"payload\": {}}")
                                       << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId negative")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": -1, \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId float")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 1.5, \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId exponent")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 1e3, \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId string")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": \"7\", \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId null")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": null, \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    QTest::newRow("contextId 2^64")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 18446744073709551616, \"payload\": {}}")
        << int(UnmarshalSeverity::Critical) << false;
    // NonCritical rows, with and without contextId.
    QTest::newRow("payload null ctx")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 3, \"payload\": null}")
        << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("payload array") << QByteArray("{\"opcode\": \"x\", \"payload\": []}")
                                   << int(UnmarshalSeverity::NonCritical) << false;
    QTest::newRow("payload number ctx")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 3, \"payload\": 1}")
        << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("error number") << QByteArray(
                                         "{\"opcode\": \"x\", \"contextId\": 3, \"error\": 1}")
                                  << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("error without code")
        << QByteArray("{\"opcode\": \"x\", \"contextId\": 3, \"error\": {\"message\": \"m\"}}")
        << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("error negative code")
        << QByteArray("{\"opcode\": \"x\", \"error\": {\"code\": -4, \"message\": \"m\"}}")
        << int(UnmarshalSeverity::NonCritical) << false;
    QTest::newRow("error message not string")
        << QByteArray(
               "{\"opcode\": \"x\", \"contextId\": 3, \"error\": {\"code\": 4, \"message\": 5}}")
        << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("neither payload nor error")
        << QByteArray("{\"opcode\": \"setup\", \"contextId\": 3333}")
        << int(UnmarshalSeverity::NonCritical) << true;
    QTest::newRow("neither, no context")
        << QByteArray("{\"opcode\": \"shutdown\"}") << int(UnmarshalSeverity::NonCritical) << false;
    // Well-formed rows.
    QTest::newRow("payload") << QByteArray("{\"opcode\": \"x\", \"contextId\": 0, \"payload\": {}}")
                             << int(UnmarshalSeverity::None) << true;
    QTest::newRow("broadcast")
        << QByteArray("{\"opcode\": \"x\", \"payload\": {\"a\": [1, {\"b\": \"}\"}]}}")
        << int(UnmarshalSeverity::None) << false;
    QTest::newRow("error") << QByteArray(
                                  "{\"opcode\": \"x\", \"contextId\": 9, \"error\": {\"code\": 1, "
                                  "\"message\": \"m\"}}")
                           << int(UnmarshalSeverity::None) << true;
    QTest::newRow("both: payload wins")
        << QByteArray(
               "{\"opcode\": \"x\", \"contextId\": 9, \"payload\": {\"k\": 1}, \"error\": 17}")
        << int(UnmarshalSeverity::None) << true;
  }
  void unmarshalTable() {
    QFETCH(QByteArray, text);
    QFETCH(int, severity);
    QFETCH(bool, hasContext);
    const UnmarshalResult r = unmarshal(text);
    QCOMPARE(int(r.severity), severity);
    QCOMPARE(r.envelope.contextId.has_value(), hasContext);
    if (r.severity != UnmarshalSeverity::None) QVERIFY2(!r.message.isEmpty(), "a refusal says why");
  }

  void payloadWinsOverError() {
    const UnmarshalResult r =
        unmarshal("{\"opcode\": \"x\", \"contextId\": 9, \"payload\": {\"k\": 1}, \"error\": 17}");
    QVERIFY(r.envelope.payload);
    QCOMPARE(r.envelope.payload->value(QStringLiteral("k")).toInt(), 1);
    QVERIFY(!r.envelope.error);
  }

  void missingFieldsMessage() {
    const UnmarshalResult r = unmarshal("{\"opcode\": \"setup\", \"contextId\": 3333}");
    QCOMPARE(r.message, QStringLiteral("Required field was missing: payload, error"));
    QCOMPARE(*r.envelope.contextId, quint64(3333));
    QCOMPARE(r.envelope.opcode, QStringLiteral("setup"));
  }

  void exact64BitValues_data() {
    QTest::addColumn<quint64>("value");
    QTest::newRow("zero") << quint64(0);
    QTest::newRow("2^53+1") << quint64((1ULL << 53) + 1);
    QTest::newRow("UNMARSHAL_ERROR") << errc::kUnmarshal;
    QTest::newRow("NODE_LAUNCH_ERROR") << errc::kNodeLaunch;
    QTest::newRow("accountant 0x0040..01") << quint64(0x0040000000000001ULL);
    QTest::newRow("max") << ~quint64(0);
  }
  void exact64BitValues() {
    QFETCH(quint64, value);
    Envelope e = Envelope::failure(Envelope::request(QStringLiteral("op"), value, {}), value,
                                   QStringLiteral("m"));
    const QByteArray wire = marshal(e);
    QVERIFY2(wire.contains(QByteArray::number(value)), wire.constData());
    const UnmarshalResult r = unmarshal(wire);
    QCOMPARE(int(r.severity), int(UnmarshalSeverity::None));
    QCOMPARE(*r.envelope.contextId, value);
    QVERIFY(r.envelope.error);
    QCOMPARE(r.envelope.error->code, value);
  }

  void neighbouringCodesStayDistinct() {
    // As doubles both become 9.223372036854776e18.
    const auto a = unmarshal(
        "{\"opcode\": \"x\", \"contextId\": 1, \"error\": {\"code\": 9223372036854775812, "
        "\"message\": \"a\"}}");
    const auto b = unmarshal(
        "{\"opcode\": \"x\", \"contextId\": 1, \"error\": {\"code\": 9223372036854775809, "
        "\"message\": \"b\"}}");
    QCOMPARE(a.envelope.error->code, errc::kUnmarshal);
    QCOMPARE(b.envelope.error->code, errc::kNodeLaunch);
    QVERIFY(a.envelope.error->code != b.envelope.error->code);
  }

  void wireForm() {
    QCOMPARE(marshal(Envelope::request(QStringLiteral("status"), 7, {})),
             QByteArray("{\"opcode\": \"status\", \"contextId\": 7, \"payload\": {}}"));
    QCOMPARE(marshal(Envelope::broadcast(QStringLiteral("traffic"), {{QStringLiteral("rx"), 1}})),
             QByteArray("{\"opcode\": \"traffic\", \"payload\": {\"rx\":1}}"));
    Envelope e = Envelope::failure(Envelope::request(QStringLiteral("x"), 1, {}), 5,
                                   QStringLiteral("a\"b\\c\nd\x01"));
    const QByteArray wire = marshal(e);
    QJsonParseError pe;
    QJsonDocument::fromJson(wire, &pe);
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(unmarshal(wire).envelope.error->message, QStringLiteral("a\"b\\c\nd\x01"));
  }

  void escapedKeysAreRecognised() {
    const auto r = unmarshal(
        "{\"opcode\": \"x\", \"context\\u0049d\": 18446744073709551615, \"payload\": {}}");
    QCOMPARE(int(r.severity), int(UnmarshalSeverity::None));
    QCOMPARE(*r.envelope.contextId, ~quint64(0));
  }

  void deepNestingIsRefusedNotFatal() {
    QByteArray deep = "{\"opcode\": \"x\", \"payload\": " + QByteArray(100000, '[') +
                      QByteArray(100000, ']') + "}";
    const auto r = unmarshal(deep);
    QVERIFY(r.severity != UnmarshalSeverity::None);
  }
};

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
