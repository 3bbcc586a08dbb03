// Tests core/stdio/messages.cpp: the captured JSON frames decode to what they say and
// encode back byte for byte; decoding is as lenient as Go's encoding/json and refuses what
// Go refuses; goJsonQuote escapes as Go's encoder does.

#include <QtTest>

#include "core/stdio/vectorfiles.h"
#include "stdio/framecodec.h"
#include "stdio/messages.h"

using namespace routeless;
using namespace routeless::stdio;

namespace {

QList<QByteArray> jsonPayloads(const QByteArray &stream) {
  QList<QByteArray> out;
  FrameDecoder d;
  d.feed(stream, [&](const FrameDecoder::Frame &f) {
    if (f.type == quint16(FrameType::Json)) out.append(f.payload.toByteArray());
  });
  return out;
}

QByteArray payloadOfHexFrame(const QString &name) {
  return testvectors::fromHexText(testvectors::readFile(name)).mid(kFrameHeaderSize);
}

template <typename T>
T decodeAs(const QByteArray &json) {
  QString error;
  const auto msg = decodeMessage(json, &error);
  if (!msg) {
    qWarning("decode failed: %s", qPrintable(error));
    return T();
  }
  if (!std::holds_alternative<T>(*msg)) {
    qWarning("decoded to another message kind (index %d)", int(msg->index()));
    return T();
  }
  return std::get<T>(*msg);
}

QString decodeError(const QByteArray &json) {
  QString error;
  const auto msg = decodeMessage(json, &error);
  return msg ? QString() : error;
}

QByteArray wrapArgs(const QByteArray &args) {
  return "{\"type\":\"request\",\"body\":{\"id\":5,\"op\":\"configure\",\"args\":" + args + "}}";
}

}  // namespace

