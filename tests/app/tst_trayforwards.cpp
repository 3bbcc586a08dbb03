// The tray's Start / Stop of one forward, with a live local mesh of real agents: the App
// connects a profile of two hosts (alpha forwards one port from its host's loopback; beta,
// proxied by alpha, forwards two; alpha also runs an HTTP proxy), and the test triggers the
// tray menu's actions as a click would. Stop closes that port alone; the other forward of beta
// and alpha's keep carrying bytes through the same agent processes; Start brings it back. The
// proxy stops and starts the same way. Nothing is saved.
#include <QApplication>
#include <QMenu>
#include <QRandomGenerator>
#include <QtTest>

#include "../integration/testnet.h"
#include "app.h"
#include "connectioncontroller.h"
#include "forwardmodel.h"
#include "hostscontroller.h"
#include "profilescontroller.h"
#include "stoppedforwards.h"
#include "trayicon.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {

// Sends a line through ip:port and waits for its echo.
bool echoes(const QString &ip, quint16 port) {
  const int fd = testnet::connectTo(ip.toLatin1().constData(), port);
  if (fd < 0) return false;
  const QByteArray payload = "tray " + QByteArray::number(port);
  bool ok = testnet::sendAll(fd, payload.constData(), payload.size());
  if (ok) {
    ::shutdown(fd, SHUT_WR);
    ok = testnet::readAll(fd, payload.size(), 10000) == payload;
  }
  ::close(fd);
  return ok;
}

bool refused(const QString &ip, quint16 port) {
  const int fd = testnet::connectTo(ip.toLatin1().constData(), port);
  if (fd >= 0) ::close(fd);
  return fd < 0;
}

// The forward's submenu as the tray shows it now (the menu is rebuilt on every change).
QMenu *forwardMenu(QMenu *tray, const QString &key) {
  for (QAction *a : tray->actions())
    if (a->menu() && a->menu()->objectName() == QStringLiteral("forward:") + key) return a->menu();
  return nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &name) {
  for (QAction *a : menu->actions())
    if (a->objectName() == name) return a;
  return nullptr;
}

}  // namespace

class TestTrayForwards : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void stopAndStartOneForwardFromTheTray() {
    testnet::TcpServer echo(testnet::echoHandler);
    const QString net =
        QStringLiteral("127.0.%1").arg(QRandomGenerator::global()->bounded(100, 250));
    const QString alphaVip = net + QStringLiteral(".1"), betaVip = net + QStringLiteral(".2");
    const quint16 alphaPort = testnet::freePort(), onePort = testnet::freePort(),
                  twoPort = testnet::freePort();

    QTemporaryDir dir;
    App::Options o;
    o.configDir = dir.filePath(QStringLiteral("config"));
    o.autostartDir = dir.filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = true;
    App app(o);

    profiles::Profile p;
    p.id = QStringLiteral("tray-forwards");
    p.name = QStringLiteral("Tray forwards");
    auto port = [&](quint16 listen) {
      mesh::PortSpec s;
      s.listenPort = listen;
      s.connectHost = QStringLiteral("127.0.0.1");
      s.connectPort = echo.port();
      return s;
    };
    mesh::HostSpec alpha;
    alpha.name = QStringLiteral("alpha");
    alpha.vip = alphaVip;
    alpha.stateDirDisable = true;
    alpha.ports = {port(alphaPort)};
    const quint16 httpPort = testnet::freePort();
    alpha.httpListen = QStringLiteral("127.0.0.1:%1").arg(httpPort);
    mesh::HostSpec beta;
    beta.name = QStringLiteral("beta");
    beta.vip = betaVip;
    beta.stateDirDisable = true;
    beta.loopbackDisable = true;  // alpha listens for beta's ports on this machine
    beta.ports = {port(onePort), port(twoPort)};
    p.mesh.hosts = {alpha, beta};
    QCOMPARE(app.profiles()->save(p), QString());
    app.profiles()->setCurrentId(p.id);

