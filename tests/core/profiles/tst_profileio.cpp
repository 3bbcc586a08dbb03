// Profile import/export: round trips through every format and one case per malformed input,
// each of which must fail as a whole and name the line or field at fault.
#include <QtTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

#include "profiles/demoports.h"
#include "profiles/profile.h"
#include "profiles/profileio.h"
#include "profiles/redaction.h"

using namespace routeless::profiles;

namespace {

Profile richProfile() {
  Profile p = demoProfile();
  p.id = QStringLiteral("rich");
  p.name = QStringLiteral("Rich profile");
  p.mesh.hosts[0].stateDirPath = QStringLiteral("/home/someone/.routeless/agent");
  p.mesh.hosts[1].cmd = {QStringLiteral("ssh"), QStringLiteral("me@example.net"),
                         QStringLiteral("--"), QStringLiteral("routeless-node")};
  p.mesh.hosts[1].aliases = {QStringLiteral("beta.internal")};
  p.mesh.hosts[1].zeroInstall = true;  // the profile and the manifest both keep it
  routeless::mesh::RouteSpec r;
  r.via = QStringLiteral("beta");
  r.toCidr = {QStringLiteral("10.0.0.0/8")};
  r.toHostnameGlob = {QStringLiteral("*.corp")};
  p.mesh.routes.append(r);
  p.tunnels.append({QStringLiteral("tls"),
                    QStringLiteral("server://s3cret@0.0.0.0:10101/127.0.0.1:8080?tls=2&crt=/etc/np/"
                                   "c.pem&key=/etc/np/k.pem"),
                    false});
  // The pool transport and the PROXY version live in the URL: every format carries them.
  p.tunnels.append({QStringLiteral("quic"),
                    QStringLiteral("server://0.0.0.0:10102/127.0.0.1:8443?tls=1&type=1&proxy=2"),
                    true});
  p.masters.append({QStringLiteral("m"), QStringLiteral("https://master.example.net:9090"),
                    QStringLiteral("/api"), QStringLiteral("api-key-123")});
  return p;
}

ProfileError importError(const QByteArray &data, ImportFormat f = ImportFormat::Auto) {
  const auto r = importProfiles(data, QStringLiteral("input.txt"), QStringLiteral("Imported"), f);
  if (const auto *e = std::get_if<ProfileError>(&r)) return *e;
  return ProfileError{QStringLiteral("<none>"), -1, {}, QStringLiteral("unexpectedly imported")};
}

QList<Profile> imported(const QByteArray &data,
                        const QString &source = QStringLiteral("links.txt")) {
  const auto r = importProfiles(data, source, QStringLiteral("Imported"));
  if (const auto *e = std::get_if<ProfileError>(&r)) {
    qWarning() << e->toString();
    return {};
  }
  return std::get<ImportOutcome>(r).profiles;
}

QByteArray errorText(const ProfileResult &r) {
  const auto *e = std::get_if<ProfileError>(&r);
  return e ? e->toString().toUtf8() : QByteArray();
}

}  // namespace