class TestMessages : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void capturedConfigureRequestA() {
    const QByteArray json =
        payloadOfHexFrame(QStringLiteral("01_manager-to-A_configure-request.hex"));
    QVERIFY(!json.isEmpty());
    const auto req = decodeAs<ConfigureRequest>(json);
    QCOMPARE(req.id, qint64(1));
    const ConfigureArgs &a = req.args;
    QCOMPARE(a.me, QStringLiteral("127.0.42.101"));
    QVERIFY(a.forwards.isEmpty());
    QCOMPARE(a.others,
             (QList<IpPortProto>{{QStringLiteral("127.0.42.102"), 8080, QStringLiteral("tcp")}}));
    QCOMPARE(a.hostnameMap.size(), 3);
    QCOMPARE(a.hostnameMap.value(QStringLiteral("hostA")), QStringLiteral("127.0.42.101"));
    QCOMPARE(a.httpListen, QStringLiteral("127.0.0.1:18090"));
    QCOMPARE(a.socksListen, QStringLiteral("127.0.0.1:18091"));
    QVERIFY(!a.loopbackDisable);
    QCOMPARE(a.stateDirPath, QStringLiteral("/home/someone/.norouter/agent-data"));
    QVERIFY(!a.stateDirDisable);
    QVERIFY(!a.writeEtcHosts);
    QCOMPARE(a.routes.size(), 1);
    QCOMPARE(a.routes[0].toCidr, QStringList{QStringLiteral("127.0.0.1/32")});
    QCOMPARE(a.routes[0].toHostnameGlob, QStringList{QStringLiteral("*.viab.test")});
    QCOMPARE(a.routes[0].via, QStringLiteral("127.0.42.102"));
    QCOMPARE(a.nameServers.size(), 2);
    QCOMPARE(a.nameServers[1],
             (IpPortProto{QStringLiteral("127.0.42.102"), 10053, QStringLiteral("tcp")}));
    QCOMPARE(encodeConfigureRequest(req.id, a), json);
  }

  void capturedConfigureRequestB() {
    const QList<QByteArray> json = jsonPayloads(testvectors::readFile(QStringLiteral("m2a-B.bin")));
    QCOMPARE(json.size(), 1);
    const auto req = decodeAs<ConfigureRequest>(json[0]);
    QCOMPARE(req.id, qint64(2));
    QCOMPARE(req.args.forwards.size(), 1);
    QCOMPARE(req.args.forwards[0],
             (Forward{8080, QStringLiteral("127.0.0.1"), 18765, QStringLiteral("tcp")}));
    QVERIFY(req.args.others.isEmpty());
    QVERIFY(req.args.loopbackDisable);
    QVERIFY(req.args.httpListen.isEmpty());
    QCOMPARE(encodeConfigureRequest(req.id, req.args), json[0]);
  }

  void capturedConfigureResult() {
    const QByteArray json =
        payloadOfHexFrame(QStringLiteral("02_A-to-manager_configure-result.hex"));
    const auto r = decodeAs<ConfigureResult>(json);
    QCOMPARE(r.requestId, qint64(1));
    QCOMPARE(r.version, QStringLiteral("0.6.5+dev"));
    QCOMPARE(r.features, QStringList({"loopback", "tcp", "http", "loopback.disable", "socks",
                                      "hostaliases", "etchosts", "routes", "dns"}));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(encodeConfigureResult(r), json);
  }

  void capturedRouteSuggestion() {
    const QByteArray json =
        payloadOfHexFrame(QStringLiteral("07_A-to-manager_routeSuggestion-event.hex"));
    const auto e = decodeAs<RouteSuggestion>(json);
    QCOMPARE(e.ips, QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(e.route, QStringLiteral("127.0.42.102"));
    QCOMPARE(encodeRouteSuggestion(e), json);
  }

  // Every JSON frame of every capture decodes and re-encodes to the same bytes.
  void everyCapturedJsonFrame_data() {
    QTest::addColumn<QString>("stream");
    for (const char *s : {"a2m-A", "a2m-B", "m2a-A", "m2a-B"})
      QTest::newRow(s) << QString::fromLatin1(s);
  }
  void everyCapturedJsonFrame() {
    QFETCH(QString, stream);
    const QList<QByteArray> frames =
        jsonPayloads(testvectors::readFile(stream + QStringLiteral(".bin")));
    QVERIFY(!frames.isEmpty());
    for (const QByteArray &json : frames) {
      QString error;
      const auto msg = decodeMessage(json, &error);
      QVERIFY2(msg.has_value(), qPrintable(error));
      QByteArray again;
      if (const auto *req = std::get_if<ConfigureRequest>(&*msg))
        again = encodeConfigureRequest(req->id, req->args);
      else if (const auto *res = std::get_if<ConfigureResult>(&*msg))
        again = encodeConfigureResult(*res);
      else if (const auto *ev = std::get_if<RouteSuggestion>(&*msg))
        again = encodeRouteSuggestion(*ev);
      QCOMPARE(again, json);
    }
  }

  void goOmitEmpty() {
    // A zero ConfigureRequestArgs as Go marshals it: structs always, omitempty fields gone.
    QCOMPARE(
        encodeConfigureRequest(0, ConfigureArgs()),
        QByteArray("{\"type\":\"request\",\"body\":{\"id\":0,\"op\":\"configure\",\"args\":"
                   "{\"me\":\"\",\"http\":{},\"socks\":{},\"loopback\":{},\"stateDir\":{}}}}"));
    QCOMPARE(encodeConfigureResult(ConfigureResult{3, {}, {}, {}}),
             QByteArray("{\"type\":\"result\",\"body\":{\"request_id\":3,\"op\":\"configure\","
                        "\"data\":{}}}"));
    QCOMPARE(
        encodeConfigureResult(ConfigureResult{
            3, {QStringLiteral("tcp")}, QStringLiteral("0.6.5"), QStringLiteral("bind failed")}),
        QByteArray("{\"type\":\"result\",\"body\":{\"request_id\":3,\"op\":\"configure\","
                   "\"error\":\"bind failed\",\"data\":{\"features\":[\"tcp\"],"
                   "\"version\":\"0.6.5\"}}}"));
    QCOMPARE(
        encodeRouteSuggestion(RouteSuggestion()),
        QByteArray("{\"type\":\"event\",\"body\":{\"type\":\"routeSuggestion\",\"data\":{}}}"));
    // Route lists have no omitempty: an empty one is null.
    ConfigureArgs a;
    a.routes.append(Route{{}, {QStringLiteral("*")}, QStringLiteral("10.0.0.1")});
    QVERIFY(encodeConfigureRequest(1, a).contains(
        "\"routes\":[{\"toCIDR\":null,\"toHostnameGlob\":[\"*\"],\"via\":\"10.0.0.1\"}]"));
  }

  void lenientDecoding() {
    // Nulls for every list, keys in reverse order, unknown keys at every level, the docs'
    // lower-case `statedir`, other spellings matched case-insensitively.
    const QByteArray json = wrapArgs(
        "{\"future\":{\"x\":[1,2]},\"nameServers\":null,\"routes\":[{\"via\":\"10.0.0.9\","
        "\"toHostnameGlob\":null,\"toCIDR\":null,\"extra\":1}],\"statedir\":{\"PATH\":\"/s\","
        "\"disable\":true},\"loopback\":{},\"Socks\":null,\"http\":{\"listen\":null},"
        "\"hostnamemap\":{\"a\":\"127.0.0.1\"},\"others\":null,\"forwards\":[{\"proto\":\"tcp\","
        "\"Connect_Port\":80,\"connect_ip\":\"db\",\"LISTEN_PORT\":8080,\"x\":null}],"
        "\"ME\":\"127.0.42.9\"}");
    const auto req = decodeAs<ConfigureRequest>(json);
    QCOMPARE(req.id, qint64(5));
    const ConfigureArgs &a = req.args;
    QCOMPARE(a.me, QStringLiteral("127.0.42.9"));
    QCOMPARE(a.forwards, (QList<Forward>{{8080, QStringLiteral("db"), 80, QStringLiteral("tcp")}}));
    QVERIFY(a.others.isEmpty());
    QVERIFY(a.nameServers.isEmpty());
    QCOMPARE(a.hostnameMap.value(QStringLiteral("a")), QStringLiteral("127.0.0.1"));
    QCOMPARE(a.stateDirPath, QStringLiteral("/s"));
    QVERIFY(a.stateDirDisable);
    QCOMPARE(a.routes.size(), 1);
    QVERIFY(a.routes[0].toCidr.isEmpty());
    QCOMPARE(a.routes[0].via, QStringLiteral("10.0.0.9"));

    // Absent args, absent data: empty but valid.
    QVERIFY(
        decodeError("{\"type\":\"request\",\"body\":{\"id\":1,\"op\":\"configure\"}}").isEmpty());
    QVERIFY(decodeError("{\"type\":\"result\",\"body\":{\"request_id\":1}}").isEmpty());
    QVERIFY(decodeError("{\"TYPE\":\"event\",\"Body\":{\"type\":\"routeSuggestion\"}}").isEmpty());
    // A result carrying an error object.
    const auto r = decodeAs<ConfigureResult>(
        "{\"type\":\"result\",\"body\":{\"request_id\":2,\"error\":{\"msg\":\"x\"},\"data\":null}"
        "}");
    QCOMPARE(r.requestId, qint64(2));
    QVERIFY(r.error.contains(QStringLiteral("msg")));
  }

  void otherMessages() {
    const auto op =
        decodeAs<OtherMessage>("{\"type\":\"request\",\"body\":{\"id\":1,\"op\":\"ping\"}}");
    QCOMPARE(op.kind, QStringLiteral("request"));
    QCOMPARE(op.op, QStringLiteral("ping"));
    const auto ev =
        decodeAs<OtherMessage>("{\"type\":\"event\",\"body\":{\"type\":\"later\",\"data\":[]}}");
    QCOMPARE(ev.kind, QStringLiteral("event"));
    QCOMPARE(ev.op, QStringLiteral("later"));
  }

  void invalidMessages_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << QByteArray("{\"type\":") << QStringLiteral("offset");
    QTest::newRow("garbage") << QByteArray("\x01\x02") << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not an object");
    QTest::newRow("no body") << QByteArray("{\"type\":\"event\"}") << QStringLiteral("body");
    QTest::newRow("body not object")
        << QByteArray("{\"type\":\"event\",\"body\":[]}") << QStringLiteral("body");
    QTest::newRow("unknown type") << QByteArray("{\"type\":\"response\",\"body\":{}}")
                                  << QStringLiteral("response");
    QTest::newRow("type not string")
        << QByteArray("{\"type\":7,\"body\":{}}") << QStringLiteral("unknown type");
    QTest::newRow("id string")
        << QByteArray("{\"type\":\"request\",\"body\":{\"id\":\"1\",\"op\":\"configure\"}}")
        << QStringLiteral("id");
    QTest::newRow("id huge")
        << QByteArray("{\"type\":\"request\",\"body\":{\"id\":1e300,\"op\":\"configure\"}}")
        << QStringLiteral("id");
    QTest::newRow("id fraction")
        << QByteArray("{\"type\":\"request\",\"body\":{\"id\":1.5,\"op\":\"configure\"}}")
        << QStringLiteral("id");
    QTest::newRow("request_id huge")
        << QByteArray("{\"type\":\"result\",\"body\":{\"request_id\":-1e30}}")
        << QStringLiteral("request_id");
    QTest::newRow("me number") << wrapArgs("{\"me\":127}") << QStringLiteral("me");
    QTest::newRow("forwards object") << wrapArgs("{\"forwards\":{}}") << QStringLiteral("forwards");
    QTest::newRow("forward not object")
        << wrapArgs("{\"forwards\":[1]}") << QStringLiteral("forwards");
    QTest::newRow("listen_port string")
        << wrapArgs("{\"forwards\":[{\"listen_port\":\"80\"}]}") << QStringLiteral("listen_port");
    QTest::newRow("port too big") << wrapArgs("{\"others\":[{\"port\":70000}]}")
                                  << QStringLiteral("others");
    QTest::newRow("port negative")
        << wrapArgs("{\"nameServers\":[{\"port\":-1}]}") << QStringLiteral("nameServers");
    QTest::newRow("port fraction")
        << wrapArgs("{\"forwards\":[{\"connect_port\":1.5}]}") << QStringLiteral("connect_port");
    QTest::newRow("hostnameMap value")
        << wrapArgs("{\"hostnameMap\":{\"a\":1}}") << QStringLiteral("hostnameMap");
    QTest::newRow("hostnameMap list")
        << wrapArgs("{\"hostnameMap\":[]}") << QStringLiteral("hostnameMap");
    QTest::newRow("disable string")
        << wrapArgs("{\"loopback\":{\"disable\":\"yes\"}}") << QStringLiteral("loopback.disable");
    QTest::newRow("writeEtcHosts number")
        << wrapArgs("{\"writeEtcHosts\":1}") << QStringLiteral("writeEtcHosts");
    QTest::newRow("toCIDR string")
        << wrapArgs("{\"routes\":[{\"toCIDR\":\"10.0.0.0/8\"}]}") << QStringLiteral("toCIDR");
    QTest::newRow("toCIDR numbers")
        << wrapArgs("{\"routes\":[{\"toCIDR\":[10]}]}") << QStringLiteral("toCIDR");
    QTest::newRow("features string")
        << QByteArray("{\"type\":\"result\",\"body\":{\"data\":{\"features\":\"tcp\"}}}")
        << QStringLiteral("features");
    QTest::newRow("version number")
        << QByteArray("{\"type\":\"result\",\"body\":{\"data\":{\"version\":6}}}")
        << QStringLiteral("version");
    QTest::newRow("ip not list")
        << QByteArray(
               "{\"type\":\"event\",\"body\":{\"type\":\"routeSuggestion\","
               "\"data\":{\"ip\":\"1.2.3.4\"}}}")
        << QStringLiteral("ip");
  }
  void invalidMessages() {
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const QString error = decodeError(json);
    QVERIFY2(!error.isEmpty(), "decoded although invalid");
    QVERIFY2(error.contains(mentions), qPrintable(error));
  }

  void goJsonQuoting_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");  // what Go 1.20's json.Marshal gives
    QTest::newRow("plain") << QStringLiteral("127.0.42.101") << QByteArray("\"127.0.42.101\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
    QTest::newRow("quote backslash") << QStringLiteral("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("short escapes") << QStringLiteral("\n\r\t") << QByteArray("\"\\n\\r\\t\"");
    // Go before 1.22 has no \b or \f short forms (NoRouter needs Go < 1.21).
    QTest::newRow("b f") << QStringLiteral("\b\f") << QByteArray("\"\\u0008\\u000c\"");
    QTest::newRow("controls") << QString(QChar(1)) + QChar(0x1f)
                              << QByteArray("\"\\u0001\\u001f\"");
    QTest::newRow("nul") << QString(QChar(0)) << QByteArray("\"\\u0000\"");
    QTest::newRow("html") << QStringLiteral("<a&b>") << QByteArray("\"\\u003ca\\u0026b\\u003e\"");
    QTest::newRow("del raw") << QString(QChar(0x7f)) << QByteArray("\"\x7f\"");
    QTest::newRow("line separators")
        << QString(QChar(0x2028)) + QChar(0x2029) << QByteArray("\"\\u2028\\u2029\"");
    QTest::newRow("latin") << QStringLiteral("h\u00e9") << QByteArray("\"h\xc3\xa9\"");
    QTest::newRow("astral") << QString::fromUtf8("\xf0\x9f\x98\x80")
                            << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("near separators")
        << QString(QChar(0x2027)) + QChar(0x202a) << QByteArray("\"\xe2\x80\xa7\xe2\x80\xaa\"");
  }
  void goJsonQuoting() {
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(goJsonQuote(input), expected);
    // Whatever Go escapes, a JSON parser reads back as the same string.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + expected + "]");
    QCOMPARE(doc.array().at(0).toString(), input);
  }

  void escapedValuesRoundTrip() {
    ConfigureArgs a;
    a.me = QStringLiteral("127.0.42.1");
    a.hostnameMap.insert(QStringLiteral("<x>&\"y\""), QStringLiteral("127.0.42.1"));
    a.forwards.append(Forward{80, QStringLiteral("h\u00e9\n"), 81, QStringLiteral("tcp")});
    a.stateDirPath = QStringLiteral("C:\\state\\dir");
    const QByteArray json = encodeConfigureRequest(9, a);
    QVERIFY(json.contains("\\u003cx\\u003e\\u0026\\\"y\\\""));
    const auto req = decodeAs<ConfigureRequest>(json);
    QVERIFY(req.args == a);
  }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
