// Tests core/agent/wire/messages.cpp: the captured JSON frames decode to what they say and
// encode back byte for byte; decoding is as lenient as Go's encoding/json and refuses what
// Go refuses; goJsonQuote escapes as Go's encoder does.

#include <QtTest>

#include "agent/wire/frame.h"
#include "agent/wire/gojson.h"
#include "agent/wire/messages.h"
#include "core/agent/agenttestkit.h"
#include "core/agent/vectorfiles.h"

using namespace routeless;
using namespace routeless::agent;
using routeless::agenttest::bytes;
using routeless::agenttest::view;
using Strings = std::vector<std::string>;

namespace {

QList<std::string> jsonPayloads(const QByteArray &stream) {
  QList<std::string> out;
  FrameDecoder d;
  d.feed(view(stream), [&](const FrameDecoder::Frame &f) {
    if (f.type == uint16_t(FrameType::Json)) out.append(std::string(f.payload));
  });
  return out;
}

std::string payloadOfHexFrame(const QString &name) {
  return testvectors::fromHexText(testvectors::readFile(name)).mid(kFrameHeaderSize).toStdString();
}

template <typename T>
T decodeAs(const std::string &json) {
  std::string error;
  const auto msg = decodeMessage(json, &error);
  if (!msg) {
    qWarning("decode failed: %s", error.c_str());
    return T();
  }
  if (!std::holds_alternative<T>(*msg)) {
    qWarning("decoded to another message kind (index %d)", int(msg->index()));
    return T();
  }
  return std::get<T>(*msg);
}

std::string decodeError(const std::string &json) {
  std::string error;
  const auto msg = decodeMessage(json, &error);
  return msg ? std::string() : error;
}

std::string wrapArgs(const std::string &args) {
  return "{\"type\":\"request\",\"body\":{\"id\":5,\"op\":\"configure\",\"args\":" + args + "}}";
}

QByteArray argsRow(const char *args) { return QByteArray::fromStdString(wrapArgs(args)); }

bool contains(const std::string &haystack, const std::string &needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

class TestMessages : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void capturedConfigureRequestA() {
    const std::string json =
        payloadOfHexFrame(QStringLiteral("01_manager-to-A_configure-request.hex"));
    QVERIFY(!json.empty());
    const auto req = decodeAs<ConfigureRequest>(json);
    QCOMPARE(req.id, int64_t(1));
    const ConfigureArgs &a = req.args;
    QCOMPARE(a.me, "127.0.42.101");
    QVERIFY(a.forwards.empty());
    QVERIFY(a.others == (std::vector<IpPortProto>{{"127.0.42.102", 8080, "tcp"}}));
    QCOMPARE(a.hostnameMap.size(), size_t(3));
    QCOMPARE(a.hostnameMap.at("hostA"), "127.0.42.101");
    QCOMPARE(a.httpListen, "127.0.0.1:18090");
    QCOMPARE(a.socksListen, "127.0.0.1:18091");
    QVERIFY(!a.loopbackDisable);
    QCOMPARE(a.stateDirPath, "/home/someone/.norouter/agent-data");
    QVERIFY(!a.stateDirDisable);
    QVERIFY(!a.writeEtcHosts);
    QCOMPARE(a.routes.size(), size_t(1));
    QVERIFY(a.routes[0].toCidr == Strings{"127.0.0.1/32"});
    QVERIFY(a.routes[0].toHostnameGlob == Strings{"*.viab.test"});
    QCOMPARE(a.routes[0].via, "127.0.42.102");
    QCOMPARE(a.nameServers.size(), size_t(2));
    QVERIFY(a.nameServers[1] == (IpPortProto{"127.0.42.102", 10053, "tcp"}));
    QCOMPARE(encodeConfigureRequest(req.id, a), json);
  }

  void capturedConfigureRequestB() {
    const QList<std::string> json =
        jsonPayloads(testvectors::readFile(QStringLiteral("m2a-B.bin")));
    QCOMPARE(json.size(), 1);
    const auto req = decodeAs<ConfigureRequest>(json[0]);
    QCOMPARE(req.id, int64_t(2));
    QCOMPARE(req.args.forwards.size(), size_t(1));
    QVERIFY(req.args.forwards[0] == (Forward{8080, "127.0.0.1", 18765, "tcp"}));
    QVERIFY(req.args.others.empty());
    QVERIFY(req.args.loopbackDisable);
    QVERIFY(req.args.httpListen.empty());
    QCOMPARE(encodeConfigureRequest(req.id, req.args), json[0]);
  }

  void capturedConfigureResult() {
    const std::string json =
        payloadOfHexFrame(QStringLiteral("02_A-to-manager_configure-result.hex"));
    const auto r = decodeAs<ConfigureResult>(json);
    QCOMPARE(r.requestId, int64_t(1));
    QCOMPARE(r.version, "0.6.5+dev");
    QVERIFY(r.features == Strings({"loopback", "tcp", "http", "loopback.disable", "socks",
                                   "hostaliases", "etchosts", "routes", "dns"}));
    QVERIFY(r.error.empty());
    QCOMPARE(encodeConfigureResult(r), json);
  }

  void capturedRouteSuggestion() {
    const std::string json =
        payloadOfHexFrame(QStringLiteral("07_A-to-manager_routeSuggestion-event.hex"));
    const auto e = decodeAs<RouteSuggestion>(json);
    QVERIFY(e.ips == Strings{"127.0.0.1"});
    QCOMPARE(e.route, "127.0.42.102");
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
    const QList<std::string> frames =
        jsonPayloads(testvectors::readFile(stream + QStringLiteral(".bin")));
    QVERIFY(!frames.isEmpty());
    for (const std::string &json : frames) {
      std::string error;
      const auto msg = decodeMessage(json, &error);
      QVERIFY2(msg.has_value(), error.c_str());
      std::string again;
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
        std::string("{\"type\":\"request\",\"body\":{\"id\":0,\"op\":\"configure\",\"args\":"
                    "{\"me\":\"\",\"http\":{},\"socks\":{},\"loopback\":{},\"stateDir\":{}}}}"));
    QCOMPARE(encodeConfigureResult(ConfigureResult{3, {}, {}, {}}),
             std::string("{\"type\":\"result\",\"body\":{\"request_id\":3,\"op\":\"configure\","
                         "\"data\":{}}}"));
    QCOMPARE(encodeConfigureResult(ConfigureResult{3, {"tcp"}, "0.6.5", "bind failed"}),
             std::string("{\"type\":\"result\",\"body\":{\"request_id\":3,\"op\":\"configure\","
                         "\"error\":\"bind failed\",\"data\":{\"features\":[\"tcp\"],"
                         "\"version\":\"0.6.5\"}}}"));
    QCOMPARE(
        encodeRouteSuggestion(RouteSuggestion()),
        std::string("{\"type\":\"event\",\"body\":{\"type\":\"routeSuggestion\",\"data\":{}}}"));
    // Route lists have no omitempty: an empty one is null.
    ConfigureArgs a;
    a.routes.push_back(Route{{}, {"*"}, "10.0.0.1"});
    QVERIFY(
        contains(encodeConfigureRequest(1, a),
                 "\"routes\":[{\"toCIDR\":null,\"toHostnameGlob\":[\"*\"],\"via\":\"10.0.0.1\"}]"));
  }

  // Our `allowRemote` inside http/socks: emitted only when true, read back, and absent from
  // NoRouter's own requests (decoded false).
  void allowRemoteExtension() {
    ConfigureArgs a;
    a.me = "127.0.42.1";
    a.socksListen = "0.0.0.0:1080";
    a.socksAllowRemote = true;
    a.httpListen = "127.0.0.1:8080";
    const std::string json = encodeConfigureRequest(1, a);
    QVERIFY(json.find(R"("socks":{"listen":"0.0.0.0:1080","allowRemote":true})") !=
            std::string::npos);
    QVERIFY(json.find(R"("http":{"listen":"127.0.0.1:8080"})") != std::string::npos);
    std::string error;
    const auto msg = decodeMessage(json, &error);
    QVERIFY2(msg, error.c_str());
    const auto *req = std::get_if<ConfigureRequest>(&*msg);
    QVERIFY(req);
    QVERIFY(req->args.socksAllowRemote);
    QVERIFY(!req->args.httpAllowRemote);
    QVERIFY(req->args == a);
  }

  void lenientDecoding() {
    // Nulls for every list, keys in reverse order, unknown keys at every level, the docs'
    // lower-case `statedir`, other spellings matched case-insensitively.
    const std::string json = wrapArgs(
        "{\"future\":{\"x\":[1,2]},\"nameServers\":null,\"routes\":[{\"via\":\"10.0.0.9\","
        "\"toHostnameGlob\":null,\"toCIDR\":null,\"extra\":1}],\"statedir\":{\"PATH\":\"/s\","
        "\"disable\":true},\"loopback\":{},\"Socks\":null,\"http\":{\"listen\":null},"
        "\"hostnamemap\":{\"a\":\"127.0.0.1\"},\"others\":null,\"forwards\":[{\"proto\":\"tcp\","
        "\"Connect_Port\":80,\"connect_ip\":\"db\",\"LISTEN_PORT\":8080,\"x\":null}],"
        "\"ME\":\"127.0.42.9\"}");
    const auto req = decodeAs<ConfigureRequest>(json);
    QCOMPARE(req.id, int64_t(5));
    const ConfigureArgs &a = req.args;
    QCOMPARE(a.me, "127.0.42.9");
    QVERIFY(a.forwards == (std::vector<Forward>{{8080, "db", 80, "tcp"}}));
    QVERIFY(a.others.empty());
    QVERIFY(a.nameServers.empty());
    QCOMPARE(a.hostnameMap.at("a"), "127.0.0.1");
    QCOMPARE(a.stateDirPath, "/s");
    QVERIFY(a.stateDirDisable);
    QCOMPARE(a.routes.size(), size_t(1));
    QVERIFY(a.routes[0].toCidr.empty());
    QCOMPARE(a.routes[0].via, "10.0.0.9");
    // An exact spelling wins over a case-insensitive one, whatever the order.
    QCOMPARE(
        decodeAs<ConfigureRequest>(wrapArgs("{\"ME\":\"1.1.1.1\",\"me\":\"2.2.2.2\"}")).args.me,
        "2.2.2.2");

    // Absent args, absent data: empty but valid.
    QVERIFY(decodeError("{\"type\":\"request\",\"body\":{\"id\":1,\"op\":\"configure\"}}").empty());
    QVERIFY(decodeError("{\"type\":\"result\",\"body\":{\"request_id\":1}}").empty());
    QVERIFY(decodeError("{\"TYPE\":\"event\",\"Body\":{\"type\":\"routeSuggestion\"}}").empty());
    // A result carrying an error object.
    const auto r = decodeAs<ConfigureResult>(
        "{\"type\":\"result\",\"body\":{\"request_id\":2,\"error\":{\"msg\":\"x\"},\"data\":null}"
        "}");
    QCOMPARE(r.requestId, int64_t(2));
    QVERIFY(contains(r.error, "msg"));
  }

  // Our extension keys: `udpForwards` / `udpOthers` hold "udp" entries only, and a configure
  // without UDP is written exactly as before (the captures above).
  void udpExtensionKeys() {
    std::string error;
    auto msg = decodeMessage(
        R"({"type":"request","body":{"id":3,"op":"configure","args":{"me":"127.0.42.1",)"
        R"("udpForwards":[{"listen_port":53,"connect_ip":"dns","connect_port":53}],)"
        R"("udpOthers":[{"ip":"127.0.42.2","port":5353,"proto":"udp"}],)"
        R"("others":[{"ip":"127.0.42.2","port":80,"proto":"tcp"}]}}})",
        &error);
    QVERIFY2(msg, error.c_str());
    const ConfigureArgs &a = std::get<ConfigureRequest>(*msg).args;
    QCOMPARE(a.forwards.size(), size_t(1));
    QCOMPARE(a.forwards[0].proto, std::string("udp"));  // absent proto: udp in udpForwards
    QCOMPARE(a.others.size(), size_t(2));
    QCOMPARE(a.others[0].proto, std::string("tcp"));
    QCOMPARE(a.others[1].proto, std::string("udp"));
    const std::string written = encodeConfigureRequest(3, a);
    QVERIFY2(
        written.find(
            R"("udpForwards":[{"listen_port":53,"connect_ip":"dns","connect_port":53,"proto":"udp"}],"others":[{"ip":"127.0.42.2","port":80,"proto":"tcp"}],"udpOthers":[)") !=
            std::string::npos,
        written.c_str());
    auto again = decodeMessage(written, &error);
    QVERIFY2(again, error.c_str());
    QVERIFY(std::get<ConfigureRequest>(*again).args == a);

    QVERIFY(!decodeMessage(
        R"({"type":"request","body":{"id":3,"op":"configure","args":{"me":"127.0.42.1",)"
        R"("udpOthers":[{"ip":"127.0.42.2","port":53,"proto":"tcp"}]}}})",
        &error));
    QVERIFY2(error.find("udpOthers: expected proto \"udp\"") != std::string::npos, error.c_str());
    QVERIFY(!decodeMessage(
        R"({"type":"request","body":{"id":3,"op":"configure","args":{"me":"127.0.42.1",)"
        R"("udpForwards":{"listen_port":53}}}})",
        &error));
    const auto features = agentFeatures();
    QCOMPARE(features.back(), std::string(kUdpFeature));
  }

  void otherMessages() {
    const auto op =
        decodeAs<OtherMessage>("{\"type\":\"request\",\"body\":{\"id\":1,\"op\":\"ping\"}}");
    QCOMPARE(op.kind, "request");
    QCOMPARE(op.op, "ping");
    const auto ev =
        decodeAs<OtherMessage>("{\"type\":\"event\",\"body\":{\"type\":\"later\",\"data\":[]}}");
    QCOMPARE(ev.kind, "event");
    QCOMPARE(ev.op, "later");
  }

  void invalidMessages_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << QByteArray("{\"type\":") << QStringLiteral("offset");
    QTest::newRow("garbage") << QByteArray("\x01\x02") << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not an object");
    // Found by fuzz_messages: nlohmann throws out_of_range, not parse_error, for these.
    QTest::newRow("number overflow") << QByteArray("6E780k") << QStringLiteral("not valid JSON");
    QTest::newRow("id overflow")
        << QByteArray("{\"type\":\"request\",\"body\":{\"id\":1e400,\"op\":\"configure\"}}")
        << QStringLiteral("not valid JSON");
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
    QTest::newRow("me number") << argsRow("{\"me\":127}") << QStringLiteral("me");
    QTest::newRow("forwards object") << argsRow("{\"forwards\":{}}") << QStringLiteral("forwards");
    QTest::newRow("forward not object")
        << argsRow("{\"forwards\":[1]}") << QStringLiteral("forwards");
    QTest::newRow("listen_port string")
        << argsRow("{\"forwards\":[{\"listen_port\":\"80\"}]}") << QStringLiteral("listen_port");
    QTest::newRow("port too big") << argsRow("{\"others\":[{\"port\":70000}]}")
                                  << QStringLiteral("others");
    QTest::newRow("port negative")
        << argsRow("{\"nameServers\":[{\"port\":-1}]}") << QStringLiteral("nameServers");
    QTest::newRow("port fraction")
        << argsRow("{\"forwards\":[{\"connect_port\":1.5}]}") << QStringLiteral("connect_port");
    QTest::newRow("hostnameMap value")
        << argsRow("{\"hostnameMap\":{\"a\":1}}") << QStringLiteral("hostnameMap");
    QTest::newRow("hostnameMap list")
        << argsRow("{\"hostnameMap\":[]}") << QStringLiteral("hostnameMap");
    QTest::newRow("disable string")
        << argsRow("{\"loopback\":{\"disable\":\"yes\"}}") << QStringLiteral("loopback.disable");
    QTest::newRow("writeEtcHosts number")
        << argsRow("{\"writeEtcHosts\":1}") << QStringLiteral("writeEtcHosts");
    QTest::newRow("toCIDR string")
        << argsRow("{\"routes\":[{\"toCIDR\":\"10.0.0.0/8\"}]}") << QStringLiteral("toCIDR");
    QTest::newRow("toCIDR numbers")
        << argsRow("{\"routes\":[{\"toCIDR\":[10]}]}") << QStringLiteral("toCIDR");
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
    const std::string error = decodeError(json.toStdString());
    QVERIFY2(!error.empty(), "decoded although invalid");
    QVERIFY2(contains(error, mentions.toStdString()), error.c_str());
  }