class TestProfileIo : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void demoProfileIsValid() {
    const Profile p = demoProfile();
    QVERIFY(!validateProfile(p, QStringLiteral("demo")));
    QCOMPARE(p.mesh.hosts.size(), 2);
    QVERIFY(p.mesh.hosts[1].loopbackDisable);
    QVERIFY(p.builtinResponder);
  }

  // Tests move the demo to ports they picked (ROUTELESS_TEST_DEMO_PORTS); without the variable,
  // or with a malformed one, the demo keeps the ports a user sees.
  void demoPortsForTestsOnly() {
    qunsetenv("ROUTELESS_TEST_DEMO_PORTS");
    const Profile fixed = demoProfile();
    QCOMPARE(fixed.mesh.hosts[1].ports[0].listenPort, kDemoForwardPort);
    QCOMPARE(fixed.mesh.hosts[1].ports[0].connectPort, kDemoResponderPort);
    QVERIFY(fixed.tunnels[0].url.contains(QStringLiteral(":%1/").arg(kDemoTunnelPort)));
    for (const char *bad : {"1,2,3", "1,2,3,x", "1,2,3,70000", "0,2,3,4", ""}) {
      qputenv("ROUTELESS_TEST_DEMO_PORTS", bad);
      QVERIFY2(demoProfile().sameAs(fixed), bad);
    }
    qputenv("ROUTELESS_TEST_DEMO_PORTS", "41001, 41002,41003,41004");
    const Profile moved = demoProfile();
    qunsetenv("ROUTELESS_TEST_DEMO_PORTS");
    QVERIFY(!validateProfile(moved, QStringLiteral("demo")));
    QCOMPARE(moved.mesh.hosts[1].ports[0].listenPort, quint16(41001));
    QCOMPARE(moved.mesh.hosts[1].ports[0].connectPort, quint16(41002));
    QCOMPARE(
        moved.tunnels[0].url,
        QStringLiteral("server://routeless-demo@127.0.0.1:41003/127.0.0.1:41002?mode=2&log=warn"));
    QCOMPARE(
        moved.tunnels[1].url,
        QStringLiteral("client://routeless-demo@127.0.0.1:41003/127.0.0.1:41004?mode=2&log=warn"));
  }

  void jsonRoundTripKeepsEverythingWhenAsked() {
    const Profile p = richProfile();
    const QByteArray json = profileToJson(p, {true, true});
    const auto back = profileFromJson(json, QStringLiteral("x.json"));
    QVERIFY2(std::holds_alternative<Profile>(back), errorText(back).constData());
    QVERIFY(std::get<Profile>(back).sameAs(p));
  }

  void jsonExportStripsSecretsAndPathsByDefault() {
    const QByteArray json = exportProfile(richProfile(), ExportFormat::RoutelessJson, {});
    QVERIFY(!json.contains("s3cret"));
    QVERIFY(!json.contains("api-key-123"));
    QVERIFY(!json.contains("/etc/np/"));
    QVERIFY(!json.contains("/home/someone"));
    // What remains is still a valid profile.
    const auto back = profileFromJson(json, QStringLiteral("shared.json"));
    QVERIFY(std::holds_alternative<Profile>(back));
    QCOMPARE(std::get<Profile>(back).tunnels[2].url,
             QStringLiteral("server://0.0.0.0:10101/127.0.0.1:8080?tls=2"));
    QCOMPARE(std::get<Profile>(back).tunnels[3].url,
             QStringLiteral("server://0.0.0.0:10102/127.0.0.1:8443?tls=1&type=1&proxy=2"));
  }

  void jsonExportCanKeepSecretsOnly() {
    const QByteArray json =
        exportProfile(richProfile(), ExportFormat::RoutelessJson, {true, false});
    QVERIFY(json.contains("s3cret"));
    QVERIFY(json.contains("api-key-123"));
    QVERIFY(!json.contains("/etc/np/"));
  }

  void yamlRoundTrip() {
    const Profile p = richProfile();
    const QByteArray yaml = exportProfile(p, ExportFormat::NoRouterYaml, {true, true});
    const QList<Profile> back = imported(yaml, QStringLiteral("mesh.yaml"));
    QCOMPARE(back.size(), 1);
    QVERIFY(back[0].mesh.sameAs(p.mesh));
    QCOMPARE(back[0].name, QStringLiteral("mesh"));
  }

  void yamlExportLeavesOutStateDirUnlessAsked() {
    QVERIFY(
        !exportProfile(richProfile(), ExportFormat::NoRouterYaml, {}).contains("/home/someone"));
    QVERIFY(exportProfile(richProfile(), ExportFormat::NoRouterYaml, {false, true})
                .contains("/home/someone"));
  }

  // Host commands with the password-like words redaction.h knows; exports without secrets
  // drop them and say so at the top of the text and in the out-list.
  void exportSaysWhatItRemoved() {
    Profile p = richProfile();
    p.mesh.hosts[0].cmd = {QStringLiteral("env"), QStringLiteral("SSHPASS=abc"),
                           QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("tool --password=zz9 && routeless-node")};
    p.mesh.hosts[1].cmd = {QStringLiteral("sshpass"),
                           QStringLiteral("-p"),
                           QStringLiteral("hunter2"),
                           QStringLiteral("ssh"),
                           QStringLiteral("-o"),
                           QStringLiteral("ProxyCommand=curl https://me:pw77@proxy.example/x"),
                           QStringLiteral("me@example.net"),
                           QStringLiteral("--"),
                           QStringLiteral("routeless-node")};
    QStringList removed;
    const QByteArray yaml = exportProfile(p, ExportFormat::NoRouterYaml, {}, &removed);
    const QStringList meshRemoved = {
        QStringLiteral("host \"alpha\" cmd: the value of SSHPASS="),
        QStringLiteral("host \"alpha\" cmd: the value of --password"),
        QStringLiteral("host \"alpha\" stateDir: its path"),
        QStringLiteral("host \"beta\" cmd: the password after sshpass -p"),
        QStringLiteral("host \"beta\" cmd: the password of a user:password@ URL")};
    QCOMPARE(removed, meshRemoved);
    for (const char *secret : {"abc", "zz9", "hunter2", "pw77", "/home/someone"})
      QVERIFY2(!yaml.contains(secret), secret);
    QVERIFY2(yaml.startsWith("# Exported by Routeless without secrets or local paths; removed "
                             "(REDACTED marks where):\n#   - host \"alpha\" cmd: the value of "
                             "SSHPASS=\n"),
             yaml.constData());
    for (const QString &r : meshRemoved) QVERIFY(yaml.contains(("#   - " + r).toUtf8()));
    // Still a manifest, with the commands' shape kept.
    const QList<Profile> back = imported(yaml, QStringLiteral("shared.yaml"));
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].mesh.hosts[1].cmd.size(), p.mesh.hosts[1].cmd.size());
    QCOMPARE(back[0].mesh.hosts[1].cmd[2], QLatin1String(kRedacted));
    QCOMPARE(back[0].mesh.hosts[0].cmd[4],
             QStringLiteral("tool --password=REDACTED && routeless-node"));

    // JSON carries everything, so its list has the tunnel's key and the master's API key too.
    const QByteArray json = exportProfile(p, ExportFormat::RoutelessJson, {}, &removed);
    QVERIFY(removed.contains(QStringLiteral("tunnel \"tls\": its key")));
    QVERIFY(removed.contains(QStringLiteral("tunnel \"tls\": its certificate and key file paths")));
    QVERIFY(removed.contains(QStringLiteral("master \"m\": its API key")));
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QStringLiteral("removed")).toArray().size(), removed.size());
    QVERIFY(std::holds_alternative<Profile>(profileFromJson(json, QStringLiteral("shared.json"))));

    // URL lines: comments (which importers skip) for the tunnel key and the dropped master.
    const QByteArray lines = exportProfile(p, ExportFormat::NodePassUrls, {}, &removed);
    QCOMPARE(removed, QStringList({QStringLiteral("tunnel \"demo server\": its key"),
                                   QStringLiteral("tunnel \"demo client\": its key"),
                                   QStringLiteral("tunnel \"tls\": its key"),
                                   QStringLiteral("tunnel \"tls\": its certificate and key file "
                                                  "paths"),
                                   QStringLiteral("master \"m\": its link (it would carry the "
                                                  "API key)")}));
    QVERIFY(lines.startsWith("# Exported by Routeless"));
    QCOMPARE(imported(lines).value(0).tunnels.size(), p.tunnels.size());

    // With everything asked for, nothing is removed and nothing is said.
    const QByteArray full = exportProfile(p, ExportFormat::NoRouterYaml, {true, true}, &removed);
    QVERIFY(removed.isEmpty());
    QVERIFY(!full.startsWith('#'));
    QVERIFY(full.contains("hunter2"));
  }

  void exportFileIsOwnerOnly() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("with-keys.json"));
    QString error;
    QStringList removed;
