// Integration: the desktop app on the local UI protocol. With no daemon it serves the protocol
// itself, so a real QWebSocket UI and `routeless-node ctl` drive the window's profile (tunnels
// created, started, stopped, deleted, saved to disk; `shutdown` quits the app). With a daemon on
// the port it attaches as one more UI, and serves the protocol itself once the daemon is gone.
// Issue 10's browser attack on the app: refused before the upgrade, the saved profile untouched.
#include <sys/stat.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

#include "../integration/uiattack.h"
#include "apptestkit.h"
#include "control/uiclient.h"
#include "control/uitoken.h"

using namespace routeless;
using namespace routeless::control;

namespace {

// The app in a throw-away HOME, offscreen.
struct App {
  QTemporaryDir home;
  QProcess process;
  QString log;

  void start(quint16 uiPort, const QStringList &more = {}) {
    process.setProcessEnvironment(appTestEnvironment(home));
    process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&process, &QProcess::readyRead, &process,
                     [this] { log += QString::fromUtf8(process.readAll()); });
    process.start(QStringLiteral(ROUTELESS_DESKTOP_BIN),
                  QStringList{QStringLiteral("--ui-port"), QString::number(uiPort)} + more);
  }
  // Where the app keeps its UI token by default (its XDG config home is in `home`).
  QString tokenFile() const { return home.filePath(QStringLiteral(".config/routeless/ui-token")); }
  QByteArray token() const {
    QString error;
    return control::UiTokenFile::read(tokenFile(), &error).value_or(QByteArray());
  }
  bool waitForLog(const QString &text, int ms) {
    QElapsedTimer clock;
    clock.start();
    while (!log.contains(text) && clock.elapsed() < ms) QTest::qWait(50);
    return log.contains(text);
  }
  QString profileFile() const {
    return home.filePath(QStringLiteral(".config/Routeless/profiles/local-demo.json"));
  }
  ~App() {
    if (process.state() != QProcess::NotRunning) {
      process.terminate();
      if (!process.waitForFinished(5000)) process.kill();
      process.waitForFinished(2000);
    }
  }
};

QJsonArray tunnelList(UiClient &ui) {
  QString error;
  const auto r = ui.transact(QStringLiteral("tunnelList"), {}, 5000, &error);
  return r && r->payload ? r->payload->value(QLatin1String("tunnels")).toArray() : QJsonArray();
}

QString tunnelStatus(UiClient &ui, const QString &id) {
  for (const auto v : tunnelList(ui)) {
    const QJsonObject t = v.toObject();
    if (t.value(QLatin1String("id")).toString() == id)
      return t.value(QLatin1String("status")).toString();
  }
  return QStringLiteral("<none>");
}

bool sawStateChanged(UiClient &ui, const QString &kind, const QString &id, const QString &state) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < 10000) {
    const auto b = ui.waitForBroadcast(QStringLiteral("stateChanged"), 500);
    if (!b || !b->payload) continue;
    const QJsonObject &p = *b->payload;
    if (p.value(QLatin1String("kind")).toString() == kind &&
        p.value(QLatin1String("id")).toString() == id &&
        p.value(QLatin1String("state")).toString() == state)
      return true;
  }
  return false;
}

}  // namespace

class TestAppControl : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void servesTheProtocolWhenNoDaemonRuns() {
    const quint16 port = freePort();
    App app;
    app.start(port);
    QVERIFY(app.process.waitForStarted(5000));
    QVERIFY2(
        app.waitForLog(QStringLiteral("serving the UI protocol on 127.0.0.1:%1").arg(port), 15000),
        qPrintable(app.log));

    UiClient ui;
    ui.setToken(app.token());
    QString error;
    QVERIFY2(ui.connectTo(port, 5000, &error), qPrintable(error));
    const auto status = ui.transact(QStringLiteral("status"), {}, 5000, &error);
    QVERIFY2(status && status->payload, qPrintable(error));
    QCOMPARE(status->payload->value(QLatin1String("state")).toString(), QStringLiteral("running"));
    QCOMPARE(status->payload->value(QLatin1String("pid")).toInteger(), app.process.processId());

    // The demo profile's two tunnels, as the window shows them.
    QTRY_COMPARE_WITH_TIMEOUT(tunnelList(ui).size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tunnelStatus(ui, QStringLiteral("0")), QStringLiteral("running"),
                              10000);

