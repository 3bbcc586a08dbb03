// Tests core/mesh/configurebuilder.cpp: the configure requests derived from a manifest must
// be the very bytes a real NoRouter 0.6.5 manager sent for the same manifest.

#include <QtTest>

#include "core/stdio/vectorfiles.h"
#include "mesh/configurebuilder.h"
#include "mesh/manifest.h"
#include "stdio/framecodec.h"
#include "stdio/messages.h"

using namespace routeless;
using namespace routeless::mesh;

namespace {

// The manifest behind tests/data/norouter (tests/data/README.md): hostA with loopback on and
// HTTP/SOCKS proxies, hostB with loopback off, a forward and an alias, one route via hostB.
// The manager sends stateDir.pathOnAgent verbatim (cmdclient.go copies it into
// StateDir.Path; only the agent expands ~), so the absolute path in the captured requests is
// what the capture's manifest said. Absent, it would be "stateDir":{} (tested below).
const char kCaptureManifest[] = R"(hostTemplate:
  stateDir:
    pathOnAgent: /home/someone/.norouter/agent-data
hosts:
  hostA:
    cmd: ./wrap-a.sh norouter
    vip: 127.0.42.101
    http: {listen: "127.0.0.1:18090"}
    socks: {listen: "127.0.0.1:18091"}
  hostB:
    cmd: ["./wrap-b.sh", "norouter"]
    vip: 127.0.42.102
    ports: ["8080:127.0.0.1:18765"]
    loopback: {disable: true}
    aliases: [b.example.test]
routes:
  - via: hostB
    to: ["127.0.0.1/32", "*.viab.test"]
)";

Manifest parseOrFail(const QByteArray &yaml) {
  const ManifestResult r = parseManifest(yaml, QStringLiteral("test.yaml"));
  if (const auto *e = std::get_if<ManifestError>(&r)) {
    qWarning("%s", qPrintable(e->toString()));
    return Manifest();
  }
  return std::get<Manifest>(r);
}

// The first frame of a raw capture stream.
QByteArray firstFrame(const QByteArray &stream) {
  stdio::FrameDecoder d;
  QByteArray first;
  d.feed(stream, [&](const stdio::FrameDecoder::Frame &f) {
    if (first.isEmpty()) first = stdio::encodeFrame(stdio::FrameType(f.type), f.payload);
  });
  return first;
}

}  // namespace