#ifdef Q_OS_UNIX
    const mode_t old = ::umask(0);
#endif
    const bool ok = exportProfileToFile(richProfile(), ExportFormat::RoutelessJson, {true, false},
                                        path, &error, &removed);
#ifdef Q_OS_UNIX
    ::umask(old);
#endif
    QVERIFY2(ok, qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), exportProfile(richProfile(), ExportFormat::RoutelessJson, {true, false}));
    QCOMPARE(f.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(!removed.isEmpty());  // the local paths
    QVERIFY(
        !exportProfileToFile(richProfile(), ExportFormat::RoutelessJson, {}, dir.path(), &error));
  }

  // Found by fuzz_profile_import: a manifest route without destinations (NoRouter accepts it,
  // with our warning) imported from YAML, but the profile's own JSON did not load again.
  void routeWithoutDestinationsRoundTrips() {
    const QList<Profile> fromYaml = imported(
        "hosts: {a: {vip: 127.0.42.1}}\nroutes:\n  - {via: a, to: []}\n", QStringLiteral("m.yaml"));
    QCOMPARE(fromYaml.size(), 1);
    QCOMPARE(fromYaml[0].mesh.routes.size(), 1);
    const auto back = profileFromJson(profileToJson(fromYaml[0]), QStringLiteral("m.json"));
    QVERIFY2(std::holds_alternative<Profile>(back), errorText(back).constData());
    QVERIFY(std::get<Profile>(back).mesh.sameAs(fromYaml[0].mesh));
  }

  void urlLinesRoundTrip() {
    const Profile p = richProfile();
    const QByteArray lines = exportProfile(p, ExportFormat::NodePassUrls, {true, true});
    QCOMPARE(lines.count('\n'), p.tunnels.size() + p.masters.size());
    const QList<Profile> back = imported(lines);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].tunnels.size(), p.tunnels.size());
    for (int i = 0; i < p.tunnels.size(); ++i) QCOMPARE(back[0].tunnels[i].url, p.tunnels[i].url);
    QCOMPARE(back[0].masters.size(), 1);
    QCOMPARE(back[0].masters[0].url, p.masters[0].url);
    QCOMPARE(back[0].masters[0].apiKey, p.masters[0].apiKey);
  }

  void urlLinesWithoutSecretsDropMasterLinks() {
    const QByteArray lines = exportProfile(richProfile(), ExportFormat::NodePassUrls, {});
    QVERIFY(!lines.contains("np://"));
    QVERIFY(!lines.contains("s3cret"));
  }

  void urlLinesSkipCommentsAndBlankLines() {
    const QList<Profile> back =
        imported("# my tunnels\n\nclient://k@server.example.net:10101/127.0.0.1:8080\n  \n");
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].tunnels.size(), 1);
    QCOMPARE(back[0].name, QStringLiteral("links"));
  }

  void masterLinkDecodes() {
    const QByteArray url = QByteArray("https://np.example.net:9090/admin").toBase64();
    const QByteArray key = QByteArray("k3y").toBase64();
    QString why;
    const auto m = parseMasterLink(QStringLiteral("np://master?url=%1&key=%2")
                                       .arg(QString::fromLatin1(url), QString::fromLatin1(key)),
                                   &why);
    QVERIFY2(m, qPrintable(why));
    QCOMPARE(m->url, QStringLiteral("https://np.example.net:9090"));
    QCOMPARE(m->apiPath, QStringLiteral("/admin"));
    QCOMPARE(m->apiKey, QStringLiteral("k3y"));
  }

  void dashBackupV1() {
    const QByteArray backup =
        "{ \"version\": \"1.0\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"data\": "
        "{\"endpoints\": [ {\"name\": \"tokyo\", \"url\": \"https://tokyo.example.net:9090\", "
        "\"apiPath\": \"/api\", \"apiKey\": \"abc\", \"status\": \"ONLINE\", \"tunnels\": [ "
        "{\"name\": \"web\", \"mode\": \"server\", \"status\": \"running\", \"tunnelAddress\": "
        "\"0.0.0.0\", \"tunnelPort\": \"10101\", \"targetAddress\": \"127.0.0.1\", \"targetPort\": "
        "\"8080\", \"tlsMode\": \"1\", \"logLevel\": \"debug\", \"commandLine\": \"\", "
        "\"instanceId\": \"a1\"}, {\"name\": \"db\", \"mode\": \"client\", \"status\": "
        "\"stopped\", \"tunnelAddress\": \"1.2.3.4\", \"tunnelPort\": \"10102\", "
        "\"targetAddress\": \"127.0.0.1\", \"targetPort\": \"5432\", \"tlsMode\": \"inherit\", "
        "\"logLevel\": \"inherit\", \"commandLine\": "
        "\"client://key@1.2.3.4:10102/127.0.0.1:5432\", \"instanceId\": \"a2\"}]}, {\"name\": "
        "\"empty\", \"url\": \"http://10.0.0.9:9090\", \"apiPath\": \"/api\", \"apiKey\": "
        "\"x\"}]}}";
    const QList<Profile> back = imported(backup, QStringLiteral("backup.json"));
    QCOMPARE(back.size(), 2);
    QCOMPARE(back[0].name, QStringLiteral("tokyo"));
    QCOMPARE(back[0].masters[0].apiKey, QStringLiteral("abc"));
    QCOMPARE(back[0].tunnels.size(), 2);
    QCOMPARE(back[0].tunnels[0].url,
             QStringLiteral("server://0.0.0.0:10101/127.0.0.1:8080?log=debug&tls=1"));
    QCOMPARE(back[0].tunnels[1].url, QStringLiteral("client://key@1.2.3.4:10102/127.0.0.1:5432"));
    QVERIFY(!back[0].tunnels[0].autostart);
    QCOMPARE(back[1].tunnels.size(), 0);
    QVERIFY(back[0].id != back[1].id);
  }

  // A tunnel URL is printable text without spaces, a name printable text (tunneltext.h):
  // lines with bytes that are not UTF-8 or with control characters are refused at import,
  // naming the line, so that nothing is saved that would not load again.
  void tunnelTextRefusedAtImport_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("not UTF-8 in the target")
        << QByteArray("# ok\nclient://k@relay.example:7000/127.0.0.1:9000\xff\n") << 2
        << QStringLiteral("not valid UTF-8 text");
    QTest::newRow("UTF-8-encoded surrogate")
        << QByteArray("server://k\xed\xa0\x80@:10101/127.0.0.1:80\n") << 1
        << QStringLiteral("not valid UTF-8 text");
    QTest::newRow("control byte in the key") << QByteArray("server://k\x01y@:10101/127.0.0.1:80\n")
                                             << 1 << QStringLiteral("holds character U+0001 at 11");
    QTest::newRow("tab inside") << QByteArray("server://:10101/127.0.0.1:80?log=\twarn\n") << 1
                                << QStringLiteral("holds character U+0009 at 34");
    QTest::newRow("zero-width space (format)")
        << QByteArray("client://relay.example:7000/127.0.0.1:9000\xe2\x80\x8b\n") << 1
        << QStringLiteral("holds character U+200B at 43");
    QTest::newRow("device link with DEL")
        << QByteArray(
               "client://relay.example:7000/127.0.0.1:9000\ndevice://tok\x7f"
               "en@relay.example:8443/dev?target=*=127.0.0.1:80\n")
        << 2 << QStringLiteral("holds character U+007F at 13");
  }

  void tunnelTextRefusedAtImport() {
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, message);
    const ProfileError e = importError(input);
    QCOMPARE(e.line, line);
    QVERIFY2(e.message.startsWith(message), qPrintable(e.toString()));
  }

  void tunnelNamesArePrintable() {
    Profile p = demoProfile();
    p.tunnels[0].name = QStringLiteral("web\x07server");
    const auto back = profileFromJson(profileToJson(p, {true, true}), QStringLiteral("p.json"));
    QVERIFY(std::holds_alternative<ProfileError>(back));
    QCOMPARE(std::get<ProfileError>(back).field, QStringLiteral("tunnels[0].name"));
    QVERIFY2(std::get<ProfileError>(back).message.contains(QStringLiteral("U+0007")),
             errorText(back).constData());
    p.tunnels[0].name = QString(201, QLatin1Char('n'));
    QVERIFY(validateProfile(p, QStringLiteral("p")));
    // Printable text of any script, with spaces, is a name; so is none (the URL names it).
    for (const QString &name :
         {QStringLiteral("офис web · 办公室"), QStringLiteral("a  b"), QString()}) {
      p.tunnels[0].name = name;
      QVERIFY2(!validateProfile(p, QStringLiteral("p")), qPrintable(name));
    }
    // NodePassDash names come through the same rule.
    const QByteArray backup =
        "{\"version\": \"1.0\", \"data\": {\"endpoints\": [{\"name\": \"m\", \"url\": "
        "\"http://10.0.0.9:9090\", \"tunnels\": [{\"name\": \"a\\u001bb\", \"mode\": \"client\", "
        "\"commandLine\": \"client://k@1.2.3.4:10102/127.0.0.1:5432\"}]}]}}";
    const ProfileError e = importError(backup);
    QCOMPARE(e.field, QStringLiteral("data.endpoints[0].tunnels[0].name"));
  }

  void dashBackupKeepsRunModeAndProxy() {
    // Newer NodePassDash records: `type` is the role, `mode` the run mode (a number), and
    // `proxyProtocol` a bool; a command line with the pool transport is used as it is.
    const QByteArray backup =
        "{\"version\": \"1.0\", \"data\": {\"endpoints\": [{\"name\": \"osaka\", \"url\": "
        "\"https://osaka.example.net:9090\", \"apiPath\": \"/api\", \"apiKey\": \"k\", "
        "\"tunnels\": [{\"name\": \"p\", \"type\": \"server\", \"mode\": 2, "
        "\"tunnelAddress\": \"0.0.0.0\", \"tunnelPort\": \"10101\", \"targetAddress\": "
        "\"127.0.0.1\", \"targetPort\": \"8080\", \"tlsMode\": \"1\", \"logLevel\": "
        "\"inherit\", \"proxyProtocol\": true, \"commandLine\": \"\"}, {\"name\": \"q\", "
        "\"type\": \"client\", \"mode\": 0, \"tunnelAddress\": \"1.2.3.4\", \"tunnelPort\": "
        "\"10102\", \"targetAddress\": \"127.0.0.1\", \"targetPort\": \"22\", "
        "\"proxyProtocol\": false, \"commandLine\": "
        "\"client://k@1.2.3.4:10102/127.0.0.1:22?type=1&proxy=2\"}]}]}}";
    const QList<Profile> back = imported(backup, QStringLiteral("backup.json"));
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].tunnels.size(), 2);
    QCOMPARE(back[0].tunnels[0].url,
             QStringLiteral("server://0.0.0.0:10101/127.0.0.1:8080?tls=1&mode=2&proxy=1"));
    QCOMPARE(back[0].tunnels[1].url,
             QStringLiteral("client://k@1.2.3.4:10102/127.0.0.1:22?type=1&proxy=2"));
  }

  void malformed_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray("  \n") << 0 << QString() << QStringLiteral("empty");
    QTest::newRow("json syntax") << QByteArray(
                                        "{\n\"format\": \"routeless-profile\",\n\"name\": }\n")
                                 << 3 << QString() << QString();
    QTest::newRow("json not object") << QByteArray("[1]") << 1 << QString() << QString();
    QTest::newRow("json wrong format") << QByteArray("{\"format\": \"other\", \"name\": \"x\"}")
                                       << 0 << QStringLiteral("format") << QString();
    QTest::newRow("json version too new")
        << QByteArray("{\"format\": \"routeless-profile\", \"version\": 99, \"name\": \"x\"}") << 0
        << QStringLiteral("version") << QStringLiteral("newer");
    QTest::newRow("json no name") << QByteArray(
                                         "{\"format\": \"routeless-profile\", \"version\": 1}")
                                  << 0 << QStringLiteral("name") << QStringLiteral("missing");
    QTest::newRow("json bad vip")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"mesh\": "
               "{\"hosts\": [{\"name\": \"a\", \"vip\": \"127.0.42.1\"}, {\"name\": \"b\", "
               "\"vip\": \"300.1.1.1\"}]}}")
        << 0 << QStringLiteral("mesh.hosts[1].vip") << QString();
    QTest::newRow("json vip any")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"mesh\": "
               "{\"hosts\": [{\"name\": \"a\", \"vip\": \"0.0.0.0\"}]}}")
        << 0 << QStringLiteral("mesh.hosts[0].vip") << QStringLiteral("every interface");
    QTest::newRow("json host name too long")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", "
               "\"mesh\": {\"hosts\": [{\"name\": \"") +
               QByteArray(300, 'n') + "\", \"vip\": \"127.0.42.1\"}]}}"
        << 0 << QStringLiteral("mesh.hosts[0]") << QStringLiteral("253 bytes");
    QTest::newRow("json bad port")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"mesh\": "
               "{\"hosts\": [{\"name\": \"a\", \"vip\": \"127.0.42.1\", \"ports\": [\"80:x\"]}]}}")
        << 0 << QStringLiteral("mesh.hosts[0].ports[0]") << QString();
    QTest::newRow("json cmd not list")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"mesh\": "
               "{\"hosts\": [{\"name\": \"a\", \"vip\": \"127.0.42.1\", \"cmd\": \"ssh\"}]}}")
        << 0 << QStringLiteral("mesh.hosts[0].cmd") << QString();
    QTest::newRow("json bad tunnel url")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"tunnels\": "
               "[{\"name\": \"t\", \"url\": \"server://0.0.0.0:99999/127.0.0.1:80\"}]}")
        << 0 << QStringLiteral("tunnels[0].url") << QString();
    QTest::newRow("json master tunnel")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"tunnels\": "
               "[{\"name\": \"t\", \"url\": \"master://0.0.0.0:9090\"}]}")
        << 0 << QStringLiteral("tunnels[0].url") << QString();
    QTest::newRow("json bad master url")
        << QByteArray(
               "{\"format\": \"routeless-profile\", \"version\": 1, \"name\": \"x\", \"masters\": "
               "[{\"url\": \"ftp://x\"}]}")
        << 0 << QStringLiteral("masters[0].url") << QString();
    QTest::newRow("yaml bad vip")
        << QByteArray("hosts:\n  a:\n    vip: \"127.0.42.1\"\n  b:\n    vip: nope\n") << 5
        << QStringLiteral("hosts.b.vip") << QString();
    QTest::newRow("yaml syntax") << QByteArray("hosts:\n  a: [\n") << -1 << QString() << QString();
    QTest::newRow("url bad line")
        << QByteArray("server://0.0.0.0:10101/127.0.0.1:80\n# ok\nserver://0.0.0.0:0/x:1\n") << 3
        << QStringLiteral("url") << QString();
    QTest::newRow("url unknown scheme")
        << QByteArray("client://k@h.example:1/127.0.0.1:2\nhttp://example.com\n") << 2 << QString()
        << QStringLiteral("expected");
    QTest::newRow("np bad base64") << QByteArray("np://master?url=%%%&key=YQ==\n") << 1
                                   << QStringLiteral("np://") << QStringLiteral("base64");
    QTest::newRow("np not http") << QByteArray("np://master?url=" +
                                               QByteArray("ftp://x").toBase64() + "\n")
                                 << 1 << QStringLiteral("np://") << QStringLiteral("http");
    QTest::newRow("np no url") << QByteArray("np://master?key=YQ==\n") << 1
                               << QStringLiteral("np://") << QStringLiteral("missing");
    QTest::newRow("dash v2") << QByteArray("{\"version\": \"2.0\", \"data\": {\"endpoints\": []}}")
                             << 0 << QStringLiteral("version") << QStringLiteral("not supported");
    QTest::newRow("dash endpoints not list")
        << QByteArray("{\"version\": \"1.0\", \"data\": {\"endpoints\": {}}}") << 0
        << QStringLiteral("data.endpoints") << QString();
    QTest::newRow("dash bad mode")
        << QByteArray(
               "{\"version\": \"1.0\", \"data\": {\"endpoints\": [{\"name\": \"a\", \"url\": "
               "\"http://h:1\", \"tunnels\": [{\"name\": \"t\", \"mode\": \"relay\"}]}]}}")
        << 0 << QStringLiteral("data.endpoints[0].tunnels[0].mode") << QString();
    QTest::newRow("dash bad port")
        << QByteArray(
               "{\"version\": \"1.0\", \"data\": {\"endpoints\": [{\"name\": \"a\", \"url\": "
               "\"http://h:1\", \"tunnels\": [{\"name\": \"t\", \"mode\": \"server\", "
               "\"tunnelAddress\": \"\", \"tunnelPort\": \"x\", \"targetAddress\": \"127.0.0.1\", "
               "\"targetPort\": \"80\"}]}]}}")
        << 0 << QStringLiteral("data.endpoints[0].tunnels[0]") << QString();
  }

  // The manifest limits hold for imports too (issue 10: a profileImport of a merge bomb or of
  // 10,000 hosts), with the manifest's line and column.
  void yamlImportLimits() {
    QByteArray bomb = "l0: &l0 {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7}\n";
    for (int level = 1; level <= 8; ++level) {
      const QByteArray prev = "*l" + QByteArray::number(level - 1);
      bomb += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " {<<: [";
      for (int i = 0; i < 10; ++i) bomb += (i ? ", " : "") + prev;
      bomb += "]}\n";
    }
    bomb += "hosts:\n  h:\n    <<: *l8\n    vip: 127.0.42.1\n";
    const ProfileError e = importError(bomb, ImportFormat::NoRouterYaml);
    QVERIFY2(e.message.contains(QStringLiteral("YAML nodes")), qPrintable(e.toString()));
    QVERIFY(e.line > 0 && e.column > 0);
    QVERIFY(e.toString().startsWith(QStringLiteral("input.txt:%1:%2: ").arg(e.line).arg(e.column)));

    QByteArray many = "hosts:\n";
    for (int i = 0; i < 10000; ++i)
      many += "  h" + QByteArray::number(i) + ": {vip: 127.1." + QByteArray::number(i / 200) + "." +
              QByteArray::number(i % 200 + 1) + "}\n";
    const ProfileError cap = importError(many);
    QCOMPARE(cap.field, QStringLiteral("hosts"));
    QVERIFY2(cap.message.contains(QStringLiteral("at most 1000")), qPrintable(cap.toString()));
    QCOMPARE(cap.toString().left(18), QStringLiteral("input.txt:1002:3: "));

    const ProfileError vip = importError("hosts:\n  a: {vip: 0.0.0.0}\n");
    QCOMPARE(vip.toString().left(31), QStringLiteral("input.txt:2:12: hosts.a.vip: \"0"));
  }

  void malformed() {
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const ProfileError e = importError(input);
    QVERIFY2(e.line != -1 || e.source != QLatin1String("<none>"), "input was accepted");
    QCOMPARE(e.source, QStringLiteral("input.txt"));
    if (line >= 0)
      QCOMPARE(e.line, line);
    else
      QVERIFY(e.line > 0);
    if (!field.isEmpty()) QVERIFY2(e.field.startsWith(field), qPrintable(e.toString()));
    if (!message.isEmpty()) QVERIFY2(e.message.contains(message), qPrintable(e.toString()));
    QVERIFY(!e.message.isEmpty());
  }

  void deviceLinksImportAndExport() {
    const QString device = QStringLiteral(
        "device://t0k3n@relay.example.net:8443/laptop?target=*=127.0.0.1:8080&tls=1&ca=/etc/"
        "ca.pem");
    const QList<Profile> back =
        imported("client://k@server.example.net:10101/127.0.0.1:8080\n" + device.toUtf8() + "\n");
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].tunnels.size(), 2);
    QCOMPARE(back[0].tunnels[1].url, device);
    QCOMPARE(back[0].tunnels[1].name, QStringLiteral("device laptop"));
    // NodePass reads URL lines: the device link stays out of them.
    const QByteArray lines = exportProfile(back[0], ExportFormat::NodePassUrls, {true, true});
    QVERIFY(!lines.contains("device://"));
    QVERIFY(lines.contains("client://"));
    // Without secrets the token becomes a placeholder and the CA path goes: still importable.
    const QByteArray json = exportProfile(back[0], ExportFormat::RoutelessJson, {});
    QVERIFY(!json.contains("t0k3n"));
    QVERIFY(!json.contains("/etc/ca.pem"));
    QVERIFY(json.contains(kRemovedToken));
    QCOMPARE(imported(json, QStringLiteral("p.json")).size(), 1);
    // With them the JSON round trip is exact.
    const QByteArray full = exportProfile(back[0], ExportFormat::RoutelessJson, {true, true});
    QCOMPARE(imported(full, QStringLiteral("p.json")).value(0).tunnels, back[0].tunnels);
    // A bad device line names its line and never echoes the token.
    const ProfileError e =
        importError("client://k@h:1/t:2\ndevice://t0k3n@relay.example.net:8443/laptop\n");
    QCOMPARE(e.line, 2);
    QVERIFY2(e.message.contains(QLatin1String("target")), qPrintable(e.toString()));
    QVERIFY(!e.toString().contains(QLatin1String("t0k3n")));
  }

  void strippedUrlKeepsShape() {
    QCOMPARE(strippedTunnelUrl(QStringLiteral("client://a:b@h:1/t:2?crt=/x&log=debug&key=/y"), {}),
             QStringLiteral("client://h:1/t:2?log=debug"));
    QCOMPARE(maskedTunnelUrl(QStringLiteral("server://sec@h:1/t:2")),
             QStringLiteral("server://****@h:1/t:2"));
    QCOMPARE(maskedTunnelUrl(QStringLiteral("server://h:1/t:2")),
             QStringLiteral("server://h:1/t:2"));
  }

  void profileIds() {
    QCOMPARE(makeProfileId(QStringLiteral("Local demo"), {}), QStringLiteral("local-demo"));
    QCOMPARE(makeProfileId(QStringLiteral("Local demo"), {QStringLiteral("local-demo")}),
             QStringLiteral("local-demo-2"));
    QCOMPARE(makeProfileId(QStringLiteral("../.."), {}), QStringLiteral("profile"));
    QCOMPARE(makeProfileId(QStringLiteral("办公室"), {}), QStringLiteral("profile"));
  }
};

QTEST_GUILESS_MAIN(TestProfileIo)
#include "tst_profileio.moc"
