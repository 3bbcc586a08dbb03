// Profile import/export: round trips through every format and one case per malformed input,
// each of which must fail as a whole and name the line or field at fault.
#include <QtTest>

#include "profiles/profile.h"
#include "profiles/profileio.h"

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
  routeless::mesh::RouteSpec r;
  r.via = QStringLiteral("beta");
  r.toCidr = {QStringLiteral("10.0.0.0/8")};
  r.toHostnameGlob = {QStringLiteral("*.corp")};
  p.mesh.routes.append(r);
  p.tunnels.append({QStringLiteral("tls"),
                    QStringLiteral("server://s3cret@0.0.0.0:10101/127.0.0.1:8080?tls=2&crt=/etc/np/"
                                   "c.pem&key=/etc/np/k.pem"),
                    false});
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