    // A tunnel made through the protocol runs in the app and lands in the profile file.
    const quint16 tunnelPort = freePort();
    const auto created = ui.transact(
        QStringLiteral("tunnelCreate"),
        {{QStringLiteral("name"), QStringLiteral("from the cli")},
         {QStringLiteral("url"), QStringLiteral("server://k3y@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                     .arg(tunnelPort)
                                     .arg(freePort())},
         {QStringLiteral("start"), true}},
        5000, &error);
    QVERIFY2(created && created->payload, qPrintable(error));
    const QString id = created->payload->value(QLatin1String("tunnel"))
                           .toObject()
                           .value(QLatin1String("id"))
                           .toString();
    QCOMPARE(id, QStringLiteral("2"));
    QTRY_COMPARE_WITH_TIMEOUT(tunnelStatus(ui, id), QStringLiteral("running"), 10000);
    // Every UI hears about it: a stateChanged broadcast for that tunnel.
    QVERIFY2(sawStateChanged(ui, QStringLiteral("tunnel"), id, QStringLiteral("running")),
             "no stateChanged broadcast for the new tunnel");
    QTcpServer probe;
    QVERIFY2(!probe.listen(QHostAddress::LocalHost, tunnelPort), "the new server does not listen");
    QFile file(app.profileFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("from the cli"));
    // The demo tunnels kept running: adding one did not restart the profile.
    QCOMPARE(tunnelStatus(ui, QStringLiteral("0")), QStringLiteral("running"));

    // A bad URL is refused with a reason and nothing is saved.
    const auto bad =
        ui.transact(QStringLiteral("tunnelCreate"),
                    {{QStringLiteral("url"), QStringLiteral("client://k@h:0/x")}}, 5000, &error);
    QVERIFY(bad && bad->error);
    QVERIFY(bad->error->message.contains(QLatin1String("port")));
    QCOMPARE(tunnelList(ui).size(), 3);

    QVERIFY(ui.transact(QStringLiteral("tunnelStop"), {{QStringLiteral("id"), id}}, 5000, &error));
    QTRY_COMPARE_WITH_TIMEOUT(tunnelStatus(ui, id), QStringLiteral("stopped"), 5000);
    QVERIFY(
        ui.transact(QStringLiteral("tunnelDelete"), {{QStringLiteral("id"), id}}, 5000, &error));
    QTRY_COMPARE_WITH_TIMEOUT(tunnelList(ui).size(), 2, 5000);

    // The CLI attaches to the app too.
    QProcess ctl;
    ctl.setProcessEnvironment(appTestEnvironment(app.home));  // the same token file
    ctl.start(QStringLiteral(ROUTELESS_NODE_BIN),
              {QStringLiteral("ctl"), QStringLiteral("--ui-port"), QString::number(port),
               QStringLiteral("tunnelList")});
    QVERIFY(ctl.waitForFinished(10000));
    QCOMPARE(ctl.exitCode(), 0);
    QVERIFY(ctl.readAllStandardOutput().contains("demo server"));

    // `shutdown` from a UI quits the app cleanly.
    QVERIFY(ui.transact(QStringLiteral("shutdown"), {}, 5000, &error));
    QVERIFY(app.process.waitForFinished(15000));
    QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.process.exitCode(), 0);
  }

  void attachesToARunningDaemon() {
    const quint16 port = freePort();
    QTemporaryDir daemonHome;
    // Daemon and app share a token file named on both command lines.
    const QString tokenFile = daemonHome.filePath(QStringLiteral("private/ui-token"));
    QProcess daemon;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), daemonHome.path());
    daemon.setProcessEnvironment(env);
    daemon.start(QStringLiteral(ROUTELESS_NODE_BIN),
                 {QStringLiteral("daemon"), QStringLiteral("--ui-port"), QString::number(port),
                  QStringLiteral("--ui-token-file"), tokenFile});
    QVERIFY(daemon.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(tokenFile), 10000);
    QString error;
    const QByteArray token = UiTokenFile::read(tokenFile, &error).value_or(QByteArray());
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    UiClient probe;
    probe.setToken(token);
    QTRY_VERIFY_WITH_TIMEOUT(probe.connectTo(port, 500, &error), 10000);
    probe.close();

    App app;
    app.start(port, {QStringLiteral("--ui-token-file"), tokenFile});
    QVERIFY(app.process.waitForStarted(5000));
    QVERIFY2(
        app.waitForLog(QStringLiteral("attached to the Routeless daemon on 127.0.0.1:%1").arg(port),
                       15000),
        qPrintable(app.log));
    QVERIFY(!app.log.contains(QLatin1String("serving the UI protocol")));

    // The daemon goes away: the app takes the port over and serves the protocol itself.
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(10000));
    QVERIFY2(
        app.waitForLog(QStringLiteral("serving the UI protocol on 127.0.0.1:%1").arg(port), 20000),
        qPrintable(app.log));
    UiClient ui;
    ui.setToken(token);
    QTRY_VERIFY_WITH_TIMEOUT(ui.connectTo(port, 1000, &error), 10000);
    const auto status = ui.transact(QStringLiteral("status"), {}, 5000, &error);
    QVERIFY2(status && status->payload, qPrintable(error));
    QCOMPARE(status->payload->value(QLatin1String("pid")).toInteger(), app.process.processId());
  }

  void browserAttackOnTheAppIsRefused() {
    const quint16 port = freePort();
    App app;
    app.start(port, {QStringLiteral("--ui-allow-origin"), QStringLiteral("http://localhost:8080")});
    QVERIFY(app.process.waitForStarted(5000));
    QVERIFY2(
        app.waitForLog(QStringLiteral("serving the UI protocol on 127.0.0.1:%1").arg(port), 15000),
        qPrintable(app.log));
    // The token file: private, in a private folder.
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(app.tokenFile()).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    QCOMPARE(::stat(QFile::encodeName(QFileInfo(app.tokenFile()).absolutePath()).constData(), &st),
             0);
    QCOMPARE(st.st_mode & 07777, mode_t(0700));
    const QByteArray token = app.token();
    QCOMPARE(token.size(), 64);

    UiClient ui;
    ui.setToken(token);
    QString error;
    QVERIFY2(ui.connectTo(port, 5000, &error), qPrintable(error));
    // The demo profile is saved and running before the attack.
    QTRY_COMPARE_WITH_TIMEOUT(tunnelStatus(ui, QStringLiteral("0")), QStringLiteral("running"),
                              10000);
    QFile saved(app.profileFile());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray before = saved.readAll();
    saved.close();
    QVERIFY(!before.isEmpty());

    QTemporaryDir scratch;
    const QString pwned = scratch.filePath(QStringLiteral("pwned"));
    const QList<QList<QByteArray>> attempts = {
        {"Origin: http://localhost.attacker.example"},
        {"Origin: http://127.0.0.1.x.example"},
        {"Origin: null"},
        {"Origin: http://localhost:1"},
        {"Origin: http://localhost.attacker.example", uiattack::bearer(token)},
        {},  // a local script without the token
        {uiattack::bearer(QByteArray(token).replace('a', 'b').replace('0', '1'))},  // wrong one
    };
    for (const QList<QByteArray> &fields : attempts) {
      const QByteArray answer = uiattack::exchange(
          port, uiattack::upgradeRequest(port, fields) + uiattack::attackFrames(pwned));
      const QByteArray expected = fields.isEmpty() || fields.first().startsWith("Authorization")
                                      ? "HTTP/1.1 401 "
                                      : "HTTP/1.1 403 ";
      QVERIFY2(answer.startsWith(expected), answer.constData());
    }
    // DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends its own name.
    const QByteArray rebound = uiattack::exchange(
        port, uiattack::upgradeRequest(port, {uiattack::bearer(token)}, "Routeless-UIv1",
                                       "attacker.example:" + QByteArray::number(port)) +
                  uiattack::attackFrames(pwned));
    QVERIFY2(rebound.startsWith("HTTP/1.1 403 "), rebound.constData());

    // Nothing imported, nothing ran, the saved profile is byte for byte what it was.
    QVERIFY(ui.transact(QStringLiteral("status"), {}, 5000, &error));
    QTest::qWait(500);
    QVERIFY2(!QFile::exists(pwned), "the attack's command ran");
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), before);
    saved.close();
    QCOMPARE(tunnelStatus(ui, QStringLiteral("0")), QStringLiteral("running"));
    QVERIFY(!app.log.contains(QString::fromLatin1(token)));

    // The control experiment: the allowed origin with the token gets in, and the same frames
    // then do replace the profile and run the command. So the refusals are what stopped them.
    const QByteArray allowed = uiattack::exchange(
        port,
        uiattack::upgradeRequest(port, {"Origin: http://localhost:8080", uiattack::bearer(token)}) +
            uiattack::attackFrames(pwned) + uiattack::clientFrame(0x8, "\x03\xe8"),
        5000);
    QVERIFY2(allowed.startsWith("HTTP/1.1 101"), allowed.constData());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pwned), 15000);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() != before);
  }
};

QTEST_GUILESS_MAIN(TestAppControl)
#include "tst_app_control.moc"
