// Tests core/mesh/configurebuilder.cpp: the configure requests derived from a manifest must
// be the very bytes a real NoRouter 0.6.5 manager sent for the same manifest.

#include <QtTest>

#include "agent/wire/frame.h"
#include "agent/wire/messages.h"
#include "core/agent/agenttestkit.h"
#include "core/agent/vectorfiles.h"
#include "mesh/configurebuilder.h"
#include "mesh/manifest.h"
#include "mesh/meshplan.h"

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
  agent::FrameDecoder d;
  QByteArray first;
  d.feed(agenttest::view(stream), [&](const agent::FrameDecoder::Frame &f) {
    if (first.isEmpty())
      first = agenttest::bytes(agent::encodeFrame(agent::FrameType(f.type), f.payload));
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
    const QList<agent::ConfigureArgs> args = buildConfigureArgs(m);
    QCOMPARE(args.size(), 2);

    const QByteArray raw = testvectors::readFile(file);
    QVERIFY2(!raw.isEmpty(), qPrintable(QStringLiteral("missing vector ") + file));
    const QByteArray captured = wholeStream ? firstFrame(raw) : testvectors::fromHexText(raw);
    QVERIFY(size_t(captured.size()) > agent::kFrameHeaderSize);

    // Ids: the capture's manager happened to number hostA 1 and hostB 2 (Go map order);
    // we number in file order, which gives the same here.
    const std::string json = agent::encodeConfigureRequest(host + 1, args[host]);
    QCOMPARE(agenttest::bytes(json), captured.mid(agent::kFrameHeaderSize));
    QCOMPARE(agenttest::bytes(agent::encodeFrame(agent::FrameType::Json, json)), captured);

    // What the manager sends: spliced from the mesh's shared parts, through the plan.
    const MeshPlan plan = planFromManifest(m, QStringLiteral("routeless-node"));
    QCOMPARE(agenttest::bytes(plan.hosts[host].configureRequest(host + 1)),
             captured.mid(agent::kFrameHeaderSize));
  }

  // The splice against the agent's encoder on manifests that exercise every optional field, hosts
  // with and without ports, shared VIPs (possible only in a hand-built Manifest) and none.
  void splicedRequestsMatchTheEncoder_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("capture") << QByteArray(kCaptureManifest);
    QTest::newRow("one host") << QByteArray("hosts: {a: {vip: 127.0.42.1}}\n");
    QTest::newRow("no ports anywhere")
        << QByteArray("hosts: {a: {vip: 127.0.42.1}, b: {vip: 127.0.42.2}}\n");
    // Not a raw string: moc misreads one that holds quotes and backslashes.
    QTest::newRow("everything") << QByteArray(
        "hostTemplate:\n"
        "  ports: [\"9000:127.0.0.1:9000\"]\n"
        "  http: {listen: \"127.0.0.1:18080\"}\n"
        "hosts:\n"
        "  a: {vip: 127.0.42.1, ports: [\"53:127.0.0.1:53/udp\", \"54:db:54\"], writeEtcHosts: "
        "true}\n"
        "  b: {vip: 127.0.42.2, socks: {listen: \"127.0.0.1:1080\"}, loopback: {disable: true}}\n"
        "  \"c<&>\": {vip: 127.0.42.3, stateDir: {pathOnAgent: \"~/x\\\"y\\u2028\", disable: "
        "true},\n"
        "                 aliases: [\"c.example\", \"\\u00e9\"]}\n"
        "  d: {vip: 127.0.42.4}\n"
        "routes:\n"
        "  - {via: b, to: [\"10.0.0.0/8\", \"*.lan\"]}\n"
        "  - {via: 10.0.0.1, to: []}\n");
    QTest::newRow("udp only, udp between tcp") << QByteArray(
        "hosts:\n"
        "  a: {vip: 127.0.42.1, ports: [\"7:127.0.0.1:7/udp\", \"8:h:8\", \"9:h:9/udp\"]}\n"
        "  b: {vip: 127.0.42.2, ports: [\"53:127.0.0.1:53/udp\"]}\n"
        "  c: {vip: 127.0.42.3}\n");
  }
  void splicedRequestsMatchTheEncoder() {
    QFETCH(QByteArray, yaml);
    const Manifest m = parseOrFail(yaml);
    QVERIFY(!m.hosts.isEmpty());
    const MeshConfigure mesh(m);
    QCOMPARE(mesh.hostCount(), m.hosts.size());
    for (qsizetype i = 0; i < m.hosts.size(); ++i) {
      const agent::ConfigureArgs whole = mesh.args(i);
      QVERIFY(whole == buildConfigureArgs(m, i));
      QCOMPARE(mesh.request(i, 1000 + i), agent::encodeConfigureRequest(1000 + i, whole));
      QVERIFY(mesh.ownArgs(i).others.empty());
    }
    Manifest twins = m;  // two hosts on one VIP: each skips the other's ports, as NoRouter
    HostSpec twin = twins.hosts[0];
    twin.name = QStringLiteral("twin");
    twin.ports = {PortSpec{7, QStringLiteral("127.0.0.1"), 7, QStringLiteral("tcp")}};
    twins.hosts.append(twin);
    const MeshConfigure twinMesh(twins);
    for (qsizetype i = 0; i < twins.hosts.size(); ++i)
      QCOMPARE(twinMesh.request(i, 7), agent::encodeConfigureRequest(7, twinMesh.args(i)));
    QVERIFY(twinMesh.args(0).others == twinMesh.args(twins.hosts.size() - 1).others);
  }

  // "/udp" ports travel in `udpForwards` / `udpOthers` (agent::kUdpFeature): NoRouter 0.6.5's
  // agent fails a whole configure that has "proto":"udp" in `forwards` or `others`.
  void udpPortsTravelInExtensionKeys() {
    const Manifest m = parseOrFail(
        "hosts:\n"
        "  a: {vip: 127.0.42.1, ports: [\"5353:127.0.0.1:53/udp\", \"8080:127.0.0.1:80\"]}\n"
        "  b: {vip: 127.0.42.2}\n");
    const MeshConfigure mesh(m);
    const QByteArray a = QByteArray::fromStdString(mesh.request(0, 1));
    const QByteArray b = QByteArray::fromStdString(mesh.request(1, 2));
    QVERIFY2(
        a.contains("\"forwards\":[{\"listen_port\":8080,\"connect_ip\":\"127.0.0.1\","
                   "\"connect_port\":80,\"proto\":\"tcp\"}],\"udpForwards\":[{\"listen_port\":"
                   "5353,\"connect_ip\":\"127.0.0.1\",\"connect_port\":53,\"proto\":\"udp\"}]"),
        a.constData());
    QVERIFY2(b.contains("\"others\":[{\"ip\":\"127.0.42.1\",\"port\":8080,\"proto\":\"tcp\"}],"
                        "\"udpOthers\":[{\"ip\":\"127.0.42.1\",\"port\":5353,\"proto\":\"udp\"}]"),
             b.constData());
    // Read back, the ports are where they were, with their protocol.
    std::string error;
    const auto decoded = agent::decodeMessage(b.toStdString(), &error);
    QVERIFY2(decoded, error.c_str());
    const auto &req = std::get<agent::ConfigureRequest>(*decoded);
    QCOMPARE(req.args.others.size(), size_t(2));
    QCOMPARE(req.args.others[1].proto, std::string("udp"));
    QCOMPARE(req.args.others[1].port, uint16_t(5353));
  }

  // A mesh of 1,000 hosts holds one name map and one name-server list (in its MeshConfigure),
  // and no host holds another's ports: what it stores grows with the hosts, not their square.
  void thousandHostsShareOneCopy() {
    Manifest m;
    for (int i = 0; i < 1000; ++i) {
      HostSpec h;
      h.name = QStringLiteral("h%1").arg(i);
      h.vip = QStringLiteral("127.0.%1.%2").arg(i / 200).arg(i % 200 + 1);
      h.ports = {PortSpec{quint16(8000 + i % 100), QStringLiteral("127.0.0.1"), 80,
                          QStringLiteral("tcp")}};
      m.hosts.append(h);
    }
    m.routes.append(RouteSpec{QStringLiteral("h1"), {QStringLiteral("10.0.0.0/8")}, {}, 0});
    const MeshPlan plan = planFromManifest(m, QStringLiteral("routeless-node"));
    QCOMPARE(plan.hosts.size(), 1000);
    QCOMPARE(plan.hosts[0].mesh->args(0).hostnameMap.size(), size_t(1000));
    for (const HostPlan &h : plan.hosts) {
      QVERIFY(h.configure.others.empty());
      QVERIFY(h.configure.hostnameMap.empty());
      QVERIFY(h.configure.nameServers.empty());
      QCOMPARE(h.configure.routes.size(), size_t(1));
      QVERIFY(h.mesh == plan.hosts[0].mesh);
    }
    // Spot checks of the spliced bytes against the encoder over the whole argument set.
    for (qsizetype i : {qsizetype(0), qsizetype(1), qsizetype(500), qsizetype(999)}) {
      const agent::ConfigureArgs whole = plan.hosts[i].mesh->args(i);
      QCOMPARE(whole.others.size(), size_t(999));
      QCOMPARE(plan.hosts[i].configureRequest(i + 1), agent::encodeConfigureRequest(i + 1, whole));
    }
  }

  // A plan built by hand (as the desktop app's) has no shared part: `configure` is encoded.
  void handBuiltPlanEncodesItsArgs() {
    HostPlan h;
    h.configure.me = "127.0.42.9";
    h.configure.others = {{"127.0.42.8", 80, "tcp"}};
    QCOMPARE(h.configureRequest(3), agent::encodeConfigureRequest(3, h.configure));
  }

  void hostOrderAndDerivedLists() {
    const Manifest m = parseOrFail(kCaptureManifest);
    const auto args = buildConfigureArgs(m);
    QCOMPARE(args[0].me, "127.0.42.101");
    QVERIFY(args[0].forwards.empty());
    QVERIFY(args[0].others == (std::vector<agent::IpPortProto>{{"127.0.42.102", 8080, "tcp"}}));
    QVERIFY(args[1].others.empty());  // hostA publishes nothing
    QCOMPARE(args[1].forwards.size(), size_t(1));
    QCOMPARE(args[1].forwards[0].connectIp, "127.0.0.1");
    QCOMPARE(args[1].forwards[0].connectPort, quint16(18765));
    QVERIFY(args[0].hostnameMap == args[1].hostnameMap);
    QCOMPARE(args[0].hostnameMap.at("b.example.test"), "127.0.42.102");
    QCOMPARE(args[0].routes.size(), size_t(1));
    QCOMPARE(args[0].routes[0].via, "127.0.42.102");
    QCOMPARE(args[0].nameServers.size(), size_t(2));
    QCOMPARE(args[0].nameServers[0].ip, "127.0.42.101");
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
    auto stateDirJson = [](const std::string &text) {
      const QByteArray json = agenttest::bytes(text);
      const qsizetype at = json.indexOf("\"stateDir\":");
      return json.mid(at, json.indexOf('}', at) - at + 1);
    };
    QCOMPARE(stateDirJson(agent::encodeConfigureRequest(1, args[0])),
             QByteArray("\"stateDir\":{}"));
    QCOMPARE(stateDirJson(agent::encodeConfigureRequest(2, args[1])),
             QByteArray("\"stateDir\":{\"path\":\"~/.norouter/agent\"}"));
    QCOMPARE(stateDirJson(agent::encodeConfigureRequest(3, args[2])),
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
    QCOMPARE(args[0].forwards.size(), size_t(2));
    QCOMPARE(args[0].forwards[0].listenPort, quint16(9000));  // template first
    QCOMPARE(args[0].forwards[1].proto, "udp");
    QVERIFY(args[0].writeEtcHosts);
    QVERIFY(!args[1].writeEtcHosts);
    // b sees a's two published ports (with a's protocols), a sees b's template port.
    QCOMPARE(args[1].others.size(), size_t(2));
    QCOMPARE(args[1].others[1].proto, "udp");
    QCOMPARE(args[0].others.size(), size_t(1));
    QCOMPARE(args[0].others[0].ip, "127.0.42.2");
    QCOMPARE(args[0].routes[0].via, "10.0.0.1");
    QVERIFY(args[0].routes[0].toHostnameGlob.empty());
    const QByteArray json = agenttest::bytes(agent::encodeConfigureRequest(1, args[0]));
    QVERIFY2(json.contains("\"routes\":[{\"toCIDR\":[\"10.0.0.0/8\"],\"toHostnameGlob\":null,"
                           "\"via\":\"10.0.0.1\"}]"),
             json.constData());
    QVERIFY(json.contains("\"writeEtcHosts\":true,"));
  }

  void decodesBackToTheSameArgs() {
    const Manifest m = parseOrFail(kCaptureManifest);
    const auto args = buildConfigureArgs(m);
    for (qsizetype i = 0; i < args.size(); ++i) {
      std::string error;
      const auto msg = agent::decodeMessage(agent::encodeConfigureRequest(i + 1, args[i]), &error);
      QVERIFY2(msg.has_value(), error.c_str());
      const auto *req = std::get_if<agent::ConfigureRequest>(&*msg);
      QVERIFY(req);
      QCOMPARE(req->id, i + 1);
      QVERIFY(req->args == args[i]);
    }
  }
};

QTEST_GUILESS_MAIN(TestConfigureBuilder)
#include "tst_configurebuilder.moc"
