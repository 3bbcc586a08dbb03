// The App and its controllers without engines: first run, profile management (with undo),
// all-or-nothing imports (new profile or merged into the shown one), host and tunnel edits
// validated before anything is saved (with undo), the tunnel form, autostart and language.
#include <QPainter>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include "app.h"
#include "appsettings.h"
#include "connectioncontroller.h"
#include "hostmodel.h"
#include "hostproblem.h"
#include "hostscontroller.h"
#include "profileimport.h"
#include "profilemodel.h"
#include "profilescontroller.h"
#include "qrcode.h"
#include "qrdecode.h"
#include "tone.h"
#include "tunnelform.h"
#include "tunnelmodel.h"
#include "tunnelscontroller.h"

using namespace routeless;
using namespace routeless::desktop;

class TestAppControllers : public QObject {
  Q_OBJECT

  std::unique_ptr<QTemporaryDir> m_dir;
  std::unique_ptr<App> m_app;

  App::Options options() const {
    App::Options o;
    o.configDir = m_dir->filePath(QStringLiteral("config"));
    o.autostartDir = m_dir->filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = false;
    return o;
  }

  App &fresh() {
    m_app.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_app = std::make_unique<App>(options());
    return *m_app;
  }

  static const profiles::Profile &demo(App &a) {
    return *a.profiles()->profile(QStringLiteral("local-demo"));
  }

  // What the mesh engine would report for the demo's two hosts, all in `state`.
  static mesh::MeshSnapshot demoSnapshot(mesh::HostState state, const QString &error,
                                         const QString &stderrLine) {
    mesh::MeshSnapshot snap;
    snap.running = true;
    qint64 pid = 4000;
    for (const mesh::HostSpec &h : profiles::demoProfile().mesh.hosts) {
      mesh::HostStatus s;
      s.name = h.name;
      s.vip = h.vip;
      s.state = state;
      s.pid = ++pid;
      s.lastError = error;
      s.lastStderr = stderrLine;
      snap.hosts.append(s);
    }
    return snap;
  }

  // What the tunnel engine would report for the shown profile's tunnels, all in `state`.
  static QList<TunnelStatus> demoTunnels(App &a, tunnels::TunnelState state) {
    QList<TunnelStatus> list;
    for (const profiles::TunnelEntry &t : demo(a).tunnels) {
      TunnelStatus s;
      s.name = t.name;
      s.state = state;
      list.append(s);
    }
    return list;
  }