class TestConfigureBuilder : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void captureRequestsByteForByte_data() {
    QTest::addColumn<int>("host");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("wholeStream");
    QTest::newRow("hostA 01_*.hex")
        << 0 << QStringLiteral("01_manager-to-A_configure-request.hex") << false;
    QTest::newRow("hostA m2a-A.bin #0") << 0 << QStringLiteral("m2a-A.bin") << true;
    QTest::newRow("hostB m2a-B.bin #0") << 1 << QStringLiteral("m2a-B.bin") << true;
  }
  void captureRequestsByteForByte() {
    QFETCH(int, host);
    QFETCH(QString, file);
    QFETCH(bool, wholeStream);
    const Manifest m = parseOrFail(kCaptureManifest);
    QCOMPARE(m.hosts.size(), 2);
    const QList<stdio::ConfigureArgs> args = buildConfigureArgs(m);
    QCOMPARE(args.size(), 2);

    const QByteArray raw = testvectors::readFile(file);
    QVERIFY2(!raw.isEmpty(), qPrintable(QStringLiteral("missing vector ") + file));
    const QByteArray captured = wholeStream ? firstFrame(raw) : testvectors::fromHexText(raw);
    QVERIFY(captured.size() > stdio::kFrameHeaderSize);

    // Ids: the capture's manager happened to number hostA 1 and hostB 2 (Go map order);
    // we number in file order, which gives the same here.
    const QByteArray json = stdio::encodeConfigureRequest(host + 1, args[host]);
    QCOMPARE(json, captured.mid(stdio::kFrameHeaderSize));
    QCOMPARE(stdio::encodeFrame(stdio::FrameType::Json, json), captured);
  }

  void hostOrderAndDerivedLists() {
    const Manifest m = parseOrFail(kCaptureManifest);
    const auto args = buildConfigureArgs(m);
    QCOMPARE(args[0].me, QStringLiteral("127.0.42.101"));
    QVERIFY(args[0].forwards.isEmpty());
    QCOMPARE(
        args[0].others,
        (QList<stdio::IpPortProto>{{QStringLiteral("127.0.42.102"), 8080, QStringLiteral("tcp")}}));
    QVERIFY(args[1].others.isEmpty());  // hostA publishes nothing
    QCOMPARE(args[1].forwards.size(), 1);
    QCOMPARE(args[1].forwards[0].connectIp, QStringLiteral("127.0.0.1"));
    QCOMPARE(args[1].forwards[0].connectPort, quint16(18765));
    QCOMPARE(args[0].hostnameMap, args[1].hostnameMap);
    QCOMPARE(args[0].hostnameMap.value(QStringLiteral("b.example.test")),
             QStringLiteral("127.0.42.102"));
    QCOMPARE(args[0].routes.size(), 1);
    QCOMPARE(args[0].routes[0].via, QStringLiteral("127.0.42.102"));
    QCOMPARE(args[0].nameServers.size(), 2);
    QCOMPARE(args[0].nameServers[0].ip, QStringLiteral("127.0.42.101"));
    QCOMPARE(args[0].nameServers[1].port, kBuiltinDnsPort);
  }

  void stateDirAbsentOrTilde() {
    const Manifest m = parseOrFail(R"(hosts:
  a: {vip: 127.0.42.1}
  b: {vip: 127.0.42.2, stateDir: {pathOnAgent: "~/.norouter/agent"}}
  c: {vip: 127.0.42.3, stateDir: {disable: true}}
)");
    const auto args = buildConfigureArgs(m);
    QCOMPARE(args.size(), 3);
    auto stateDirJson = [](const QByteArray &json) {
      const qsizetype at = json.indexOf("\"stateDir\":");
      return json.mid(at, json.indexOf('}', at) - at + 1);
    };
    QCOMPARE(stateDirJson(stdio::encodeConfigureRequest(1, args[0])),
             QByteArray("\"stateDir\":{}"));
    QCOMPARE(stateDirJson(stdio::encodeConfigureRequest(2, args[1])),
             QByteArray("\"stateDir\":{\"path\":\"~/.norouter/agent\"}"));
    QCOMPARE(stateDirJson(stdio::encodeConfigureRequest(3, args[2])),
             QByteArray("\"stateDir\":{\"disable\":true}"));
  }

  void templateAndExtensions() {
    const Manifest m = parseOrFail(R"(hostTemplate:
  ports: ["9000:127.0.0.1:9000"]
  writeEtcHosts: true
hosts:
  a: {vip: 127.0.42.1, ports: ["53:127.0.0.1:53/udp"]}
  b: {vip: 127.0.42.2, writeEtcHosts: false}
routes:
  - {via: 10.0.0.1, to: ["10.0.0.0/8"]}
)");
    const auto args = buildConfigureArgs(m);
    QCOMPARE(args[0].forwards.size(), 2);
    QCOMPARE(args[0].forwards[0].listenPort, quint16(9000));  // template first
    QCOMPARE(args[0].forwards[1].proto, QStringLiteral("udp"));
    QVERIFY(args[0].writeEtcHosts);
    QVERIFY(!args[1].writeEtcHosts);
    // b sees a's two published ports (with a's protocols), a sees b's template port.
    QCOMPARE(args[1].others.size(), 2);
    QCOMPARE(args[1].others[1].proto, QStringLiteral("udp"));
    QCOMPARE(args[0].others.size(), 1);
    QCOMPARE(args[0].others[0].ip, QStringLiteral("127.0.42.2"));
    QCOMPARE(args[0].routes[0].via, QStringLiteral("10.0.0.1"));
    QVERIFY(args[0].routes[0].toHostnameGlob.isEmpty());
    const QByteArray json = stdio::encodeConfigureRequest(1, args[0]);
    QVERIFY2(json.contains("\"routes\":[{\"toCIDR\":[\"10.0.0.0/8\"],\"toHostnameGlob\":null,"
                           "\"via\":\"10.0.0.1\"}]"),
             json.constData());
    QVERIFY(json.contains("\"writeEtcHosts\":true,"));
  }

  void decodesBackToTheSameArgs() {
    const Manifest m = parseOrFail(kCaptureManifest);
    const auto args = buildConfigureArgs(m);
    for (qsizetype i = 0; i < args.size(); ++i) {
      QString error;
      const auto msg = stdio::decodeMessage(stdio::encodeConfigureRequest(i + 1, args[i]), &error);
      QVERIFY2(msg.has_value(), qPrintable(error));
      const auto *req = std::get_if<stdio::ConfigureRequest>(&*msg);
      QVERIFY(req);
      QCOMPARE(req->id, i + 1);
      QVERIFY(req->args == args[i]);
    }
  }
};

QTEST_GUILESS_MAIN(TestConfigureBuilder)
#include "tst_configurebuilder.moc"
