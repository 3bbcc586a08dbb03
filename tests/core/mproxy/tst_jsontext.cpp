// Tests core/mproxy/jsontext.cpp: JSON.parse / JSON.stringify / Number#toString as Node prints
// them (expected strings taken from Node's behaviour).
#include <QTest>

#include "mproxy/jsontext.h"

using namespace routeless::mproxy;

class TestJsonText : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void stringifyRoundTrip_data();
  void stringifyRoundTrip();
  void numbers_data();
  void numbers();
  void rejects();
  void joinAndFalsy();
};

void TestJsonText::stringifyRoundTrip_data() {
  QTest::addColumn<QString>("input");
  QTest::addColumn<QByteArray>("expected");
  QTest::newRow("order kept") << QStringLiteral("{\"message\":\"m\", \"code\":\"c\"}")
                              << QByteArray("{\"message\":\"m\",\"code\":\"c\"}");
  QTest::newRow("index keys first") << QStringLiteral("{\"b\":1,\"2\":2,\"a\":3,\"10\":4,\"01\":5}")
                                    << QByteArray("{\"2\":2,\"10\":4,\"b\":1,\"a\":3,\"01\":5}");
  QTest::newRow("repeated key keeps first place")
      << QStringLiteral("{\"a\":1,\"b\":2,\"a\":3}") << QByteArray("{\"a\":3,\"b\":2}");
  QTest::newRow("control hello") << QStringLiteral("[1, \"hello\", 254, [\"add_token\"]]")
                                 << QByteArray("[1,\"hello\",254,[\"add_token\"]]");
  QTest::newRow("escapes") << QStringLiteral("\"a\\u0001\\n\\/\\\"\\\\\\u00fc\\ud83d\\ude80\"")
                           << QByteArray("\"a\\u0001\\n/\\\"\\\\\xc3\xbc\xf0\x9f\x9a\x80\"");
  QTest::newRow("lone surrogate") << QStringLiteral("\"\\ud800x\"") << QByteArray("\"\\ud800x\"");
  QTest::newRow("literals") << QStringLiteral(" [true,false,null,{}] ")
                            << QByteArray("[true,false,null,{}]");
  QTest::newRow("numbers") << QStringLiteral("[1.0,-0,1e3,0.1,1E-7,123456789012345678901234]")
                           << QByteArray("[1,0,1000,0.1,1e-7,1.2345678901234569e+23]");
}

void TestJsonText::stringifyRoundTrip() {
  QFETCH(QString, input);
  QFETCH(QByteArray, expected);
  JsValue v;
  QString error;
  QVERIFY2(parseJson(input, &v, &error), qPrintable(error));
  QCOMPARE(stringify(v), expected);
}

void TestJsonText::numbers_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("expected");
  QTest::newRow("int") << 4321.0 << "4321";
  QTest::newRow("neg") << -5.0 << "-5";
  QTest::newRow("frac") << 2.5 << "2.5";
  QTest::newRow("small") << 0.000001 << "0.000001";
  QTest::newRow("smaller") << 0.0000001 << "1e-7";
  QTest::newRow("big") << 1e21 << "1e+21";
  QTest::newRow("below 1e21") << 123456789012345680000.0 << "123456789012345680000";
  QTest::newRow("third") << 1.0 / 3 << "0.3333333333333333";
  QTest::newRow("2^53") << 9007199254740992.0 << "9007199254740992";
  QTest::newRow("exp frac") << 1.5e-10 << "1.5e-10";
}

void TestJsonText::numbers() {
  QFETCH(double, value);
  QFETCH(QString, expected);
  QCOMPARE(jsNumberToString(value), expected);
}

void TestJsonText::rejects() {
  JsValue v;
  for (const char *bad : {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\x01\"", "tru",
                          "\"\\x\"", "[1] x", "{'a':1}", "\"\\u12\""})
    QVERIFY2(!parseJson(QString::fromLatin1(bad), &v), bad);
  QString deep = QString(600, QLatin1Char('[')) + QString(600, QLatin1Char(']'));
  QVERIFY(!parseJson(deep, &v));
}

void TestJsonText::joinAndFalsy() {
  JsValue v;
  QVERIFY(parseJson(u"[null, 0, \"\", false, 443, \"x\", [1,[2,3]], {}]", &v));
  QCOMPARE(jsJoinString(v.items[0]), QString());
  QVERIFY(v.items[0].isFalsy() && v.items[1].isFalsy() && v.items[2].isFalsy() &&
          v.items[3].isFalsy());
  QVERIFY(!v.items[4].isFalsy());
  QCOMPARE(jsJoinString(v.items[1]), QStringLiteral("0"));
  QCOMPARE(jsJoinString(v.items[4]), QStringLiteral("443"));
  QCOMPARE(jsJoinString(v.items[6]), QStringLiteral("1,2,3"));
  QCOMPARE(jsJoinString(v.items[7]), QStringLiteral("[object Object]"));
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
