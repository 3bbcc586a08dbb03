// Runs tests/qml/tst_*.qml with the Routeless module and a Backend that has profiles but no
// engines (nothing is started), in a temporary config directory. The tests compare English
// text and C-style numbers, so the locale and the app's language are pinned here, whatever
// the machine's LANG says.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QLocale>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <memory>

#include "appsettings.h"
#include "backend.h"
#include "logmodel.h"

Q_IMPORT_QML_PLUGIN(RoutelessPlugin)

using routeless::desktop::Backend;
using routeless::desktop::LogModel;

class Setup : public QObject {
  Q_OBJECT
 public:
  Setup() {
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
  }

 public Q_SLOTS:
  void qmlEngineAvailable(QQmlEngine *engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    if (m_backend) return;  // one Backend for every test file
    Backend::Options o;
    o.configDir = m_dir.filePath(QStringLiteral("config"));
    o.autostartDir = m_dir.filePath(QStringLiteral("autostart"));
    o.nodeProgram = QStringLiteral(ROUTELESS_NODE_BIN);
    o.startEngines = false;
    m_backend = std::make_unique<Backend>(o);
    m_backend->settings()->setLanguage(QStringLiteral("en"));
    Backend::setInstance(m_backend.get());
    m_backend->startUp();  // first run: the demo profile, "connected" without engines
    // Known lines for the Logs screen's filter test: one info, two errors.
    const QString seeded = QStringLiteral("seeded by tst_qml_screens");
    for (const int level : {int(LogModel::Info), int(LogModel::Error), int(LogModel::Error)})
      m_backend->logs()->append(
          {QDateTime::currentDateTime(), level, QStringLiteral("test"), seeded});
    m_backend->logs()->flush();
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<Backend> m_backend;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml_screens, Setup)
#include "tst_qml_screens.moc"
