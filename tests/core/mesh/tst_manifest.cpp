// Tests core/mesh/manifest.cpp: NoRouter manifests parse as NoRouter reads them (file order,
// template rules, routes), every rejection names file, line, field and what is valid,
// unknown fields only warn, the shlex splitter matches google/shlex, toYaml round-trips.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "mesh/manifest.h"

using namespace routeless::mesh;

namespace {

const QString kFile = QStringLiteral("test.yaml");

Manifest parsed(const QByteArray &yaml) {
  const ManifestResult r = parseManifest(yaml, kFile);
  if (const auto *e = std::get_if<ManifestError>(&r)) {
    qWarning("unexpected error: %s", qPrintable(e->toString()));
    return Manifest();
  }
  return std::get<Manifest>(r);
}

ManifestError failed(const QByteArray &yaml) {
  const ManifestResult r = parseManifest(yaml, kFile);
  if (const auto *e = std::get_if<ManifestError>(&r)) return *e;
  qWarning("parsed although it should not have");
  return ManifestError{QString(), -1, -1, QString(), QString()};
}

// The example of specs/norouter.md §1.5.
const char kSpecExample[] = R"(hostTemplate:                 # optional defaults
  http:   {listen: "127.0.0.1:18080"}
  socks:  {listen: "127.0.0.1:18081"}
  loopback: {disable: false}
  stateDir: {pathOnAgent: "~/.norouter/agent"}
hosts:
  local:                      # no cmd -> manager starts itself as agent
    vip: "127.0.42.100"
  docker:
    cmd: "docker exec -i some-container norouter"
    vip: "127.0.42.101"
    ports: ["8080:127.0.0.1:80"]
    writeEtcHosts: true
  kube:
    cmd: ["kubectl", "--context=ctx", "exec", "-i", "pod", "--", "norouter"]
    vip: "127.0.42.102"
    ports: ["8080:127.0.0.1:80", "15201:127.0.0.1:5201/tcp"]
    aliases: ["kube.example.com"]
  bastion:
    cmd: "ssh user@bastion -- ~/bin/norouter"
    vip: "127.0.42.150"
routes:
  - via: bastion
    to: ["192.168.95.0/24", "*.internal.example"]
)";

}  // namespace