  void hostileSizes() {
    // Too deep, too large: refused before any tree is built, with a reason.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    QVERIFY(contains(decodeError(deep), "nests deeper"));
    const std::string nested65 =
        wrapArgs(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']'));
    QVERIFY(contains(decodeError(nested65), "nests deeper"));
    // Brackets inside strings do not count.
    const std::string quoted = wrapArgs("{\"me\":\"" + std::string(1000, '[') + "\"}");
    QCOMPARE(decodeAs<ConfigureRequest>(quoted).args.me, std::string(1000, '['));
    const std::string big = wrapArgs("{\"me\":\"" + std::string(kMaxJsonMessage, 'x') + "\"}");
    QVERIFY(contains(decodeError(big), "exceeds the limit"));
    // Integers as Go reads them: literals only, within the field's range.
    QVERIFY(
        contains(decodeError(wrapArgs("{\"forwards\":[{\"listen_port\":8e1}]}")), "listen_port"));
    QVERIFY(
        contains(decodeError(wrapArgs("{\"forwards\":[{\"listen_port\":80.0}]}")), "listen_port"));
    QCOMPARE(
        decodeAs<ConfigureRequest>(
            "{\"type\":\"request\",\"body\":{\"id\":9223372036854775807,\"op\":\"configure\"}}")
            .id,
        INT64_MAX);
    QVERIFY(contains(
        decodeError(
            "{\"type\":\"request\",\"body\":{\"id\":9223372036854775808,\"op\":\"configure\"}}"),
        "id"));
    // Invalid UTF-8 inside a JSON string is refused (Go would substitute U+FFFD).
    QVERIFY(contains(decodeError(wrapArgs("{\"me\":\"\xff\"}")), "not valid JSON"));
    // Objects where objects belong.
    QVERIFY(contains(decodeError(wrapArgs("[]")), "args"));
    QVERIFY(contains(decodeError(wrapArgs("{\"stateDir\":\"/x\"}")), "stateDir"));
  }

  void debugInitConfig() {
    std::string error;
    const auto args =
        decodeConfigureArgs("{\"me\":\"127.0.42.5\",\"loopback\":{\"disable\":true}}", &error);
    QVERIFY2(args.has_value(), error.c_str());
    QCOMPARE(args->me, "127.0.42.5");
    QVERIFY(args->loopbackDisable);
    QVERIFY(!decodeConfigureArgs("[]", &error));
    QVERIFY(contains(error, "object"));
    QVERIFY(!decodeConfigureArgs("{\"me\":1}", &error));
    QVERIFY(contains(error, "me"));
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
    QCOMPARE(bytes(goJsonQuote(input.toStdString())), expected);
    // Whatever Go escapes, a JSON parser reads back as the same string.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + expected + "]");
    QCOMPARE(doc.array().at(0).toString(), input);
  }

  void invalidUtf8IsReplacedAsGoDoes() {
    // Go's encoder writes \ufffd for each byte that is not part of valid UTF-8: overlong
    // forms, surrogates, stray continuation bytes, a sequence cut short.
    QCOMPARE(goJsonQuote("a\xff"
                         "b"),
             "\"a\\ufffdb\"");
    QCOMPARE(goJsonQuote("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
    QCOMPARE(goJsonQuote("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
    QCOMPARE(goJsonQuote("\x80"), "\"\\ufffd\"");
    QCOMPARE(goJsonQuote("\xe2\x82"), "\"\\ufffd\\ufffd\"");
    QCOMPARE(goJsonQuote("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    // What comes out always parses back.
    QVERIFY(!QJsonDocument::fromJson(bytes("[" + goJsonQuote("\xff\xfe") + "]")).isNull());
  }

  void escapedValuesRoundTrip() {
    ConfigureArgs a;
    a.me = "127.0.42.1";
    a.hostnameMap["<x>&\"y\""] = "127.0.42.1";
    a.forwards.push_back(Forward{80, "h\u00e9\n", 81, "tcp"});
    a.stateDirPath = "C:\\state\\dir";
    const std::string json = encodeConfigureRequest(9, a);
    QVERIFY(contains(json, "\\u003cx\\u003e\\u0026\\\"y\\\""));
    const auto req = decodeAs<ConfigureRequest>(json);
    QVERIFY(req.args == a);
  }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
