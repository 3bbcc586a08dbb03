// The App with its engines and a profile that has a NodePass master (a real
// `routeless-node master://` process): the Tunnels screen's masters model lists the master as
// Live with its instances, follows changes made by someone else, and drives instances.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

#include "app.h"
#include "apptestkit.h"
#include "mastermodel.h"
#include "masterscontroller.h"
#include "profilescontroller.h"

using namespace routeless;
using namespace routeless::desktop;

namespace {

int rowOf(const MasterModel &m, const QString &name) {
  for (int r = 0; r < m.rowCount(); ++r)
    if (m.index(r).data(MasterModel::NameRole).toString() == name) return r;
  return -1;
}

QString stateOf(const MasterModel &m, const QString &name) {
  const int r = rowOf(m, name);
  return r < 0 ? QString() : m.index(r).data(MasterModel::StateRole).toString();
}
}  // namespace

class TestMastersController : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QProcess m_master;
  quint16 m_port = 0;
  QByteArray m_key;
  QNetworkAccessManager m_nam;

  int post(const QString &alias, const QString &url) {
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/instances").arg(m_port)));
    req.setRawHeader("X-API-Key", m_key);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *r = m_nam.post(req, QJsonDocument(QJsonObject{{QStringLiteral("alias"), alias},
                                                                 {QStringLiteral("url"), url}})
                                           .toJson());
    for (int i = 0; i < 500 && !r->isFinished(); ++i) QTest::qWait(10);
    r->deleteLater();
    return r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  }

 private Q_SLOTS:
  void initTestCase() {
    m_port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROUTELESS_MASTER_DIR"), m_dir.filePath(QStringLiteral("master")));
    m_master.setProcessEnvironment(env);
    m_master.start(QStringLiteral(ROUTELESS_NODE_BIN),
                   {QStringLiteral("master://127.0.0.1:%1/api?log=warn").arg(m_port)});
    QVERIFY(m_master.waitForStarted(5000));
    QFile state(m_dir.filePath(QStringLiteral("master/master.json")));
    QTRY_VERIFY_WITH_TIMEOUT(state.exists(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        (state.open(QIODevice::ReadOnly),
         m_key = QJsonDocument::fromJson(state.readAll())["apiKey"].toString().toUtf8(),
         state.close(), !m_key.isEmpty()),
        5000);
    QCOMPARE(
        post(QStringLiteral("web in"), QStringLiteral("server://k@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                           .arg(freePort())
                                           .arg(freePort())),
        201);
  }

  void cleanupTestCase() {
    m_master.terminate();
    if (!m_master.waitForFinished(5000)) m_master.kill();
  }

  void mastersOfTheShownProfileStayInSync() {
    QTemporaryDir config;
    QDir().mkpath(config.filePath(QStringLiteral("profiles")));
    QFile profile(config.filePath(QStringLiteral("profiles/remote.json")));
    QVERIFY(profile.open(QIODevice::WriteOnly));
    profile.write(
        QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("routeless-profile")},
                                  {QStringLiteral("version"), 1},
                                  {QStringLiteral("id"), QStringLiteral("remote")},
                                  {QStringLiteral("name"), QStringLiteral("Remote")},
                                  {QStringLiteral("masters"),
                                   QJsonArray{QJsonObject{
                                       {QStringLiteral("name"), QStringLiteral("lab")},
                                       {QStringLiteral("url"),
                                        QStringLiteral("http://127.0.0.1:%1").arg(m_port)},
                                       {QStringLiteral("apiKey"), QString::fromUtf8(m_key)}}}}})
            .toJson());
    profile.close();
    QFile settings(config.filePath(QStringLiteral("settings.ini")));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[General]\nfirstRunDone=true\nlastProfile=remote\nconnectLast=false\n");
    settings.close();

    App::Options o;
    o.configDir = config.path();
    o.autostartDir = config.filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    App b(o);
    b.startUp();
    QCOMPARE(b.profiles()->currentId(), QStringLiteral("remote"));
    MasterModel &m = *b.masters()->model();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m, QStringLiteral("lab")), QStringLiteral("Live"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m, QStringLiteral("web in")), QStringLiteral("running"),
                              5000);

    // Someone else adds an instance on the master: it shows up.
    QCOMPARE(
        post(QStringLiteral("second"), QStringLiteral("client://k@127.0.0.1:%1/127.0.0.1:%2?mode=2")
                                           .arg(freePort())
                                           .arg(freePort())),
        201);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(m, QStringLiteral("second")) > 0, 5000);

    // The app stops and starts an instance on the master.
    b.masters()->act(rowOf(m, QStringLiteral("web in")), QStringLiteral("stop"));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m, QStringLiteral("web in")), QStringLiteral("stopped"),
                              5000);
    b.masters()->act(rowOf(m, QStringLiteral("web in")), QStringLiteral("start"));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(m, QStringLiteral("web in")), QStringLiteral("running"),
                              5000);
    // Master rows take no action.
    b.masters()->act(rowOf(m, QStringLiteral("lab")), QStringLiteral("stop"));
    QCOMPARE(stateOf(m, QStringLiteral("lab")), QStringLiteral("Live"));

    // Showing a profile without masters stops the sync.
    QCOMPARE(b.profiles()->create(QStringLiteral("Empty")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), 0, 5000);
    b.shutdown();
  }
};

QTEST_MAIN(TestMastersController)
#include "tst_masterscontroller.moc"
