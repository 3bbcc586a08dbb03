// Runs tests/qml_live/tst_*.qml with the Routeless module and an App whose engines run: the demo
// profile's agents are real `routeless-node agent` processes. A temporary config directory,
// the demo on four loopback ports of its own (never the user's), English and C-style numbers.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QLocale>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTcpServer>
#include <QTemporaryDir>
#include <memory>

#include "app.h"
#include "appsettings.h"
#include "hostmodel.h"
#include "hostscontroller.h"

Q_IMPORT_QML_PLUGIN(RoutelessPlugin)

using routeless::desktop::App;
using routeless::desktop::HostModel;

// Gives the QML test the App and what it needs to check: which process runs each host's agent.
// It never changes the App's state; the test does that through the screens.
class Setup : public QObject {
  Q_OBJECT
 public:
  Setup() {
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // Four ports free right now for the demo (forward, responder, tunnel, tunnel client): the
    // servers stay open until all four are picked, so the kernel hands out different ones.
    QTcpServer servers[4];
    QStringList ports;
    for (QTcpServer &s : servers) {
      s.listen(QHostAddress::LocalHost);
      ports << QString::number(s.serverPort());
    }
    qputenv("ROUTELESS_TEST_DEMO_PORTS", ports.join(QLatin1Char(',')).toLatin1());
  }

  // The pid of host `name`'s agent as the Mesh screen shows it (0: no agent, -1: no such row).
  Q_INVOKABLE qint64 pidOf(const QString &name) const {
    const HostModel *model = m_app->hosts()->model();
    for (int i = 0; i < model->rowCount(); ++i) {
      if (model->at(i)->name == name) return model->at(i)->pid;
    }
    return -1;
  }

  // A loopback port nothing listens on now, for a forward the test adds.
  Q_INVOKABLE int freePort() const {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost);
    return s.serverPort();
  }

 public Q_SLOTS:
  void qmlEngineAvailable(QQmlEngine *engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->rootContext()->setContextProperty(QStringLiteral("testHooks"), this);
    if (m_app) {
      m_app->attachQmlEngine(engine);
      return;
    }
    App::Options o;
    o.configDir = m_dir.filePath(QStringLiteral("config"));
    o.autostartDir = m_dir.filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = true;
    m_app = std::make_unique<App>(o);
    m_app->settings()->setLanguage(QStringLiteral("en"));
    App::setInstance(m_app.get());
    m_app->attachQmlEngine(engine);
    m_app->startUp();  // first run: the demo profile, connected
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<App> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml_live, Setup)
#include "tst_qml_live.moc"
