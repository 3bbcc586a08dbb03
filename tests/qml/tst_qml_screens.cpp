// Runs tests/qml/tst_*.qml with the Routeless module and an App that has profiles but no
// engines (nothing is started), in a temporary config directory. The tests compare English
// text and C-style numbers, so the locale and the app's language are pinned here, whatever
// the machine's LANG says.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QLocale>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <memory>

#include "app.h"
#include "appsettings.h"
#include "hostmodel.h"
#include "hostscontroller.h"
#include "logmodel.h"

Q_IMPORT_QML_PLUGIN(RoutelessPlugin)

using routeless::desktop::App;
using routeless::desktop::HostModel;
using routeless::desktop::LogModel;

class Setup : public QObject {
  Q_OBJECT
 public:
  Setup() {
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
  }

  // What a live mesh would report for a zero-install host, without running one: the shown
  // rows again, with `row`'s agent origin and version set (empty source clears it).
  Q_INVOKABLE void setAgentOrigin(int row, const QString &source, const QString &version) {
    HostModel *model = m_app->hosts()->model();
    QList<routeless::mesh::HostStatus> hosts;
    for (int i = 0; i < model->rowCount(); ++i) hosts.append(*model->at(i));
    if (row < 0 || row >= hosts.size()) return;
    hosts[row].agentSource = source;
    hosts[row].agentVersion = version;
    model->applySnapshot(hosts, 1000);
  }

 public Q_SLOTS:
  void qmlEngineAvailable(QQmlEngine *engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->rootContext()->setContextProperty(QStringLiteral("testHooks"), this);
    if (m_app) {  // one App for every test file, its image providers in every engine
      m_app->attachQmlEngine(engine);
      return;
    }
    App::Options o;
    o.configDir = m_dir.filePath(QStringLiteral("config"));
    o.autostartDir = m_dir.filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = false;
    m_app = std::make_unique<App>(o);
    m_app->settings()->setLanguage(QStringLiteral("en"));
    App::setInstance(m_app.get());
    m_app->attachQmlEngine(engine);
    m_app->startUp();  // first run: the demo profile, "connected" without engines
    // Known lines for the Logs screen's filter test: one info, two errors.
    const QString seeded = QStringLiteral("seeded by tst_qml_screens");
    for (const int level : {int(LogModel::Info), int(LogModel::Error), int(LogModel::Error)})
      m_app->logs()->append({QDateTime::currentDateTime(), level, QStringLiteral("test"), seeded});
    m_app->logs()->flush();
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<App> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml_screens, Setup)
#include "tst_qml_screens.moc"