class TestManifest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void specExample() {
    const Manifest m = parsed(kSpecExample);
    QCOMPARE(m.hosts.size(), 4);
    QCOMPARE(m.warnings, QStringList());
    const QStringList order = {"local", "docker", "kube", "bastion"};
    for (int i = 0; i < 4; ++i) QCOMPARE(m.hosts[i].name, order[i]);
    const HostSpec &local = m.hosts[0];
    QCOMPARE(local.vip, QStringLiteral("127.0.42.100"));
    QVERIFY(local.cmd.isEmpty());
    QCOMPARE(local.httpListen, QStringLiteral("127.0.0.1:18080"));
    QCOMPARE(local.socksListen, QStringLiteral("127.0.0.1:18081"));
    QCOMPARE(local.stateDirPath, QStringLiteral("~/.norouter/agent"));
    QCOMPARE(local.line, 7);
    const HostSpec &docker = m.hosts[1];
    QCOMPARE(docker.cmd, QStringList({"docker", "exec", "-i", "some-container", "norouter"}));
    QCOMPARE(docker.ports,
             (QList<PortSpec>{{8080, QStringLiteral("127.0.0.1"), 80, QStringLiteral("tcp")}}));
    QVERIFY(docker.writeEtcHosts);
    const HostSpec &kube = m.hosts[2];
    QCOMPARE(kube.cmd.size(), 7);
    QCOMPARE(kube.cmd[1], QStringLiteral("--context=ctx"));
    QCOMPARE(kube.ports.size(), 2);
    QCOMPARE(kube.ports[1].listenPort, quint16(15201));
    QCOMPARE(kube.ports[1].connectPort, quint16(5201));
    QCOMPARE(kube.ports[1].proto, QStringLiteral("tcp"));
    QCOMPARE(kube.aliases, QStringList{QStringLiteral("kube.example.com")});
    QCOMPARE(m.hosts[3].cmd, QStringList({"ssh", "user@bastion", "--", "~/bin/norouter"}));
    QCOMPARE(m.routes.size(), 1);
    QCOMPARE(m.routes[0].via, QStringLiteral("bastion"));
    QCOMPARE(m.routes[0].toCidr, QStringList{QStringLiteral("192.168.95.0/24")});
    QCOMPARE(m.routes[0].toHostnameGlob, QStringList{QStringLiteral("*.internal.example")});
    QCOMPARE(m.routes[0].line, 23);
    QCOMPARE(m.resolveVia(m.routes[0].via), QStringLiteral("127.0.42.150"));
    QCOMPARE(m.resolveVia(QStringLiteral("10.0.0.1")), QStringLiteral("10.0.0.1"));
  }

  void fileOrderKept() {
    const Manifest m = parsed(R"(hosts:
  zulu: {vip: 127.0.42.9}
  alpha: {vip: 127.0.42.1}
  mike: {vip: 127.0.42.5}
  Alpha: {vip: 127.0.42.6}
)");
    QCOMPARE(m.hosts.size(), 4);
    QCOMPARE(m.hosts[0].name, QStringLiteral("zulu"));
    QCOMPARE(m.hosts[1].name, QStringLiteral("alpha"));
    QCOMPARE(m.hosts[2].name, QStringLiteral("mike"));
    QCOMPARE(m.hosts[3].name, QStringLiteral("Alpha"));  // names are case-sensitive
  }

  // `allowRemote` under http/socks (ours; NoRouter ignores it): carried per proxy, taken
  // from wherever that proxy's listen comes from, and written back by toYaml.
  void allowRemote() {
    const Manifest m = parsed(R"(hostTemplate:
  socks: {listen: "0.0.0.0:1080", allowRemote: true}
hosts:
  inherits: {vip: 127.0.42.1, http: {listen: "127.0.0.1:18080"}}
  own: {vip: 127.0.42.2, socks: {listen: "0.0.0.0:1081"}, http: {listen: "0.0.0.0:8080", allowRemote: true}}
)");
    QCOMPARE(m.hosts.size(), 2);
    QVERIFY(m.hosts[0].socksAllowRemote);
    QVERIFY(!m.hosts[0].httpAllowRemote);
    QVERIFY(!m.hosts[1].socksAllowRemote);  // its own socks replaces the template's whole
    QVERIFY(m.hosts[1].httpAllowRemote);
    const Manifest again = parsed(toYaml(m));
    QCOMPARE(again.hosts.size(), 2);
    QVERIFY(again.hosts[0].socksAllowRemote && !again.hosts[0].httpAllowRemote);
    QVERIFY(again.hosts[1].httpAllowRemote && !again.hosts[1].socksAllowRemote);
    QVERIFY(toYaml(m).contains("allowRemote: true"));
  }

  void templateRules() {
    const Manifest m = parsed(R"(hostTemplate:
  ports: ["1000:127.0.0.1:1000", "1001:127.0.0.1:1001"]
  http: {listen: "127.0.0.1:18080"}
  socks: {listen: "127.0.0.1:18081"}
  loopback: {disable: true}
  stateDir: {pathOnAgent: /tmpl, disable: true}
  writeEtcHosts: true
hosts:
  inherits: {vip: 127.0.42.1, ports: ["2000:db:2000"]}
  replaces:
    vip: 127.0.42.2
    http: {}
    socks: {listen: "0.0.0.0:1080"}
    loopback: {disable: false}
    stateDir: {pathOnAgent: /own}
    writeEtcHosts: false
  nulls:
    vip: 127.0.42.3
    http: null
    socks:
    loopback: ~
    stateDir:
    writeEtcHosts:
)");
    QCOMPARE(m.hosts.size(), 3);
    const HostSpec &a = m.hosts[0];
    QCOMPARE(a.ports.size(), 3);
    QCOMPARE(a.ports[0].listenPort, quint16(1000));  // the template's come first
    QCOMPARE(a.ports[1].listenPort, quint16(1001));
    QCOMPARE(a.ports[2].connectHost, QStringLiteral("db"));
    QCOMPARE(a.httpListen, QStringLiteral("127.0.0.1:18080"));
    QVERIFY(a.loopbackDisable);
    QCOMPARE(a.stateDirPath, QStringLiteral("/tmpl"));
    QVERIFY(a.stateDirDisable);
    QVERIFY(a.writeEtcHosts);
    // Sub-objects replace the template's whole: no merging of their fields.
    const HostSpec &b = m.hosts[1];
    QCOMPARE(b.ports.size(), 2);
    QVERIFY(b.httpListen.isEmpty());
    QCOMPARE(b.socksListen, QStringLiteral("0.0.0.0:1080"));
    QVERIFY(!b.loopbackDisable);
    QCOMPARE(b.stateDirPath, QStringLiteral("/own"));
    QVERIFY(!b.stateDirDisable);
    QVERIFY(!b.writeEtcHosts);
    // null is "not written": the template's values stay.
    const HostSpec &c = m.hosts[2];
    QCOMPARE(c.httpListen, QStringLiteral("127.0.0.1:18080"));
    QCOMPARE(c.socksListen, QStringLiteral("127.0.0.1:18081"));
    QVERIFY(c.loopbackDisable);
    QCOMPARE(c.stateDirPath, QStringLiteral("/tmpl"));
    QVERIFY(c.writeEtcHosts);
  }

  void portsAndRoutes() {
    const Manifest m = parsed(R"(hosts:
  a:
    vip: 127.0.42.1
    ports: ["80:127.0.0.1:8080/tcp", "53:10.0.0.2:53/udp", "53:10.0.0.2:53", "443:web-1.lan:443",
            "65535:127.0.0.1:1"]
  b: {vip: 10.9.8.7}
routes:
  - via: a
    to: ["0.0.0.0/0", "10.1.2.3/32", "*", "*.cluster.local", "db"]
  - via: 192.168.0.1
    to: []
  - via: b
)");
    const HostSpec &a = m.hosts[0];
    QCOMPARE(a.ports.size(), 5);
    QCOMPARE(a.ports[0].proto, QStringLiteral("tcp"));
    QCOMPARE(a.ports[1].proto, QStringLiteral("udp"));
    QCOMPARE(a.ports[2].proto, QStringLiteral("tcp"));  // same port, other protocol: fine
    QCOMPARE(a.ports[3].connectHost, QStringLiteral("web-1.lan"));
    QCOMPARE(a.ports[4].listenPort, quint16(65535));
    QCOMPARE(a.ports[1].toString(), QStringLiteral("53:10.0.0.2:53/udp"));
    QCOMPARE(m.routes.size(), 3);
    QCOMPARE(m.routes[0].toCidr, QStringList({"0.0.0.0/0", "10.1.2.3/32"}));
    QCOMPARE(m.routes[0].toHostnameGlob, QStringList({"*", "*.cluster.local", "db"}));
    QCOMPARE(m.routes[1].via, QStringLiteral("192.168.0.1"));
    QVERIFY(m.routes[1].toCidr.isEmpty() && m.routes[1].toHostnameGlob.isEmpty());
    QCOMPARE(m.warnings.size(), 3);  // b's VIP outside 127/8, the two routes without "to"
    QVERIFY2(m.warnings[0].contains(QStringLiteral("10.9.8.7")), qPrintable(m.warnings[0]));
    QVERIFY2(m.warnings[1].contains(QStringLiteral("routes[1]")), qPrintable(m.warnings[1]));
  }

  void mergeKeysAndAnchors() {
    const Manifest m = parsed(R"(hosts:
  a: &base
    vip: 127.0.42.1
    ports: ["80:127.0.0.1:80"]
    loopback: {disable: true}
  b:
    <<: *base
    vip: 127.0.42.2
  c:
    <<: [{vip: 127.0.42.200}, {socks: {listen: "127.0.0.1:1080"}}]
    vip: 127.0.42.3
)");
    QCOMPARE(m.hosts.size(), 3);
    QCOMPARE(m.hosts[1].vip, QStringLiteral("127.0.42.2"));  // own keys win
    QCOMPARE(m.hosts[1].ports.size(), 1);
    QVERIFY(m.hosts[1].loopbackDisable);
    QCOMPARE(m.hosts[2].vip, QStringLiteral("127.0.42.3"));
    QCOMPARE(m.hosts[2].socksListen, QStringLiteral("127.0.0.1:1080"));
  }

  void unknownFieldsWarn() {
    const Manifest m = parsed(R"(version: 2
hosts:
  a:
    vip: 127.0.42.1
    Vip: 127.0.42.7
    prots: ["80:127.0.0.1:80"]
    http: {listen: "127.0.0.1:1", auth: x}
    stateDir: {path: /x}
    colour: blue
routes:
  - {via: a, to: ["*"], metric: 5}
)");
    QCOMPARE(m.hosts.size(), 1);
    QCOMPARE(m.hosts[0].vip, QStringLiteral("127.0.42.1"));
    QVERIFY(m.hosts[0].ports.isEmpty());
    const QStringList expected = {
        QStringLiteral("unknown field \"version\" at line 1; ignored"),
        QStringLiteral("unknown field \"hosts.a.Vip\" at line 5; ignored (did you mean \"vip\"?)"),
        QStringLiteral(
            "unknown field \"hosts.a.prots\" at line 6; ignored (did you mean \"ports\"?)"),
        QStringLiteral("unknown field \"hosts.a.http.auth\" at line 7; ignored"),
        QStringLiteral("unknown field \"hosts.a.stateDir.path\" at line 8; ignored"),
        QStringLiteral("unknown field \"hosts.a.colour\" at line 9; ignored"),
        QStringLiteral("unknown field \"routes[0].metric\" at line 11; ignored"),
    };
    QCOMPARE(m.warnings, expected);
  }

  void dottedHostNameWarns() {
    const Manifest m = parsed("hosts:\n  a.b: {vip: 127.0.42.1}\n");
    QCOMPARE(m.hosts.size(), 1);
    QCOMPARE(m.warnings.size(), 1);
    QVERIFY(m.warnings[0].contains(QStringLiteral("hostaliases")));
  }

  void errorFormat() {
    const ManifestError e = failed("hosts:\n  a: {vip: 127.0.42.1}\n  b:\n    vip: x\n");
    QCOMPARE(e.file, kFile);
    QCOMPARE(e.line, 4);
    QCOMPARE(e.column, 10);
    QCOMPARE(e.field, QStringLiteral("hosts.b.vip"));
    QCOMPARE(e.toString(), QStringLiteral("test.yaml:4:10: hosts.b.vip: \"x\" is not an IPv4 "
                                          "address (expected e.g. 127.0.42.101)"));
    QCOMPARE((ManifestError{QStringLiteral("f"), 0, 0, QString(), QStringLiteral("m")}).toString(),
             QStringLiteral("f: m"));
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("mentions");
    const QByteArray a = "hosts:\n  a: {vip: 127.0.42.1}\n";  // line 2 holds host a
    auto row = [](const char *name, const QByteArray &yaml, int line, const char *field,
                  const char *mentions) {
      QTest::newRow(name) << yaml << line << QString::fromUtf8(field)
                          << QString::fromUtf8(mentions);
    };
    // The document as a whole.
    row("empty", "", 0, "", "empty");
    row("only a comment", "# nothing\n", 0, "", "empty");
    row("scalar", "hello\n", 1, "", "mapping with hosts");
    row("list", "- a\n", 1, "", "mapping with hosts");
    row("no hosts", "routes: []\n", 1, "hosts", "no hosts");
    row("hosts null", "hosts:\n", 1, "hosts", "no hosts");
    row("hosts empty", "hosts: {}\n", 1, "hosts", "no hosts");
    row("hosts list", "hosts: [a]\n", 1, "hosts", "expected a mapping");
    row("too large", QByteArray(kMaxManifestSize + 1, '#'), 0, "", "at most");
    // YAML syntax, with yaml-cpp's place.
    row("unclosed flow", "hosts: [\n", 2, "", "YAML syntax error");
    row("bad indentation", "hosts:\n  a:\n    vip: 1\n   x: 2\n", 4, "", "YAML syntax error");
    row("tab", "hosts:\n\ta: {vip: 127.0.42.1}\n", 2, "", "YAML syntax error");
    row("unclosed quote", "hosts:\n  a: {vip: \"127.0.42.1}\n", 0, "", "YAML syntax error");
    row("duplicate host", a + "  a: {vip: 127.0.42.2}\n", 3, "hosts.a",
        "duplicate key \"a\" (first at line 2)");
    row("duplicate field", "hosts:\n  a:\n    vip: 127.0.42.1\n    vip: 127.0.42.2\n", 4,
        "hosts.a.vip", "duplicate key");
    row("map key", "hosts:\n  ? [a]\n  : {vip: 127.0.42.1}\n", 2, "hosts", "plain name");
    // Hosts.
    row("host null", "hosts:\n  a:\n", 2, "hosts.a", "no settings");
    row("host scalar", "hosts:\n  a: 127.0.42.1\n", 2, "hosts.a", "expected a mapping");
    row("host name space", "hosts:\n  \"a b\": {vip: 127.0.42.1}\n", 2, "hosts.a b",
        "usable host name");
    row("host name not UTF-8", "hosts:\n  h\xff\xd4st: {vip: 127.0.42.1}\n", 2, "hosts",
        "a key is not UTF-8 text: its byte 1 (0xff)");
    row("host name overlong UTF-8", "hosts:\n  h\xc0\xafx: {vip: 127.0.42.1}\n", 2, "hosts",
        "not UTF-8");
    row("host name noncharacter", "hosts:\n  \"h\\uFFFE\": {vip: 127.0.42.1}\n", 2, "hosts",
        "noncharacter");
    row("host name C1 control", "hosts:\n  \"h\\x85x\": {vip: 127.0.42.1}\n", 2, "hosts.h\u0085x",
        "control character");
    row("host name newline", "hosts:\n  \"a\\nb\": {vip: 127.0.42.1}\n", 2, "hosts.a\nb",
        "hosts files");
    row("host name empty", "hosts:\n  \"\": {vip: 127.0.42.1}\n", 2, "hosts.", "it is empty");
    row("host name 254 bytes", "hosts:\n  " + QByteArray(254, 'n') + ": {vip: 127.0.42.1}\n", 2,
        qPrintable(QStringLiteral("hosts.") + QString(254, QLatin1Char('n'))), "254 bytes long");
    row("cmd not UTF-8", "hosts:\n  a:\n    vip: 127.0.42.1\n    cmd: [ssh, \"h\xe9\"]\n", 4,
        "hosts.a.cmd[1]", "the value is not UTF-8 text: its byte 1 (0xe9)");
    row("cmd line not UTF-8", "hosts:\n  a: {vip: 127.0.42.1, cmd: ssh h\xe9}\n", 2, "hosts.a.cmd",
        "not UTF-8");
    row("path not UTF-8", "hosts:\n  a: {vip: 127.0.42.1, stateDir: {pathOnAgent: /h\xe9}}\n", 2,
        "hosts.a.stateDir.pathOnAgent", "not UTF-8");
    row("vip missing", "hosts:\n  a: {cmd: x}\n", 2, "hosts.a.vip", "missing");
    row("vip empty", "hosts:\n  a: {vip: \"\"}\n", 2, "hosts.a.vip", "missing");
    row("vip ipv6", "hosts:\n  a: {vip: \"::1\"}\n", 2, "hosts.a.vip", "not an IPv4 address");
    row("vip leading zero", "hosts:\n  a: {vip: 127.0.042.1}\n", 2, "hosts.a.vip", "not an IPv4");
    row("vip 256", "hosts:\n  a: {vip: 127.0.42.256}\n", 2, "hosts.a.vip", "not an IPv4");
    row("vip short", "hosts:\n  a: {vip: 127.1}\n", 2, "hosts.a.vip", "127.0.42.101");
    row("vip list", "hosts:\n  a: {vip: [127.0.42.1]}\n", 2, "hosts.a.vip", "expected a string");
    // VIPs an agent cannot listen on usefully (see vipProblem() in manifest.cpp).
    row("vip any", "hosts:\n  a: {vip: 0.0.0.0}\n", 2, "hosts.a.vip", "every interface");
    row("vip this network", "hosts:\n  a: {vip: 0.1.2.3}\n", 2, "hosts.a.vip", "0.0.0.0/8");
    row("vip limited broadcast", "hosts:\n  a: {vip: 255.255.255.255}\n", 2, "hosts.a.vip",
        "limited broadcast");
    row("vip multicast", "hosts:\n  a: {vip: 224.0.0.1}\n", 2, "hosts.a.vip", "multicast");
    row("vip multicast top", "hosts:\n  a: {vip: 239.255.255.250}\n", 2, "hosts.a.vip",
        "multicast");
    row("vip loopback broadcast", "hosts:\n  a: {vip: 127.255.255.255}\n", 2, "hosts.a.vip",
        "broadcast address of 127.0.0.0/8");
    row("vip /8 broadcast", "hosts:\n  a: {vip: 10.255.255.255}\n", 2, "hosts.a.vip",
        "broadcast address of 10.0.0.0/8");
    row("vip .0", "hosts:\n  a: {vip: 127.0.42.0}\n", 2, "hosts.a.vip", "ends in .0");
    row("duplicate vip", a + "  b:\n    vip: 127.0.42.1\n", 4, "hosts.b.vip",
        "already the VIP of host \"a\" (line 2)");
    row("cmd quote", "hosts:\n  a: {vip: 127.0.42.1, cmd: \"ssh 'h\"}\n", 2, "hosts.a.cmd",
        "quote");
    row("cmd backslash", "hosts:\n  a: {vip: 127.0.42.1, cmd: 'ssh h\\'}\n", 2, "hosts.a.cmd",
        "backslash");
    row("cmd map", "hosts:\n  a: {vip: 127.0.42.1, cmd: {x: 1}}\n", 2, "hosts.a.cmd",
        "string or a list");
    row("cmd empty program", "hosts:\n  a: {vip: 127.0.42.1, cmd: [\"\", x]}\n", 2, "hosts.a.cmd",
        "program");
    row("cmd quoted empty program", "hosts:\n  a: {vip: 127.0.42.1, cmd: \"'' x\"}\n", 2,
        "hosts.a.cmd", "program");
    row("cmd list of lists", "hosts:\n  a: {vip: 127.0.42.1, cmd: [[x]]}\n", 2, "hosts.a.cmd[0]",
        "expected a string");
    // Ports.
    row("ports scalar", "hosts:\n  a: {vip: 127.0.42.1, ports: \"80:h:80\"}\n", 2, "hosts.a.ports",
        "list of strings");
    row("port suffix", "hosts:\n  a:\n    vip: 127.0.42.1\n    ports: [\"80:h:80/sctp\"]\n", 4,
        "hosts.a.ports[0]", "/tcp, /udp or none");
    row("port two parts", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"80:80\"]}\n", 2,
        "hosts.a.ports[0]", "LISTENPORT:CONNECTHOST:CONNECTPORT");
    row("port ipv6", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"80:::1:80\"]}\n", 2,
        "hosts.a.ports[0]", "IPv6");
    row("port zero", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"0:h:80\"]}\n", 2, "hosts.a.ports[0]",
        "listen port");
    row("port big", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"80:h:70000\"]}\n", 2,
        "hosts.a.ports[0]", "connect port \"70000\"");
    row("port name", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"http:h:80\"]}\n", 2,
        "hosts.a.ports[0]", "1-65535");
    row("port sign", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"+80:h:80\"]}\n", 2,
        "hosts.a.ports[0]", "1-65535");
    row("port no host", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"80::80\"]}\n", 2,
        "hosts.a.ports[0]", "no connect host");
    row("port bad ip", "hosts:\n  a: {vip: 127.0.42.1, ports: [\"80:10.0.0.300:80\"]}\n", 2,
        "hosts.a.ports[0]", "neither an IPv4 address nor a host name");
    row("port twice", "hosts:\n  a:\n    vip: 127.0.42.1\n    ports: [\"80:h:80\", \"80:g:81\"]\n",
        4, "hosts.a.ports[1]", "forwarded twice");
    row("port twice via template",
        "hostTemplate:\n  ports: [\"80:h:80\"]\nhosts:\n  a:\n    vip: 127.0.42.1\n    ports:\n    "
        "  - 80:g:80\n",
        7, "hosts.a.ports[0]", "also by 80:h:80");
    // Sub-objects.
    row("http scalar", "hosts:\n  a: {vip: 127.0.42.1, http: \"127.0.0.1:80\"}\n", 2,
        "hosts.a.http", "{listen: \"127.0.0.1:18080\"}");
    row("http listen", "hosts:\n  a:\n    vip: 127.0.42.1\n    http: {listen: nope}\n", 4,
        "hosts.a.http.listen", "ip:port");
    row("socks port", "hosts:\n  a: {vip: 127.0.42.1, socks: {listen: \"h:99999\"}}\n", 2,
        "hosts.a.socks.listen", "127.0.0.1:18081");
    row("disable yes", "hosts:\n  a: {vip: 127.0.42.1, loopback: {disable: yes}}\n", 2,
        "hosts.a.loopback.disable", "true or false");
    row("stateDir list", "hosts:\n  a: {vip: 127.0.42.1, stateDir: [x]}\n", 2, "hosts.a.stateDir",
        "pathOnAgent");
    row("writeEtcHosts 1", "hosts:\n  a: {vip: 127.0.42.1, writeEtcHosts: 1}\n", 2,
        "hosts.a.writeEtcHosts", "true or false");
    // Aliases.
    row("alias = name", a + "  b: {vip: 127.0.42.2, aliases: [a]}\n", 3, "hosts.b.aliases[0]",
        "already the name of host \"a\"");
    row("alias = later name",
        "hosts:\n  a: {vip: 127.0.42.1, aliases: [b]}\n  b: {vip: 127.0.42.2}\n", 2,
        "hosts.a.aliases[0]", "already the name of host \"b\" (line 3)");
    row("alias twice",
        a + "  b: {vip: 127.0.42.2, aliases: [x]}\n  c: {vip: 127.0.42.3, aliases: [x]}\n", 4,
        "hosts.c.aliases[0]", "already an alias of host \"b\" (line 3)");
    row("alias twice same host", "hosts:\n  a: {vip: 127.0.42.1, aliases: [x, x]}\n", 2,
        "hosts.a.aliases[1]", "unique");
    row("alias empty", "hosts:\n  a: {vip: 127.0.42.1, aliases: [\"\"]}\n", 2, "hosts.a.aliases[0]",
        "usable name");
    row("alias not UTF-8", "hosts:\n  a: {vip: 127.0.42.1, aliases: [\"x\x80\"]}\n", 2,
        "hosts.a.aliases[0]", "not UTF-8");
    row("alias space", "hosts:\n  a: {vip: 127.0.42.1, aliases: [\"x y\"]}\n", 2,
        "hosts.a.aliases[0]", "usable name");
    row("aliases scalar", "hosts:\n  a: {vip: 127.0.42.1, aliases: x}\n", 2, "hosts.a.aliases",
        "list of strings");
    // hostTemplate.
    row("template vip", "hostTemplate:\n  vip: 127.0.42.1\n" + a, 2, "hostTemplate.vip",
        "must not have vip");
    row("template cmd", "hostTemplate:\n  cmd: [x]\n" + a, 2, "hostTemplate.cmd",
        "must not have cmd");
    row("template aliases", "hostTemplate: {aliases: []}\n" + a, 1, "hostTemplate.aliases",
        "must not have aliases");
    row("template list", "hostTemplate: []\n" + a, 1, "hostTemplate", "expected a mapping");
    row("template port", "hostTemplate:\n  ports: [\"x\"]\n" + a, 2, "hostTemplate.ports[0]",
        "LISTENPORT");
    // Routes.
    row("routes map", a + "routes: {via: a}\n", 3, "routes", "list of routes");
    row("route scalar", a + "routes: [a]\n", 3, "routes[0]", "expected a mapping");
    row("via missing", a + "routes:\n  - to: [\"*\"]\n", 4, "routes[0].via", "missing");
    row("via unknown", a + "routes:\n  - via: c\n    to: [\"*\"]\n", 4, "routes[0].via",
        "neither a host name nor an IPv4 address (hosts: a)");
    row("via ipv6", a + "routes:\n  - {via: \"::1\", to: [\"*\"]}\n", 4, "routes[0].via",
        "neither");
    row("bare ip", a + "routes:\n  - via: a\n    to:\n      - 10.0.0.1\n", 6, "routes[0].to[0]",
        "maybe you forgot to add the \"/32\" suffix? (expected e.g. 10.0.0.1/32)");
    row("cidr 33", a + "routes:\n  - {via: a, to: [\"10.0.0.0/33\"]}\n", 4, "routes[0].to[0]",
        "not an IPv4 CIDR");
    row("cidr short", a + "routes:\n  - {via: a, to: [\"10.0.0/8\"]}\n", 4, "routes[0].to[0]",
        "not an IPv4 CIDR");
    row("cidr ipv6", a + "routes:\n  - {via: a, to: [\"::/0\"]}\n", 4, "routes[0].to[0]",
        "not an IPv4 CIDR");
    row("glob space", a + "routes:\n  - {via: a, to: [\"a b\"]}\n", 4, "routes[0].to[0]",
        "host name glob");
    row("glob ipv6", a + "routes:\n  - {via: a, to: [\"fe80::1\"]}\n", 4, "routes[0].to[0]",
        "host name glob");
    row("to scalar", a + "routes:\n  - {via: a, to: \"*\"}\n", 4, "routes[0].to",
        "list of strings");
  }
  void errors() {
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    const ManifestError e = failed(yaml);
    QVERIFY2(e.line >= 0, "parsed");
    QVERIFY2(e.message.contains(mentions), qPrintable(e.toString()));
    if (line > 0) QCOMPARE(e.line, line);
    QCOMPARE(e.field, field);
    QCOMPARE(e.file, kFile);
    QVERIFY(e.toString().startsWith(kFile + QLatin1Char(':')));
  }

  void commandSplitting_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << "ssh u@h -- norouter" << QStringList{"ssh", "u@h", "--", "norouter"};
    QTest::newRow("spaces") << "  a \t b\r\n c  " << QStringList{"a", "b", "c"};
    QTest::newRow("empty") << "" << QStringList{};
    QTest::newRow("blank") << " \t\n" << QStringList{};
    QTest::newRow("double quotes") << "docker exec -i \"my box\" norouter"
                                   << QStringList{"docker", "exec", "-i", "my box", "norouter"};
    QTest::newRow("single quotes")
        << "sh -c 'echo $HOME \"x\"'" << QStringList{"sh", "-c", "echo $HOME \"x\""};
    QTest::newRow("escaped space") << "a\\ b c" << QStringList{"a b", "c"};
    QTest::newRow("escape in double") << "\"a\\\"b\\\\c\"" << QStringList{"a\"b\\c"};
    QTest::newRow("escape drops backslash") << "\"a\\b\" c\\d" << QStringList{"ab", "cd"};
    QTest::newRow("backslash in single") << "'a\\b'" << QStringList{"a\\b"};
    QTest::newRow("glued quotes") << "a\"b c\"d'e f'" << QStringList{"ab cde f"};
    QTest::newRow("empty quotes") << "x \"\" ''" << QStringList{"x", "", ""};
    QTest::newRow("comment") << "ssh h # the bastion" << QStringList{"ssh", "h"};
    QTest::newRow("hash inside word") << "a#b c" << QStringList{"a#b", "c"};
    QTest::newRow("comment line") << "# all\n" << QStringList{};
    QTest::newRow("comment to newline") << "a # c\nb" << QStringList{"a", "b"};
    QTest::newRow("quoted hash") << "'#a' \"#b\"" << QStringList{"#a", "#b"};
    QTest::newRow("escaped newline") << "a\\\nb" << QStringList{"a\nb"};
    QTest::newRow("unicode") << "ssh h\u00f6st" << QStringList{"ssh", "h\u00f6st"};
  }
  void commandSplitting() {
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    QStringList out;
    QString error;
    QVERIFY2(splitCommandLine(text, &out, &error), qPrintable(error));
    QCOMPARE(out, words);
  }

  void commandSplittingErrors() {
    for (const char *bad : {"'a", "\"a", "a\\", "\"a\\", "x 'y z", "\"\\\""}) {
      QStringList out = {QStringLiteral("untouched")};
      QString error;
      QVERIFY2(!splitCommandLine(QString::fromUtf8(bad), &out, &error), bad);
      QVERIFY(!error.isEmpty());
      QCOMPARE(out, QStringList{QStringLiteral("untouched")});
    }
  }

  void canonicalAddresses() {
    QCOMPARE(canonicalIpv4(QStringLiteral("0.0.0.0")), QStringLiteral("0.0.0.0"));
    QCOMPARE(canonicalIpv4(QStringLiteral("255.255.255.255")), QStringLiteral("255.255.255.255"));
    for (const char *bad :
         {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1.2.3.-1", "a.b.c.d", "1..2.3",
          " 1.2.3.4", "1.2.3.4 ", "::ffff:1.2.3.4", "1.2.3.4/32"})
      QVERIFY2(canonicalIpv4(QString::fromUtf8(bad)).isEmpty(), bad);
  }

  void writerOutput() {
    Manifest m;
    HostSpec h;
    h.name = QStringLiteral("a");
    h.vip = QStringLiteral("127.0.42.1");
    h.cmd = QStringList{"ssh", "h"};
    h.ports = {PortSpec{80, QStringLiteral("127.0.0.1"), 8080, QStringLiteral("tcp")},
               PortSpec{53, QStringLiteral("dns"), 53, QStringLiteral("udp")}};
    h.loopbackDisable = true;
    h.stateDirDisable = true;
    m.hosts.append(h);
    m.routes.append(RouteSpec{
        QStringLiteral("a"), {QStringLiteral("10.0.0.0/8")}, {QStringLiteral("*.lan")}, 0});
    QCOMPARE(toYaml(m), QByteArray(R"(hosts:
  "a":
    vip: "127.0.42.1"
    cmd: ["ssh", "h"]
    ports: ["80:127.0.0.1:8080", "53:dns:53/udp"]
    loopback: {disable: true}
    stateDir: {disable: true}
routes:
  - via: "a"
    to: ["10.0.0.0/8", "*.lan"]
)"));
  }

  void roundTrip_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("spec example") << QByteArray(kSpecExample);
    // Double-quoted YAML with YAML's own escapes; not a raw string, which moc misreads.
    QTest::newRow("awkward strings") << QByteArray(
        "hosts:\n"
        "  \"true\":\n"
        "    vip: 127.0.42.1\n"
        "    cmd: [\"sh\", \"-c\", \"echo \\\"hi\\\" # not a comment\", \"\", \"null\", \"~\",\n"
        "          \" lead\", \"tab\\there\", \"new\\nline\", \"back\\\\slash\",\n"
        "          \"h\\u00e9 \\U0001F600\", \"\\u2028\", \"\\x7f\", \"\\x01\", \"single quote "
        "\\x27\", \"a: b\"]\n"
        "    http: {listen: \"127.0.0.1:8080\"}\n"
        "    stateDir: {pathOnAgent: \"${HOME}/#dir: x\"}\n"
        "    aliases: [\"yes\", \"123\", \"x.y\"]\n"
        "    writeEtcHosts: true\n"
        "  \"null\": {vip: 127.0.42.2}\n"
        "routes:\n"
        "  - {via: \"true\", to: [\"*\"]}\n"
        "  - {via: 1.2.3.4, to: [\"1.2.3.4/32\"]}\n");
  }
  void roundTrip() {
    QFETCH(QByteArray, yaml);
    const Manifest m = parsed(yaml);
    QVERIFY(!m.hosts.isEmpty());
    const QByteArray written = toYaml(m);
    const ManifestResult again = parseManifest(written, QStringLiteral("written.yaml"));
    const auto *e = std::get_if<ManifestError>(&again);
    QVERIFY2(!e, qPrintable(e ? e->toString() + QStringLiteral("\n") + QString::fromUtf8(written)
                              : QString()));
    const Manifest &m2 = std::get<Manifest>(again);
    QVERIFY2(m2.sameAs(m), written.constData());
    QVERIFY(m2.warnings.isEmpty());
    QCOMPARE(toYaml(m2), written);
  }

  void loadFromFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("mesh.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kSpecExample);
    f.close();
    const ManifestResult ok = loadManifest(path);
    QVERIFY(std::holds_alternative<Manifest>(ok));
    QCOMPARE(std::get<Manifest>(ok).hosts.size(), 4);

    const ManifestResult missing = loadManifest(dir.filePath(QStringLiteral("nope.yaml")));
    const auto *e = std::get_if<ManifestError>(&missing);
    QVERIFY(e);
    QVERIFY(
        e->toString().startsWith(dir.filePath(QStringLiteral("nope.yaml")) + QStringLiteral(": ")));

    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("hosts:\n  a: {vip: nope}\n");
    f.close();
    const ManifestResult bad = loadManifest(path);
    QVERIFY(std::holds_alternative<ManifestError>(bad));
    QVERIFY(std::get<ManifestError>(bad).toString().startsWith(path + QStringLiteral(":2:")));
  }

  // 10 levels of 10 aliases: 10^10 nodes once expanded, from well under 1 KB of text. The
  // error names the alias that crosses the budget, at its place.
  void billionLaughsRefused() {
    QByteArray yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      yaml += QByteArray(1, c) + ": &" + c + " [";
      for (int i = 0; i < 10; ++i) yaml += QByteArray(i ? ", *" : "*") + char(c - 1);
      yaml += "]\n";
    }
    yaml += "hosts: {h: {vip: 127.0.42.1, cmd: *j}}\n";
    QVERIFY(yaml.size() <= 1024);
    const ManifestError e = failed(yaml);
    QVERIFY2(e.message.contains(QStringLiteral("past %1 YAML nodes").arg(kMaxManifestNodes)),
             qPrintable(e.toString()));
    QVERIFY2(e.message.contains(QStringLiteral("alias *")), qPrintable(e.toString()));
    // 11 nodes per "a", 111 per "b", 1111 per "c", ...: "e" (111111 nodes) is the first that
    // cannot fit, and its eighth alias of "d" is the one that crosses 100,000.
    QCOMPARE(e.line, 5);
    const QByteArray line = yaml.split('\n')[e.line - 1];
    QVERIFY(e.column > 0 && e.column <= line.size());
    QCOMPARE(line.mid(e.column - 1, 2), QByteArray("*d"));
    QVERIFY(e.toString().startsWith(QStringLiteral("test.yaml:5:%1: ").arg(e.column)));
  }

  // The same through merge keys: each level merges ten copies of the level below.
  void mergeBombRefused() {
    QByteArray yaml = "l0: &l0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n";
    for (int level = 1; level <= 8; ++level) {
      const QByteArray prev = "*l" + QByteArray::number(level - 1);
      yaml += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " {<<: [";
      for (int i = 0; i < 10; ++i) yaml += (i ? ", " : "") + prev;
      yaml += "]}\n";
    }
    yaml += "hosts:\n  h:\n    <<: *l8\n    vip: 127.0.42.1\n";
    QVERIFY(yaml.size() <= 1024);
    const ManifestError e = failed(yaml);
    QVERIFY2(e.message.contains(QStringLiteral("past %1 YAML nodes").arg(kMaxManifestNodes)),
             qPrintable(e.toString()));
    QVERIFY(e.line > 1 && e.column > 0);
    QCOMPARE(yaml.split('\n')[e.line - 1].at(e.column - 1), '*');
  }

  // Without the budget a node count this size would pass; one node more is refused.
  void nodeBudgetIsExact() {
    // Nodes: root map 1, "hosts" 1, its map 1, "h" 1, h's map 1, "vip" 1, value 1 = 7;
    // "x" key 1 + list 1 + n items; "y" key 1 + list 1 + k aliases of (1 + n) each.
    const int n = 99, k = 990;
    auto document = [&](int padding) {
      QByteArray yaml = "hosts: {h: {vip: 127.0.42.1}}\nx: &x [";
      for (int i = 0; i < n; ++i) yaml += i ? ",a" : "a";
      yaml += "]\npad: [";
      for (int i = 0; i < padding; ++i) yaml += i ? ",p" : "p";
      yaml += "]\ny: [";
      for (int i = 0; i < k; ++i) yaml += i ? ",*x" : "*x";
      return yaml + "]\n";
    };
    const int fixed = 7 + (2 + n) + 2 + (2 + k * (1 + n));
    const int padding = int(kMaxManifestNodes) - fixed;
    QVERIFY(padding > 0);
    const Manifest ok = parsed(document(padding));
    QCOMPARE(ok.hosts.size(), 1);
    const ManifestError e = failed(document(padding + 1));
    QVERIFY2(e.message.contains(QStringLiteral("alias *x")), qPrintable(e.toString()));
    QCOMPARE(e.line, 4);
  }

  void hostCap() {
    auto hosts = [](int count) {
      QByteArray yaml = "hosts:\n";
      for (int i = 0; i < count; ++i)
        yaml += "  h" + QByteArray::number(i) + ": {vip: 127." + QByteArray::number(i / 200) + "." +
                QByteArray::number(i / 200 % 250) + "." + QByteArray::number(i % 200 + 1) + "}\n";
      return yaml;
    };
    const Manifest thousand = parsed(hosts(int(kMaxHosts)));
    QCOMPARE(thousand.hosts.size(), kMaxHosts);
    QCOMPARE(thousand.hosts.last().name, QStringLiteral("h999"));

    const ManifestError e = failed(hosts(10000));
    QCOMPARE(e.field, QStringLiteral("hosts"));
    QVERIFY2(e.message.contains(QStringLiteral("10000 hosts; at most 1000 are accepted")),
             qPrintable(e.toString()));
    QCOMPARE(e.line, 2 + int(kMaxHosts));  // the first host past the cap
    QCOMPARE(e.column, 3);
  }

  void vipOutsideLoopbackWarns() {
    const Manifest m = parsed(
        "hosts:\n  a: {vip: 127.0.42.255}\n  b: {vip: 192.168.1.255}\n  c: {vip: 10.1.2.3}\n");
    QCOMPARE(m.hosts.size(), 3);
    QCOMPARE(m.warnings.size(), 2);
    QVERIFY2(m.warnings[0].contains(QStringLiteral("\"hosts.b.vip\" at line 3: \"192.168.1.255\" "
                                                   "is outside 127.0.0.0/8")),
             qPrintable(m.warnings[0]));
    QVERIFY(m.warnings[0].contains(QStringLiteral("the agents listen on this address")));
    QVERIFY(m.warnings[0].contains(QStringLiteral("anyone on a network")));
    QVERIFY(m.warnings[1].contains(QStringLiteral("10.1.2.3")));
  }

  void hostNameLimits() {
    const QByteArray longest(253, 'n');
    const Manifest m = parsed("hosts:\n  " + longest + ": {vip: 127.0.42.1, aliases: [\"" +
                              QByteArray(251, 'a') + "\\u00e9\"]}\n");
    QCOMPARE(m.hosts.size(), 1);
    QCOMPARE(m.hosts[0].name, QString::fromLatin1(longest));
    // 252 ASCII bytes, a two-byte character and one more: 255 bytes.
    const ManifestError e = failed("hosts:\n  a: {vip: 127.0.42.1, aliases: [\"" +
                                   QByteArray(252, 'a') + "\\u00e9x\"]}\n");
    QCOMPARE(e.field, QStringLiteral("hosts.a.aliases[0]"));
    QVERIFY2(e.message.contains(QStringLiteral("255 bytes long")), qPrintable(e.toString()));
    // Any other Unicode text is a name, as for NoRouter.
    const Manifest unicode = parsed("hosts:\n  h\xc3\xb6st-\xe2\x82\xac: {vip: 127.0.42.1}\n");
    QCOMPARE(unicode.hosts[0].name, QStringLiteral("h\u00f6st-\u20ac"));
  }

  // shared/findings/manifest-roundtrip.yaml (3 minutes of fuzz_manifest): a host name of
  // bytes that are not UTF-8 parsed, but was written back as a different, longer name (each
  // bad byte became U+FFFD) that yaml-cpp then refused as a key over 1024 characters.
  void findingInvalidUtf8HostName() {
    QFile f(QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/data/manifest/manifest-roundtrip.yaml"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QByteArray finding = f.readAll();
    QCOMPARE(finding.size(), 824);
    const ManifestError e = failed(finding);
    QCOMPARE(e.line, 5);
    QCOMPARE(e.column, 3);
    QCOMPARE(e.field, QStringLiteral("hosts"));
    QVERIFY2(e.message.contains(QStringLiteral("not UTF-8 text: its byte 38 (0xd4)")),
             qPrintable(e.toString()));
  }

  // parse -> toYaml -> parse is the identity on every corpus input that parses (the fuzz
  // target checks the same on whatever it generates).
  void roundTripOnFuzzCorpus() {
    const QDir dir(QStringLiteral(ROUTELESS_SOURCE_DIR "/tests/fuzz/corpus/manifest"));
    const QStringList files = dir.entryList(QDir::Files);
    QVERIFY2(files.size() >= 3, qPrintable(dir.path()));
    int parsedCount = 0;
    for (const QString &name : files) {
      QFile f(dir.filePath(name));
      QVERIFY(f.open(QIODevice::ReadOnly));
      const ManifestResult r = parseManifest(f.readAll(), name);
      if (const auto *e = std::get_if<ManifestError>(&r)) {
        QVERIFY2(!e->message.isEmpty(), qPrintable(name));
        continue;
      }
      ++parsedCount;
      const Manifest &m = std::get<Manifest>(r);
      const QByteArray written = toYaml(m);
      const ManifestResult again = parseManifest(written, name + QStringLiteral(".written"));
      const auto *e2 = std::get_if<ManifestError>(&again);
      QVERIFY2(!e2, qPrintable(name + QStringLiteral(": ") + (e2 ? e2->toString() : QString())));
      const Manifest &m2 = std::get<Manifest>(again);
      QVERIFY2(m2.sameAs(m), qPrintable(name));
      QCOMPARE(toYaml(m2), written);
      for (const QString &w : m2.warnings)
        QVERIFY2(!w.startsWith(QLatin1String("unknown field")), qPrintable(name + w));
    }
    QVERIFY(parsedCount >= 3);
  }

  void mergeKeyOrderWarns() {
    const Manifest m = parsed(R"(base: &base {vip: 127.0.42.9, loopback: {disable: true}}
hosts:
  a:
    vip: 127.0.42.1
    <<: *base
  b:
    <<: *base
    vip: 127.0.42.2
)");
    QCOMPARE(m.hosts[0].vip, QStringLiteral("127.0.42.1"));  // own keys win, as YAML says
    QVERIFY(m.hosts[0].loopbackDisable);
    QCOMPARE(m.hosts[1].vip, QStringLiteral("127.0.42.2"));
    // Only a's order means something else to NoRouter, which applies pairs in order.
    QCOMPARE(m.warnings.size(), 2);  // and "base" is an unknown top-level field
    QVERIFY2(m.warnings[1].contains(QStringLiteral("\"hosts.a.vip\" at line 4 is also set by a "
                                                   "merge key")),
             qPrintable(m.warnings.join(QLatin1Char('\n'))));
    QVERIFY(m.warnings[1].contains(QStringLiteral("NoRouter 0.6.5 uses the merged one")));
  }

  void warningsAreCapped() {
    QByteArray yaml = "hosts:\n  a:\n    vip: 127.0.42.1\n";
    for (int i = 0; i < 500; ++i) yaml += "    x" + QByteArray::number(i) + ": 1\n";
    const Manifest m = parsed(yaml);
    QCOMPARE(m.warnings.size(), kMaxWarnings + 1);
    QCOMPARE(m.warnings.last(), QStringLiteral("... and 400 more warnings not shown"));
  }

  // Inputs that once crashed YAML parsers: each must give a result or an error, never a crash.
  void hostileInputs_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("deep flow") << QByteArray(5000, '[');
    QTest::newRow("deep flow closed") << QByteArray(3000, '[') + QByteArray(3000, ']');
    QTest::newRow("deep maps") << QByteArray(4000, '{');
    QByteArray block;
    for (int i = 0; i < 1000; ++i) block += QByteArray(i, ' ') + "a:\n";
    QTest::newRow("deep block") << block;
    QTest::newRow("self alias") << QByteArray("hosts: &h {a: *h}\n");
    QTest::newRow("self merge") << QByteArray("hosts:\n  a: &a\n    <<: *a\n    vip: 127.0.42.1\n");
    QTest::newRow("undefined alias") << QByteArray("hosts: *nope\n");
    QByteArray laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c)
      laughs += QByteArray(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
                char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
    QTest::newRow("laughs") << laughs + "hosts: {x: {vip: 127.0.42.1, cmd: *j}}\n";
    QTest::newRow("nul bytes") << QByteArray("hosts:\n  a: {vip: \"127\0.0.0.1\"}\n", 32);
    QTest::newRow("binary") << QByteArray::fromHex("fffe00ff1b5b306d00c3");
    QTest::newRow("utf16 bom") << QByteArray::fromHex("fffe68006f00");
    QTest::newRow("tags") << QByteArray("hosts: !!map {a: !!str {vip: !foo 127.0.42.1}}\n");
    QTest::newRow("multi doc") << QByteArray("hosts: {a: {vip: 127.0.42.1}}\n---\nhosts: 1\n");
    QTest::newRow("directive") << QByteArray("%YAML 1.2\n%TAG ! !x\n---\nhosts: {}\n");
  }
  void hostileInputs() {
    QFETCH(QByteArray, yaml);
    const ManifestResult r = parseManifest(yaml, kFile);
    if (const auto *e = std::get_if<ManifestError>(&r)) {
      QVERIFY(!e->message.isEmpty());
    } else {
      QVERIFY(!std::get<Manifest>(r).hosts.isEmpty());
      QVERIFY(!toYaml(std::get<Manifest>(r)).isEmpty());
    }
  }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
