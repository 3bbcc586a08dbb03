#include "app.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTranslator>

#include "appsettings.h"
#include "connectioncontroller.h"
#include "controlhost.h"
#include "hostscontroller.h"
#include "logfiltermodel.h"
#include "logmodel.h"
#include "masterscontroller.h"
#include "profilescontroller.h"
#include "qrcode.h"
#include "tunnelscontroller.h"

Q_LOGGING_CATEGORY(lcApp, "app")

namespace routeless::desktop {

namespace {
App *g_instance = nullptr;
}

App::App(const Options &options, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_settings(new AppSettings(options.configDir, options.autostartDir, this)),
      m_logs(new LogModel(this)),
      m_logView(new LogFilterModel(this)),
      m_profiles(new ProfilesController(
          QDir(options.configDir).filePath(QStringLiteral("profiles")), m_settings, this)),
      m_connection(
          new ConnectionController(m_profiles, options.nodeProgram, options.startEngines, this)),
      m_hosts(new HostsController(m_profiles, m_connection, options.nodeProgram, this)),
      m_tunnels(new TunnelsController(m_profiles, m_connection, this)),
      m_masters(new MastersController(m_profiles, options.startEngines, this)) {
  m_logView->setLogs(m_logs);
  connect(m_connection, &ConnectionController::activeChanged, this, [this] {
    if (!m_connection->activeId().isEmpty()) m_settings->setLastProfileId(m_connection->activeId());
  });
  connect(m_settings, &AppSettings::languageChanged, this, &App::applyLanguage);
  applyLanguage();
}

App::~App() {
  shutdown();
  if (g_instance == this) g_instance = nullptr;
}

void App::setInstance(App *app) { g_instance = app; }
App *App::instance() { return g_instance; }

App *App::create(QQmlEngine *qmlEngine, QJSEngine *) {
  Q_ASSERT(g_instance);
  QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
  g_instance->attachQmlEngine(qmlEngine);
  return g_instance;
}

void App::attachQmlEngine(QQmlEngine *engine) {
  if (m_qmlEngine == engine) return;
  m_qmlEngine = engine;
  // The QR code of a tunnel's URL: the image id names the tunnel, never the URL.
  QPointer<TunnelsController> tunnels(m_tunnels);
  engine->addImageProvider(QStringLiteral("qr"), new QrImageProvider([tunnels](const QString &id) {
                             const QStringList parts = id.split(QLatin1Char('/'));
                             if (!tunnels || parts.size() != 3) return QString();
                             return tunnels->shareUrlOf(parts[0], parts[1].toInt(),
                                                        parts[2] == QLatin1String("1"));
                           }));
}

void App::shutdown() {
  m_control.reset();
  m_masters->shutdown();
  m_connection->shutdown();
}

QString App::version() const { return QStringLiteral(ROUTELESS_VERSION); }
bool App::qrAvailable() const { return routeless::desktop::qrAvailable(); }

int App::controlMode() const { return m_control ? int(m_control->mode()) : 0; }

QString App::controlStatus() const {
  return m_control ? m_control->statusText() : tr("The UI protocol is off.");
}

bool App::controlNodeRunning() const { return m_control && m_control->nodeRunning(); }

void App::startDaemonNode() {
  if (m_control) m_control->startNode();
}

void App::stopDaemonNode() {
  if (m_control) m_control->stopNode();
}

void App::startUp() {
  if (m_options.uiPort && m_options.startEngines && !m_control) {
    m_control = std::make_unique<ControlHost>(this, m_options.uiPort, m_options.uiTokenFile,
                                              m_options.uiAllowOrigins);
    connect(m_control.get(), &ControlHost::changed, this, &App::controlChanged);
    m_control->start();
  }
  m_profiles->reload();
  if (!m_settings->firstRunDone()) {
    const QString error = m_profiles->ensureDemo();
    if (!error.isEmpty())
      qCWarning(lcApp).noquote() << QStringLiteral("cannot save the demo profile: %1").arg(error);
    m_settings->setFirstRunDone();
    m_settings->setDefaultProfileId(QStringLiteral("local-demo"));
    qCInfo(lcApp) << "first run: created the \"Local demo\" profile";
    m_profiles->setCurrentId(QStringLiteral("local-demo"));
    m_connection->connectProfile(QStringLiteral("local-demo"));
    return;
  }
  QString pick = m_settings->lastProfileId();
  if (!m_profiles->profile(pick)) pick = m_settings->defaultProfileId();
  if (!m_profiles->profile(pick) && m_profiles->model()->rowCount() > 0)
    pick = m_profiles->model()->profiles().first().id;
  m_profiles->setCurrentId(pick);
  if (m_settings->connectLast() && m_profiles->profile(pick)) m_connection->connectProfile(pick);
}

void App::setTrayAvailable(bool available) {
  if (available == m_trayAvailable) return;
  m_trayAvailable = available;
  Q_EMIT trayAvailableChanged();
}

void App::setCurrentPage(int page) {
  page = qBound(0, page, int(SettingsPage));
  if (page == m_page) return;
  m_page = page;
  Q_EMIT currentPageChanged();
}

void App::requestActivation(int page) {
  if (page >= 0) setCurrentPage(page);
  Q_EMIT activationRequested();
}

void App::quit() { QCoreApplication::quit(); }

void App::copyText(const QString &text) const {
  if (QClipboard *cb = QGuiApplication::clipboard()) cb->setText(text);
}

QUrl App::documentsFolder() const {
  const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  return QUrl::fromLocalFile(!docs.isEmpty() && QDir(docs).exists() ? docs : QDir::homePath());
}

bool App::fileExists(const QUrl &file) const {
  return file.isLocalFile() && QFileInfo::exists(file.toLocalFile());
}

QString App::displayPath(const QUrl &file) const {
  return file.isLocalFile() ? QDir::toNativeSeparators(file.toLocalFile()) : file.toString();
}

void App::applyLanguage() {
  if (m_translator) {
    QCoreApplication::removeTranslator(m_translator);
    delete m_translator;
    m_translator = nullptr;
  }
  QString lang = m_settings->language();
  if (lang.isEmpty()) lang = QLocale::system().name();
  // English has a catalogue too: its plural forms ("1 host", "2 hosts").
  auto *t = new QTranslator(this);
  if (t->load(QStringLiteral(":/i18n/routeless_%1.qm").arg(lang)) ||
      t->load(QStringLiteral(":/i18n/routeless_%1.qm").arg(lang.section(QLatin1Char('_'), 0, 0))) ||
      t->load(QStringLiteral(":/i18n/routeless_en.qm"))) {
    QCoreApplication::installTranslator(t);
    m_translator = t;
  } else {
    delete t;
  }
  if (m_qmlEngine) m_qmlEngine->retranslate();
  m_connection->retranslate();
  m_hosts->model()->retranslate();
  m_hosts->forwards()->retranslate();
  m_tunnels->model()->retranslate();
  m_masters->model()->retranslate();
  m_profiles->model()->retranslate();
  Q_EMIT languageChanged();
}

}  // namespace routeless::desktop