 private Q_SLOTS:
  void firstRunCreatesTheDemo() {
    App &a = fresh();
    a.startUp();
    QCOMPARE(a.profiles()->model()->rowCount(), 1);
    QCOMPARE(a.profiles()->currentId(), QStringLiteral("local-demo"));
    QCOMPARE(a.connection()->activeId(), QStringLiteral("local-demo"));
    QCOMPARE(a.profiles()->defaultId(), QStringLiteral("local-demo"));
    QCOMPARE(a.hosts()->model()->rowCount(), 2);
    QCOMPARE(a.connection()->state(), ConnectionController::Connecting);
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("config/profiles/local-demo.json"))));
    a.connection()->disconnectProfile();
    QCOMPARE(a.connection()->state(), ConnectionController::Idle);
    QCOMPARE(a.connection()->activeId(), QString());
  }

  void secondRunDoesNotRecreate() {
    App &a = fresh();
    a.startUp();
    QCOMPARE(a.profiles()->remove(QStringLiteral("local-demo")), QString());
    App again(options());
    again.startUp();
    QCOMPARE(again.profiles()->model()->rowCount(), 0);
  }

  void toggleNotifies() {
    App &a = fresh();
    a.startUp();
    QSignalSpy notes(a.connection(), &ConnectionController::notify);
    a.connection()->toggle(QStringLiteral("local-demo"));  // connected -> off
    QCOMPARE(notes.size(), 1);
    QVERIFY(notes[0][1].toString().contains(QLatin1String("Disconnected")));
  }

  void profileManagement() {
    App &a = fresh();
    a.startUp();
    ProfilesController *p = a.profiles();
    QCOMPARE(p->create(QStringLiteral("Office")), QString());
    QCOMPARE(p->currentId(), QStringLiteral("office"));
    QVERIFY(!p->create(QStringLiteral("  ")).isEmpty());
    QCOMPARE(p->duplicate(QStringLiteral("local-demo")), QString());
    QCOMPARE(p->model()->rowCount(), 3);
    QCOMPARE(p->rename(QStringLiteral("office"), QStringLiteral("Head office")), QString());
    QCOMPARE(p->profile(QStringLiteral("office"))->name, QStringLiteral("Head office"));
    p->setDefault(QStringLiteral("office"));
    QCOMPARE(a.settings()->defaultProfileId(), QStringLiteral("office"));
    QCOMPARE(p->remove(QStringLiteral("office")), QString());
    QCOMPARE(p->model()->rowCount(), 2);
    // Deleting can be undone: the profile comes back with its name.
    QCOMPARE(p->undoName(), QStringLiteral("Head office"));
    QCOMPARE(p->undo(), QString());
    QCOMPARE(p->model()->rowCount(), 3);
    QCOMPARE(p->profile(QStringLiteral("office"))->name, QStringLiteral("Head office"));
    QCOMPARE(p->undoName(), QString());
  }

  void deletingTheConnectedProfileDisconnectsIt() {
    App &a = fresh();
    a.startUp();
    QCOMPARE(a.connection()->activeId(), QStringLiteral("local-demo"));
    QCOMPARE(a.profiles()->remove(QStringLiteral("local-demo")), QString());
    QCOMPARE(a.connection()->activeId(), QString());
    QCOMPARE(a.connection()->state(), ConnectionController::Idle);
  }

  void importIsAllOrNothing() {
    App &a = fresh();
    a.startUp();
    ProfileImport *in = a.profiles()->importer();
    const int before = a.profiles()->model()->rowCount();
    const QString bad = QStringLiteral(
        "{\"version\": \"1.0\", \"data\": {\"endpoints\": ["
        "{\"name\": \"ok\", \"url\": \"http://a:1\", \"tunnels\": []},"
        "{\"name\": \"bad\", \"url\": \"http://b:1\", \"tunnels\": [{\"mode\": \"nope\"}]}]}}");
    const QString error = in->previewText(bad, QStringLiteral("backup.json"));
    QVERIFY2(error.contains(QLatin1String("data.endpoints[1].tunnels[0].mode")), qPrintable(error));
    QVERIFY(!in->pending());
    QCOMPARE(a.profiles()->model()->rowCount(), before);
    QCOMPARE(in->previewText(QStringLiteral("client://k@h.example:1/127.0.0.1:2\n"),
                             QStringLiteral("clipboard")),
             QString());
    QVERIFY(in->pending());
    QCOMPARE(a.profiles()->model()->rowCount(), before);  // a preview writes nothing
    QCOMPARE(in->commit(false, false), QString());
    QCOMPARE(a.profiles()->model()->rowCount(), before + 1);
    QCOMPARE(a.profiles()->currentName(), QStringLiteral("Imported"));
    QCOMPARE(a.tunnels()->model()->rowCount(), 1);
  }

  // A tunnel shared as a QR code comes back from the picture: the file's QR code is read and
  // imported like pasted text. A picture without one, or a broken one, imports nothing.
  void importReadsAQrCodeImage() {
    if (!qrAvailable() || !qrDecodeAvailable())
      QSKIP("this build has no QR encoder (libqrencode) or decoder (zbar)");
    App &a = fresh();
    a.startUp();
    ProfileImport *in = a.profiles()->importer();
    const int before = a.profiles()->model()->rowCount();
    const QString url =
        QStringLiteral("client://s3cret@tunnel.example:10101/127.0.0.1:8080?log=warn");
    QString why;
    QCOMPARE(qrTextFromImage(qrImage(url, 4), &why).value_or(why), url);
    // Scaled and greyed like a screenshot of the share dialog.
    QImage shot(600, 500, QImage::Format_RGB32);
    shot.fill(QColor(0xf4, 0xf5, 0xf7));
    QPainter(&shot).drawImage(120, 60, qrImage(url, 6));
    const QString png = m_dir->filePath(QStringLiteral("shared tunnel.png"));
    QVERIFY(shot.save(png));
    QCOMPARE(in->previewFile(QUrl::fromLocalFile(png)), QString());
    QCOMPARE(in->commit(false, false), QString());
    QCOMPARE(a.profiles()->model()->rowCount(), before + 1);
    QCOMPARE(a.tunnels()->model()->rowCount(), 1);
    QCOMPARE(a.tunnels()->url(0), url);
    // No QR code in the picture; a file that only claims to be a PNG.
    QImage blank(300, 300, QImage::Format_RGB32);
    blank.fill(Qt::white);
    const QString empty = m_dir->filePath(QStringLiteral("blank.png"));
    QVERIFY(blank.save(empty));
    QVERIFY(!in->previewFile(QUrl::fromLocalFile(empty)).isEmpty());
    QFile broken(m_dir->filePath(QStringLiteral("broken.png")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'x'));
    broken.close();
    QVERIFY(!in->previewFile(QUrl::fromLocalFile(broken.fileName())).isEmpty());
    QVERIFY(!in->pending());
    QCOMPARE(a.profiles()->model()->rowCount(), before + 1);
  }

  void importMergesIntoTheShownProfile() {
    App &a = fresh();
    a.startUp();
    ProfileImport *in = a.profiles()->importer();
    QCOMPARE(in->previewText(QStringLiteral("client://k@h.example:1/127.0.0.1:2\n"),
                             QStringLiteral("clipboard")),
             QString());
    QVERIFY(in->canMerge());
    QCOMPARE(in->mergeTarget(), QStringLiteral("Local demo"));
    QVERIFY(!in->mergeChanges().isEmpty());
    QVERIFY(in->mergeChanges().first().startsWith(QLatin1String("Adds tunnel")));
    const int tunnels = demo(a).tunnels.size();
    QCOMPARE(in->commit(true, false), QString());
    QCOMPARE(a.profiles()->model()->rowCount(), 1);
    QCOMPARE(demo(a).tunnels.size(), tunnels + 1);
  }

  void exportStripsByDefault() {
    App &a = fresh();
    a.startUp();
    ProfilesController *p = a.profiles();
    QCOMPARE(a.tunnels()->save(-1, QStringLiteral("t"),
                               QStringLiteral("server://s3cret@0.0.0.0:1/127.0.0.1:2"), false),
             QString());
    const QString id = QStringLiteral("local-demo");
    QVERIFY(!p->exportText(id, ProfilesController::NodePassUrls, false, false)
                 .contains(QLatin1String("s3cret")));
    QVERIFY(p->exportText(id, ProfilesController::NodePassUrls, true, false)
                .contains(QLatin1String("s3cret")));
    QVERIFY(
        p->exportText(id, ProfilesController::NoRouterYaml, false, false).contains("127.0.42.2"));
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("p.json"));
    QCOMPARE(p->exportToFile(id, QUrl::fromLocalFile(path), ProfilesController::RoutelessJson,
                             false, false),
             QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("routeless-profile"));
  }

  void hostEditsAreValidated() {
    App &a = fresh();
    a.startUp();
    HostsController *h = a.hosts();
    QCOMPARE(h->suggestVip(), QStringLiteral("127.0.42.3"));
    QVERIFY(h->save(-1, QStringLiteral("gamma"), QStringLiteral("999.1.1.1"), {}, {}, false, false)
                .contains(QLatin1String("vip")));
    QVERIFY(!h->save(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"), {},
                     QStringLiteral("80"), false, false)
                 .isEmpty());
    QVERIFY(!h->save(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                     QStringLiteral("ssh 'unclosed"), {}, false, false)
                 .isEmpty());
    QCOMPARE(demo(a).mesh.hosts.size(), 2);
    QCOMPARE(h->save(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                     h->commandPreset(QStringLiteral("docker"), QStringLiteral("web")),
                     QStringLiteral("8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"), false, false),
             QString());
    const auto &gamma = demo(a).mesh.hosts[2];
    QCOMPARE(gamma.cmd, (QStringList{"docker", "exec", "-i", "web", "routeless-node"}));
    QCOMPARE(gamma.ports.size(), 2);
    QCOMPARE(gamma.ports[1].proto, QStringLiteral("udp"));
    QCOMPARE(h->details(2).value(QStringLiteral("ports")).toString(),
             QStringLiteral("8080:127.0.0.1:80, 5353:127.0.0.1:53/udp"));
    QCOMPARE(h->remove(2), QString());
    QCOMPARE(demo(a).mesh.hosts.size(), 2);
    // A removed host comes back where it was.
    QCOMPARE(h->undoName(), QStringLiteral("gamma"));
    QCOMPARE(h->undoRemove(), QString());
    QCOMPARE(demo(a).mesh.hosts.size(), 3);
    QCOMPARE(demo(a).mesh.hosts[2].name, QStringLiteral("gamma"));
  }

  // A new local agent beside the demo's alpha (which listens on this machine's loopback for
  // beta's forward) starts with loopback.disable: listening too, it could never bind. Hosts
  // elsewhere, and the host that is the one listener, listen by default.
  void secondLocalAgentDoesNotListenByDefault() {
    App &a = fresh();
    a.startUp();
    HostsController *h = a.hosts();
    QVERIFY(h->loopbackDisableByDefault(-1, {}));
    QVERIFY(h->loopbackDisableByDefault(-1, QStringLiteral(ROUTELESS_NODE_BIN)));
    QVERIFY(!h->loopbackDisableByDefault(
        -1, h->commandPreset(QStringLiteral("ssh"), QStringLiteral("me@far"))));
    QVERIFY(!h->loopbackDisableByDefault(0, {}));  // alpha itself
    // Saved as the form suggests, the profile has no conflict left.
    QCOMPARE(h->save(-1, QStringLiteral("gamma"), h->suggestVip(), {}, {}, true, false), QString());
    QCOMPARE(h->listenConflict(), QString());
    // Without beta's forward no address is shared: a new local agent listens.
    QCOMPARE(h->remove(2), QString());
    QCOMPARE(h->remove(1), QString());
    QVERIFY(!h->loopbackDisableByDefault(-1, {}));
  }

  // The host editor reads ports with mesh::parsePortSpec, the manifest's own rule: a port over
  // 65535 is refused (it used to wrap around to another port), and nothing is saved.
  void hostPortsAreReadAsTheManifestReadsThem_data() {
    QTest::addColumn<QString>("ports");
    QTest::addColumn<QString>("reason");  // empty: saved
    QTest::newRow("list") << " 8080:127.0.0.1:80 ,\n53:10.0.0.2:53/udp" << QString();
    QTest::newRow("tcp suffix") << "8080:db.internal:80/tcp" << QString();
    QTest::newRow("wraps past 65535") << "8080:127.0.0.1:70000"
                                      << "1-65535";
    QTest::newRow("listen 0") << "0:127.0.0.1:80"
                              << "the listen port";
    QTest::newRow("sign") << "+80:127.0.0.1:80"
                          << "1-65535";
    QTest::newRow("sctp") << "80:127.0.0.1:80/sctp"
                          << "/tcp, /udp or none";
    QTest::newRow("ipv6") << "80:[::1]:80"
                          << "IPv6";
    QTest::newRow("bad host") << "80:h\u00e9:80"
                              << "neither an IPv4 address nor a host name";
  }
  void hostPortsAreReadAsTheManifestReadsThem() {
    QFETCH(QString, ports);
    QFETCH(QString, reason);
    App &a = fresh();
    a.startUp();
    const QString error = a.hosts()->save(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                                          {}, ports, false, false);
    if (!reason.isEmpty()) {
      QVERIFY2(error.contains(reason), qPrintable(error));
      QCOMPARE(demo(a).mesh.hosts.size(), 2);
      return;
    }
    QCOMPARE(error, QString());
    QCOMPARE(demo(a).mesh.hosts.size(), 3);
    QVERIFY(!demo(a).mesh.hosts[2].ports.isEmpty());
  }

  void sshPresetTakesKeyAndJumpHost() {
    App &a = fresh();
    const QString cmd = a.hosts()->commandPreset(QStringLiteral("ssh"), QStringLiteral("me@box"),
                                                 QStringLiteral("/home/me/.ssh/id"),
                                                 QStringLiteral("jump.example"));
    QVERIFY2(cmd.contains(QLatin1String("-i /home/me/.ssh/id")), qPrintable(cmd));
    QVERIFY2(cmd.contains(QLatin1String("-J jump.example")), qPrintable(cmd));
    QVERIFY2(cmd.contains(QLatin1String("me@box")), qPrintable(cmd));
  }

  // Zero-install: on for the remote presets, off for the local agent; the key the dialog saves
  // reaches the profile, survives a restart of the app and is in the exported manifest, and
  // turning it off takes it out again.
  void zeroInstallFollowsThePresetAndRoundTrips() {
    App &a = fresh();
    a.startUp();
    HostsController *h = a.hosts();
    for (const char *kind : {"ssh", "docker", "kubectl"})
      QVERIFY2(h->zeroInstallByDefault(QLatin1String(kind)), kind);
    QVERIFY(!h->zeroInstallByDefault(QString()));
    QVERIFY(!h->zeroInstallByDefault(QStringLiteral("local")));
    QCOMPARE(h->details(0).value(QStringLiteral("zeroInstall")).toBool(), false);

    const QString id = QStringLiteral("local-demo");
    QVERIFY(!a.profiles()
                 ->exportText(id, ProfilesController::NoRouterYaml, false, false)
                 .contains(QLatin1String("zeroInstall")));
    QCOMPARE(
        h->save(-1, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                h->commandPreset(QStringLiteral("ssh"), QStringLiteral("me@box")), {}, false, true),
        QString());
    QVERIFY(demo(a).mesh.hosts[2].zeroInstall);
    QVERIFY(!demo(a).mesh.hosts[0].zeroInstall);
    QCOMPARE(h->details(2).value(QStringLiteral("zeroInstall")).toBool(), true);
    const QString yaml =
        a.profiles()->exportText(id, ProfilesController::NoRouterYaml, false, false);
    QVERIFY2(yaml.contains(QLatin1String("zeroInstall: true")), qPrintable(yaml));
    QCOMPARE(yaml.count(QLatin1String("zeroInstall")), 1);  // gamma only

    {  // The saved profile, read back by a new app on the same config.
      App again(options());
      again.startUp();
      const auto *p = again.profiles()->profile(id);
      QVERIFY(p);
      QCOMPARE(p->mesh.hosts.size(), 3);
      QVERIFY(p->mesh.hosts[2].zeroInstall);
      QVERIFY(!p->mesh.hosts[1].zeroInstall);
    }

    // Edited with the box cleared: the key goes.
    QCOMPARE(h->save(2, QStringLiteral("gamma"), QStringLiteral("127.0.42.3"),
                     h->details(2).value(QStringLiteral("command")).toString(), {}, false, false),
             QString());
    QVERIFY(!demo(a).mesh.hosts[2].zeroInstall);
    QVERIFY(!a.profiles()
                 ->exportText(id, ProfilesController::NoRouterYaml, false, false)
                 .contains(QLatin1String("zeroInstall")));
  }

  void tunnelRemovalCanBeUndone() {
    App &a = fresh();
    a.startUp();
    TunnelsController *t = a.tunnels();
    const int before = t->model()->rowCount();
    const QString name = t->name(0);
    QCOMPARE(t->remove(0), QString());
    QCOMPARE(t->model()->rowCount(), before - 1);
    QCOMPARE(t->undoName(), name);
    QCOMPARE(t->undoRemove(), QString());
    QCOMPARE(t->model()->rowCount(), before);
    QCOMPARE(t->name(0), name);
  }

  void tunnelFormStartsValidAndRoundTrips() {
    TunnelForm f;
    // Real defaults: a new server is valid before any typing, with a random key.
    QCOMPARE(f.error(), QString());
    QVERIFY(f.url().startsWith(QLatin1String("server://")));
    QVERIFY(f.url().contains(QLatin1String(":10101/127.0.0.1:8080")));
    QVERIFY(!f.key().isEmpty());
    QVERIFY(!f.maskedUrl().contains(f.key()));
    QVERIFY(!f.listens().isEmpty());
    // A field edit rewrites the URL.
    f.setTunnelPort(QStringLiteral("10202"));
    QVERIFY(f.url().contains(QLatin1String(":10202/")));
    f.setTunnelPort(QStringLiteral("70000"));
    QCOMPARE(f.errorField(), QStringLiteral("tunnelPort"));
    QCOMPARE(f.url(), QString());
    f.setTunnelPort(QStringLiteral("1"));
    f.setKey(QStringLiteral("a@b"));
    QCOMPARE(f.errorField(), QStringLiteral("key"));
    // A pasted URL fills the fields and keeps what has no field.
    f.setUrl(QStringLiteral("server://k@0.0.0.0:10101/127.0.0.1:8080?log=debug&tls=1&rate=100"));
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.key(), QStringLiteral("k"));
    QCOMPARE(f.tls(), 1);
    QCOMPARE(f.logLevel(), QStringLiteral("debug"));
    f.setTargets(QStringLiteral("127.0.0.1:9090"));
    QVERIFY2(f.url().contains(QLatin1String("rate=100")), qPrintable(f.url()));
    QVERIFY(f.url().contains(QLatin1String("/127.0.0.1:9090")));
    f.setUrl(QStringLiteral("http://x"));
    QCOMPARE(f.errorField(), QStringLiteral("url"));
    // A device link.
    f.reset(TunnelForm::Device);
    f.setKey(QStringLiteral("t0ken"));
    f.setTunnelHost(QStringLiteral("relay.example.net"));
    f.setDeviceName(QStringLiteral("laptop"));
    f.setTargets(QStringLiteral("no-port-here"));
    QCOMPARE(f.errorField(), QStringLiteral("targets"));
    QVERIFY(!f.error().contains(QLatin1String("t0ken")));
  }

  // Targets are read by net::parseHostPort: IPv6 in brackets as everywhere, ports 1-65535.
  void tunnelFormReadsTargetsAsHostPort_data() {
    QTest::addColumn<QString>("targets");
    QTest::addColumn<QString>("inUrl");  // empty: refused, with `reason` in the error
    QTest::addColumn<QString>("reason");
    QTest::newRow("ipv4") << "10.0.0.5:8080"
                          << "/10.0.0.5:8080" << QString();
    QTest::newRow("name") << "db.internal:5432"
                          << "/db.internal:5432" << QString();
    QTest::newRow("ipv6 bracketed") << "[::1]:8080"
                                    << "/[::1]:8080" << QString();
    QTest::newRow("two") << "10.0.0.5:1, 10.0.0.6:2"
                         << "/10.0.0.5:1,10.0.0.6:2" << QString();
    QTest::newRow("ipv6 bare") << "::1:8080" << QString() << "brackets";
    QTest::newRow("port 0") << "10.0.0.5:0" << QString() << "port \"0\"";
    QTest::newRow("port 65536") << "10.0.0.5:65536" << QString() << "port \"65536\"";
    QTest::newRow("no port") << "10.0.0.5" << QString() << "missing port";
    QTest::newRow("no host") << ":8080" << QString() << "missing host";
  }
  void tunnelFormReadsTargetsAsHostPort() {
    QFETCH(QString, targets);
    QFETCH(QString, inUrl);
    QFETCH(QString, reason);
    TunnelForm f;
    f.setTargets(targets);
    if (inUrl.isEmpty()) {
      QCOMPARE(f.errorField(), QStringLiteral("targets"));
      QCOMPARE(f.url(), QString());
      QVERIFY2(f.error().contains(reason), qPrintable(f.error()));
      return;
    }
    QVERIFY2(f.error().isEmpty(), qPrintable(f.error()));
    QVERIFY2(f.url().contains(inUrl), qPrintable(f.url()));
  }

  // Ping reads the tunnel's target with net::parseHostPort, brackets and all, and connects.
  void pingConnectsToTheTarget_data() {
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("ipv4") << false;
    QTest::newRow("ipv6") << true;
  }
  void pingConnectsToTheTarget() {
    QFETCH(bool, ipv6);
    QTcpServer target;
    if (!target.listen(ipv6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost, 0))
      QSKIP("cannot listen on this loopback address here (no IPv6?)");
    App &a = fresh();
    a.startUp();
    TunnelsController *t = a.tunnels();
    const QString host = ipv6 ? QStringLiteral("[::1]") : QStringLiteral("127.0.0.1");
    QCOMPARE(
        t->save(-1, QStringLiteral("pinged"),
                QStringLiteral("server://k@127.0.0.1:1/%1:%2").arg(host).arg(target.serverPort()),
                false),
        QString());
    const int row = t->model()->rowCount() - 1;
    const QModelIndex index = t->model()->index(row);
    QCOMPARE(index.data(TunnelModel::NameRole).toString(), QStringLiteral("pinged"));
    QCOMPARE(index.data(TunnelModel::TargetRole).toString(),
             QStringLiteral("%1:%2").arg(host).arg(target.serverPort()));
    t->ping(row);
    QTRY_VERIFY_WITH_TIMEOUT(t->model()
                                 ->index(row)
                                 .data(TunnelModel::PingRole)
                                 .toString()
                                 .endsWith(QLatin1String(" ms")),
                             10000);
  }

  // Each transport and PROXY version, form -> URL: the fields write NodePass's type= and
  // proxy= (only when not the default), and the URL reads back to the same fields.
  void tunnelFormTransportAndProxy_data() {
    QTest::addColumn<int>("transport");
    QTest::addColumn<int>("tls");
    QTest::addColumn<int>("proxy");
    QTest::addColumn<QString>("query");  // what the URL ends with
    QTest::newRow("tcp") << 0 << 0 << 0 << ":10101/127.0.0.1:8080";
    QTest::newRow("quic tls 1") << 1 << 1 << 0 << "?tls=1&type=1";
    QTest::newRow("quic tls 2, proxy v1") << 1 << 2 << 1 << "?tls=2&type=1&proxy=1";
    QTest::newRow("websocket plain") << 2 << 0 << 0 << "?type=2";
    QTest::newRow("websocket tls 1, proxy v2") << 2 << 1 << 2 << "?tls=1&type=2&proxy=2";
    QTest::newRow("http2 tls 1, proxy v2") << 3 << 1 << 2 << "?tls=1&type=3&proxy=2";
    QTest::newRow("tcp, proxy v1") << 0 << 0 << 1 << "/127.0.0.1:8080?proxy=1";
    QTest::newRow("tcp tls 2, proxy v2") << 0 << 2 << 2 << "?tls=2&proxy=2";
  }

  void tunnelFormTransportAndProxy() {
    QFETCH(int, transport);
    QFETCH(int, tls);
    QFETCH(int, proxy);
    QFETCH(QString, query);
    TunnelForm f;
    f.setTls(tls);
    f.setTransport(transport);
    f.setProxy(proxy);
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.note(), QString());  // nothing coerced: tls was already right
    QVERIFY2(f.url().endsWith(query), qPrintable(f.url()));
    QCOMPARE(f.url().contains(QLatin1String("type=")), transport != 0);
    QCOMPARE(f.url().contains(QLatin1String("proxy=")), proxy != 0);
    // The URL is what core parses back to the same tunnel (the form's round trip).
    QString why;
    const auto parsed = routeless::nodepass::parseTunnelUrl(f.url(), &why);
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(parsed->type, transport);
    QCOMPARE(parsed->proxy, proxy);
    QCOMPARE(routeless::nodepass::tunnelUrlText(*parsed), f.url());
    // URL -> form: a second form reading the URL shows the same fields and writes the same URL.
    TunnelForm g;
    g.setUrl(f.url());
    QCOMPARE(g.error(), QString());
    QCOMPARE(g.transport(), transport);
    QCOMPARE(g.proxy(), proxy);
    QCOMPARE(g.tls(), tls);
    QCOMPARE(g.url(), f.url());
  }

  // QUIC and HTTP/2 need TLS. Choosing them raises tls 0 to 1 and says so; taking TLS away
  // afterwards is an error on the TLS field, never a URL NodePass would silently change.
  void tunnelFormTransportNeedsTls() {
    TunnelForm f;
    QCOMPARE(f.tls(), 0);
    f.setTransport(1);
    QCOMPARE(f.tls(), 1);
    QVERIFY2(f.note().contains(QLatin1String("QUIC")), qPrintable(f.note()));
    QCOMPARE(f.error(), QString());
    QVERIFY2(f.url().contains(QLatin1String("tls=1&type=1")), qPrintable(f.url()));
    f.setTls(0);
    QCOMPARE(f.errorField(), QStringLiteral("tls"));
    QVERIFY2(f.error().contains(QLatin1String("QUIC")), qPrintable(f.error()));
    QCOMPARE(f.url(), QString());
    QCOMPARE(f.note(), QString());
    f.setTransport(2);  // WebSocket runs without TLS
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.tls(), 0);
    QVERIFY2(f.url().endsWith(QLatin1String("?type=2")), qPrintable(f.url()));
    f.setTransport(3);
    QCOMPARE(f.tls(), 1);
    QVERIFY2(f.note().contains(QLatin1String("HTTP/2")), qPrintable(f.note()));
    // A pasted QUIC URL without tls (NodePass runs it with tls 1) shows tls 1 and writes it.
    f.setUrl(QStringLiteral("server://k@:10101/127.0.0.1:8080?type=1&proxy=2"));
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.transport(), 1);
    QCOMPARE(f.proxy(), 2);
    QCOMPARE(f.tls(), 1);
    QVERIFY(!f.note().isEmpty());
    QCOMPARE(f.url(), QStringLiteral("server://k@:10101/127.0.0.1:8080?tls=1&type=1&proxy=2"));
    // Also with an explicit tls=0.
    f.setUrl(QStringLiteral("server://k@:10101/127.0.0.1:8080?tls=0&type=3"));
    QCOMPARE(f.tls(), 1);
    QCOMPARE(f.url(), QStringLiteral("server://k@:10101/127.0.0.1:8080?tls=1&type=3"));
    // A client has no transport of its own (it takes the server's), but has a PROXY header.
    f.setUrl(QStringLiteral("client://k@relay.example:10101/127.0.0.1:8081?proxy=2"));
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.role(), int(TunnelForm::Client));
    QCOMPARE(f.proxy(), 2);
    QCOMPARE(f.url(), QStringLiteral("client://k@relay.example:10101/127.0.0.1:8081?proxy=2"));
    f.setTransport(1);
    QVERIFY2(!f.url().contains(QLatin1String("type=")), qPrintable(f.url()));
    QCOMPARE(f.tls(), 0);
    // Back to a server, the chosen QUIC applies and takes TLS with it.
    f.setRole(TunnelForm::Server);
    QCOMPARE(f.error(), QString());
    QCOMPARE(f.tls(), 1);
    QVERIFY2(f.url().contains(QLatin1String("type=1")), qPrintable(f.url()));
    // A bad value in a pasted URL is refused with core's reason, keeping the fields.
    f.setUrl(QStringLiteral("server://k@:10101/127.0.0.1:8080?type=4"));
    QCOMPARE(f.errorField(), QStringLiteral("url"));
    QVERIFY2(f.error().contains(QLatin1String("type")), qPrintable(f.error()));
    QCOMPARE(f.transport(), 1);
    f.setUrl(QStringLiteral("server://k@:10101/127.0.0.1:8080?proxy=3"));
    QCOMPARE(f.errorField(), QStringLiteral("url"));
    QVERIFY2(f.error().contains(QLatin1String("proxy")), qPrintable(f.error()));
  }

  void autostartAndLanguage() {
    App &a = fresh();
    AppSettings *s = a.settings();
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
    QCOMPARE(a.connection()->stateText(), QStringLiteral("Getrennt"));
    s->setLanguage(QStringLiteral("en"));
    QCOMPARE(a.connection()->stateText(), QStringLiteral("Disconnected"));
  }

  // English has its plural forms: "2 hosts", never "2 host(s)"; German has its own.
  void profileSummaryIsPlural() {
    App &a = fresh();
    a.settings()->setLanguage(QStringLiteral("en"));
    a.startUp();
    const ProfileModel *m = a.profiles()->model();
    QCOMPARE(m->index(0).data(ProfileModel::SummaryRole).toString(),
             QStringLiteral("2 hosts · 2 tunnels"));
    QCOMPARE(a.tunnels()->remove(1), QString());
    QCOMPARE(m->index(0).data(ProfileModel::SummaryRole).toString(),
             QStringLiteral("2 hosts · 1 tunnel"));
    a.settings()->setLanguage(QStringLiteral("de"));
    QCOMPARE(m->index(0).data(ProfileModel::SummaryRole).toString(),
             QStringLiteral("2 Hosts · 1 Tunnel"));
    a.settings()->setLanguage(QStringLiteral("en"));
  }

  // Selecting a profile that is not connected is no alarm: the state, its tone (the tray's
  // colour) and the progress line stay those of the connected profile, which is healthy.
  void selectingAnotherProfileIsNoFalseAlarm() {
    App &a = fresh();
    a.settings()->setLanguage(QStringLiteral("en"));
    a.startUp();
    ConnectionController *c = a.connection();
    c->applyMeshSnapshot(demoSnapshot(mesh::HostState::Ready, {}, {}));
    c->applyTunnelSnapshot(demoTunnels(a, tunnels::TunnelState::Running));
    QCOMPARE(c->state(), ConnectionController::Connected);
    QCOMPARE(a.profiles()->create(QStringLiteral("Office")), QString());
    QCOMPARE(a.profiles()->currentId(), QStringLiteral("office"));
    QCOMPARE(c->activeId(), QStringLiteral("local-demo"));
    // The engines keep reporting the connected profile while Office is shown.
    c->applyMeshSnapshot(demoSnapshot(mesh::HostState::Ready, {}, {}));
    c->applyTunnelSnapshot(demoTunnels(a, tunnels::TunnelState::Running));
    QCOMPARE(c->state(), ConnectionController::Connected);
    QCOMPARE(c->tone(), int(Tone::Good));
    QCOMPARE(c->progressText(), QStringLiteral("2 of 2 hosts ready"));
    QCOMPARE(c->stateText(), QStringLiteral("Connected"));
  }

  // A host whose ssh fails is a problem at once (not after the start's grace), and the
  // connection's progress names the host and the cause ssh printed, not "status 255".
  void failingSshIsAProblemAtOnceWithItsCause() {
    App &a = fresh();
    a.settings()->setLanguage(QStringLiteral("en"));
    a.startUp();
    ConnectionController *c = a.connection();
    QCOMPARE(c->state(), ConnectionController::Connecting);
    mesh::MeshSnapshot snap = demoSnapshot(mesh::HostState::Ready, {}, {});
    snap.hosts[0].state = mesh::HostState::Restarting;
    snap.hosts[0].pid = 0;
    snap.hosts[0].lastError = QStringLiteral("agent exited with status 255");
    snap.hosts[0].lastStderr = QStringLiteral(
        "ssh: Could not resolve hostname nowhere.invalid: Name or service not known");
    c->applyMeshSnapshot(snap);
    c->applyTunnelSnapshot(demoTunnels(a, tunnels::TunnelState::Running));
    QCOMPARE(c->state(), ConnectionController::Problem);
    QCOMPARE(c->tone(), int(Tone::Bad));
    const QString unknownHost = explainHostProblem(snap.hosts[0]).summary;
    QVERIFY(!unknownHost.isEmpty());
    QCOMPARE(c->progressText(), QStringLiteral("1 of 2 hosts ready; alpha: %1").arg(unknownHost));
    const QModelIndex row = a.hosts()->model()->index(0);
    QCOMPARE(row.data(HostModel::ProblemRole).toString(), unknownHost);
    QVERIFY(row.data(HostModel::DetailRole).toString().contains(QLatin1String("nowhere.invalid")));
    // Fixed: the next snapshot with both hosts ready clears the problem.
    c->applyMeshSnapshot(demoSnapshot(mesh::HostState::Ready, {}, {}));
    QCOMPARE(c->state(), ConnectionController::Connected);
    QCOMPARE(row.data(HostModel::ProblemRole).toString(), QString());
  }
};

QTEST_MAIN(TestAppControllers)
#include "tst_appcontrollers.moc"