    ConnectionController *c = app.connection();
    c->connectProfile(p.id);
    auto pids = [c] {
      QHash<QString, qint64> out;
      for (const auto &h : c->lastMesh().hosts)
        if (h.state == mesh::HostState::Ready) out.insert(h.name, h.pid);
      return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pids().size() == 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(echoes(betaVip, onePort), 15000);
    QVERIFY(echoes(betaVip, twoPort));
    QVERIFY(echoes(alphaVip, alphaPort));
    const auto before = pids();

    TrayIcon tray(&app);
    const QString oneKey = StoppedForwards::portKey(QStringLiteral("beta"), beta.ports[0]);
    QMenu *sub = forwardMenu(tray.menu(), oneKey);
    QVERIFY2(sub, qPrintable(oneKey));
    QVERIFY(actionNamed(sub, QStringLiteral("copy")));
    QVERIFY(actionNamed(sub, QStringLiteral("stop"))->isEnabled());
    QVERIFY(!actionNamed(sub, QStringLiteral("start"))->isEnabled());

    // Stop: that port refuses; beta's other forward and alpha's carry on, same agents.
    actionNamed(sub, QStringLiteral("stop"))->trigger();
    QVERIFY(!c->isForwardRunning(oneKey));
    QTRY_VERIFY_WITH_TIMEOUT(refused(betaVip, onePort), 15000);
    QVERIFY(echoes(betaVip, twoPort));
    QVERIFY(echoes(alphaVip, alphaPort));
    QCOMPARE(pids(), before);
    // The menu and the Mesh page's row say so.
    QTRY_VERIFY(forwardMenu(tray.menu(), oneKey) != sub);
    sub = forwardMenu(tray.menu(), oneKey);
    QVERIFY(sub && sub->title().endsWith(QStringLiteral("(stopped)")));
    QVERIFY(actionNamed(sub, QStringLiteral("start"))->isEnabled());
    QVERIFY(!actionNamed(sub, QStringLiteral("stop"))->isEnabled());
    const ForwardModel *rows = app.hosts()->forwards();
    QCOMPARE(rows->rowCount(), 3);
    for (int i = 0; i < rows->rowCount(); ++i) {
      const QModelIndex at = rows->index(i);
      QCOMPARE(rows->data(at, ForwardModel::StoppedRole).toBool(),
               rows->data(at, ForwardModel::KeyRole).toString() == oneKey);
    }
    // The saved profile is untouched: the stop belongs to this session.
    QCOMPARE(app.profiles()->profile(p.id)->mesh.hosts[1].ports.size(), 2);

    // Start: bytes go through again, still the same agents.
    actionNamed(sub, QStringLiteral("start"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(echoes(betaVip, onePort), 15000);
    QVERIFY(echoes(betaVip, twoPort));
    QVERIFY(echoes(alphaVip, alphaPort));
    QCOMPARE(pids(), before);
    QTRY_VERIFY(!rows->data(rows->index(1), ForwardModel::StoppedRole).toBool());

    // alpha's HTTP proxy, from its own submenu: its listener closes and opens, the rest runs,
    // and the Mesh page's service entry says so.
    const QString httpKey = StoppedForwards::httpKey(QStringLiteral("alpha"));
    QVERIFY(!refused(QStringLiteral("127.0.0.1"), httpPort));
    auto httpService = [&app] {
      for (const QVariant &v : app.hosts()->services().value(QStringLiteral("alpha")).toList())
        if (v.toMap().value(QStringLiteral("kind")) == QLatin1String("http")) return v.toMap();
      return QVariantMap();
    };
    QCOMPARE(httpService().value(QStringLiteral("key")).toString(), httpKey);
    QVERIFY(!httpService().value(QStringLiteral("stopped")).toBool());
    actionNamed(forwardMenu(tray.menu(), httpKey), QStringLiteral("stop"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(refused(QStringLiteral("127.0.0.1"), httpPort), 15000);
    QVERIFY(httpService().value(QStringLiteral("stopped")).toBool());
    QVERIFY(echoes(alphaVip, alphaPort));
    QVERIFY(echoes(betaVip, onePort));
    QCOMPARE(pids(), before);
    actionNamed(forwardMenu(tray.menu(), httpKey), QStringLiteral("start"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!refused(QStringLiteral("127.0.0.1"), httpPort), 15000);
    QVERIFY(!httpService().value(QStringLiteral("stopped")).toBool());
    QCOMPARE(pids(), before);

    // A stopped forward starts again with a new connection.
    actionNamed(forwardMenu(tray.menu(), oneKey), QStringLiteral("stop"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(refused(betaVip, onePort), 15000);
    c->disconnectProfile();
    c->connectProfile(p.id);
    QVERIFY(c->isForwardRunning(oneKey));
    QTRY_VERIFY_WITH_TIMEOUT(echoes(betaVip, onePort), 30000);
    app.shutdown();
  }
};

QTEST_MAIN(TestTrayForwards)
#include "tst_trayforwards.moc"
