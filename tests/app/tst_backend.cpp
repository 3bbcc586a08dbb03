// Backend without engines: first run, profile management, all-or-nothing imports, host and
// tunnel edits validated before anything is saved, the tunnel URL form, autostart.
#include <QSignalSpy>
#include <QtTest>

#include "appsettings.h"
#include "backend.h"
#include "hostmodel.h"
#include "profilemodel.h"
#include "tunnelmodel.h"

using namespace routeless;
using namespace routeless::desktop;

class TestBackend : public QObject {
  Q_OBJECT

  std::unique_ptr<QTemporaryDir> m_dir;
  std::unique_ptr<Backend> m_backend;

  Backend &fresh() {
    m_backend.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    Backend::Options o;
    o.configDir = m_dir->filePath(QStringLiteral("config"));
    o.autostartDir = m_dir->filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = false;
    m_backend = std::make_unique<Backend>(o);
    return *m_backend;
  }

 private Q_SLOTS:
  void firstRunCreatesTheDemo() {
    Backend &b = fresh();
    b.startUp();
    QCOMPARE(b.profiles()->rowCount(), 1);
    QCOMPARE(b.currentProfileId(), QStringLiteral("local-demo"));
    QCOMPARE(b.activeProfileId(), QStringLiteral("local-demo"));
    QCOMPARE(b.defaultProfileId(), QStringLiteral("local-demo"));
    QCOMPARE(b.hosts()->rowCount(), 2);
    QCOMPARE(b.connectionState(), int(Backend::Connecting));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("config/profiles/local-demo.json"))));
    b.disconnectProfile();
    QCOMPARE(b.connectionState(), int(Backend::Idle));
    QCOMPARE(b.activeProfileId(), QString());
  }

  void secondRunDoesNotRecreate() {
    Backend &b = fresh();
    b.startUp();
    QCOMPARE(b.deleteProfile(QStringLiteral("local-demo")), QString());
    Backend::Options o;
    o.configDir = m_dir->filePath(QStringLiteral("config"));
    o.autostartDir = m_dir->filePath(QStringLiteral("autostart"));
    o.startEngines = false;
    Backend again(o);
    again.startUp();
    QCOMPARE(again.profiles()->rowCount(), 0);
  }

  void toggleNotifies() {
    Backend &b = fresh();
    b.startUp();
    QSignalSpy notes(&b, &Backend::notify);
    b.toggleProfile(QStringLiteral("local-demo"));  // connected -> off
    QCOMPARE(notes.size(), 1);
    QVERIFY(notes[0][1].toString().contains(QLatin1String("Disconnected")));
  }

  void profileManagement() {
    Backend &b = fresh();
    b.startUp();
    QCOMPARE(b.createProfile(QStringLiteral("Office")), QString());
    QCOMPARE(b.currentProfileId(), QStringLiteral("office"));
    QVERIFY(!b.createProfile(QStringLiteral("  ")).isEmpty());
    QCOMPARE(b.duplicateProfile(QStringLiteral("local-demo")), QString());
    QCOMPARE(b.profiles()->rowCount(), 3);
    QCOMPARE(b.renameProfile(QStringLiteral("office"), QStringLiteral("Head office")), QString());
    QCOMPARE(b.profile(QStringLiteral("office"))->name, QStringLiteral("Head office"));
    b.setDefaultProfile(QStringLiteral("office"));
    QCOMPARE(b.settings()->defaultProfileId(), QStringLiteral("office"));
    QCOMPARE(b.deleteProfile(QStringLiteral("office")), QString());
    QCOMPARE(b.profiles()->rowCount(), 2);
  }

  void importIsAllOrNothing() {
    Backend &b = fresh();
    b.startUp();
    const int before = b.profiles()->rowCount();
    const QString bad = QStringLiteral(
        "{\"version\": \"1.0\", \"data\": {\"endpoints\": ["
        "{\"name\": \"ok\", \"url\": \"http://a:1\", \"tunnels\": []},"
        "{\"name\": \"bad\", \"url\": \"http://b:1\", \"tunnels\": [{\"mode\": \"nope\"}]}]}}");
    const QString error = b.importText(bad, QStringLiteral("backup.json"));
    QVERIFY(error.contains(QLatin1String("data.endpoints[1].tunnels[0].mode")));
    QCOMPARE(b.profiles()->rowCount(), before);
    QCOMPARE(b.importText(QStringLiteral("client://k@h.example:1/127.0.0.1:2\n"),
                          QStringLiteral("clipboard")),
             QString());
    QCOMPARE(b.profiles()->rowCount(), before + 1);
    QCOMPARE(b.currentProfileName(), QStringLiteral("Imported"));
    QCOMPARE(b.tunnels()->rowCount(), 1);
  }

  void exportStripsByDefault() {
    Backend &b = fresh();
    b.startUp();
    QCOMPARE(b.saveTunnel(-1, QStringLiteral("t"),
                          QStringLiteral("server://s3cret@0.0.0.0:1/127.0.0.1:2"), false),
             QString());
    QVERIFY(!b.exportProfileText(QStringLiteral("local-demo"), Backend::NodePassUrls, false, false)
                 .contains(QLatin1String("s3cret")));
    QVERIFY(b.exportProfileText(QStringLiteral("local-demo"), Backend::NodePassUrls, true, false)
                .contains(QLatin1String("s3cret")));
    QVERIFY(b.exportProfileText(QStringLiteral("local-demo"), Backend::NoRouterYaml, false, false)
                .contains("127.0.42.2"));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("p.json"));
    QCOMPARE(b.exportProfileToFile(QStringLiteral("local-demo"), QUrl::fromLocalFile(path),
                                   Backend::RoutelessJson, false, false),
             QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("routeless-profile"));
  }

  void hostEditsAreValidated() {
    Backend &b = fresh();
    b.startUp();
    QCOMPARE(b.suggestVip(), QStringLiteral("127.0.42.3"));
    QVERIFY(b.saveHost(-1, QStringLiteral("gamma"), QStringLiteral("999.1.1.1"), {}, {}, false)
                .contains(QLatin1String("vip")));
    QVERIFY(!b.saveHost(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"), {},
                        QStringLiteral("80"), false)
                 .isEmpty());
    QVERIFY(!b.saveHost(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                        QStringLiteral("ssh 'unclosed"), {}, false)
                 .isEmpty());
    QCOMPARE(b.profile(QStringLiteral("local-demo"))->mesh.hosts.size(), 2);
    QCOMPARE(b.saveHost(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                        b.commandPreset(QStringLiteral("docker"), QStringLiteral("web")),
                        QStringLiteral("8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"), false),
             QString());
    const auto &gamma = b.profile(QStringLiteral("local-demo"))->mesh.hosts[2];
    QCOMPARE(gamma.cmd, (QStringList{"docker", "exec", "-i", "web", "routeless-node"}));
    QCOMPARE(gamma.ports.size(), 2);
    QCOMPARE(gamma.ports[1].proto, QStringLiteral("udp"));
    QCOMPARE(b.hostDetails(2).value(QStringLiteral("ports")).toString(),
             QStringLiteral("8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"));
    QCOMPARE(b.removeHost(2), QString());
    QCOMPARE(b.profile(QStringLiteral("local-demo"))->mesh.hosts.size(), 2);
  }

  void tunnelUrlForm() {
    Backend &b = fresh();
    QVariantMap f{{"role", "server"},
                  {"key", "k"},
                  {"tunnelHost", "0.0.0.0"},
                  {"tunnelPort", "10101"},
                  {"targetHost", "127.0.0.1"},
                  {"targetPort", "8080"},
                  {"tls", "1"},
                  {"log", "debug"}};
    QVariantMap r = b.buildTunnelUrl(f);
    QCOMPARE(r.value("error").toString(), QString());
    QCOMPARE(r.value("url").toString(),
             QStringLiteral("server://k@0.0.0.0:10101/127.0.0.1:8080?log=debug&tls=1"));
    f["tunnelPort"] = "70000";
    r = b.buildTunnelUrl(f);
    QCOMPARE(r.value("field").toString(), QStringLiteral("tunnelPort"));
    f["tunnelPort"] = "1";
    f["key"] = "a@b";
    QCOMPARE(b.buildTunnelUrl(f).value("field").toString(), QStringLiteral("key"));
    QVERIFY(!b.validateTunnelUrl(QStringLiteral("http://x")).isEmpty());
    QVERIFY(b.validateTunnelUrl(QStringLiteral("client://h.example:1/127.0.0.1:2")).isEmpty());
  }

  void autostartEntry() {
    Backend &b = fresh();
    AppSettings *s = b.settings();
    QVERIFY(!s->autostart());
    s->setAutostart(true);
    QVERIFY(s->autostart());
    QFile f(s->autostartFile());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.contains("[Desktop Entry]"));
    QVERIFY(text.contains("--minimized"));
    s->setAutostart(false);
    QVERIFY(!QFile::exists(s->autostartFile()));
    s->setTheme(QStringLiteral("dark"));
    s->setLanguage(QStringLiteral("de"));
    QCOMPARE(s->theme(), QStringLiteral("dark"));
    QCOMPARE(b.connectionStateText(), QStringLiteral("Getrennt"));
    s->setLanguage(QStringLiteral("en"));
    QCOMPARE(b.connectionStateText(), QStringLiteral("Disconnected"));
  }
};

QTEST_MAIN(TestBackend)
#include "tst_backend.moc"
