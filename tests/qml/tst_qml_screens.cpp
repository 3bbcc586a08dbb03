// Runs tests/qml/tst_*.qml with the Routeless module and a Backend that has profiles but no
// engines (nothing is started), in a temporary config directory.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <memory>

#include "backend.h"

Q_IMPORT_QML_PLUGIN(RoutelessPlugin)

using routeless::desktop::Backend;

class Setup : public QObject {
  Q_OBJECT
 public:
  Setup() { QQuickStyle::setStyle(QStringLiteral("Fusion")); }

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
    Backend::setInstance(m_backend.get());
    m_backend->startUp();  // first run: the demo profile, "connected" without engines
  }

 private:
  QTemporaryDir m_dir;
  std::unique_ptr<Backend> m_backend;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_qml_screens, Setup)
#include "tst_qml_screens.moc"
