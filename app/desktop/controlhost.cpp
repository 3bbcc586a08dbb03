#include "controlhost.h"

#include <QLoggingCategory>

#include "app.h"
#include "appengine.h"
#include "appsettings.h"
#include "control/envelope.h"
#include "control/nodeservice.h"
#include "control/uiclient.h"

Q_LOGGING_CATEGORY(lcControl, "control")
Q_LOGGING_CATEGORY(lcNode, "node")

namespace routeless::desktop {

namespace {
// How long a listener on the port may take to answer the probe's handshake. A refused connection
// ends the probe at once, so this only delays a start beside a daemon that is slow (a loaded
// machine: 700 ms was seen to run out while the daemon was busy).
constexpr int kProbeMs = 3000;
constexpr int kRefreshMs = 2000;

QString servingText(quint16 port, int clients) {
  return ControlHost::tr("Serving the UI protocol on 127.0.0.1:%1; UIs attached: %2")
      .arg(port)
      .arg(clients);
}
}  // namespace

ControlHost::ControlHost(App *app, quint16 port, const QString &tokenFile,
                         const QStringList &allowOrigins, QObject *parent)
    : QObject(parent),
      m_app(app),
      m_port(port),
      m_tokenFileOption(tokenFile),
      m_allowOrigins(allowOrigins),
      m_probeTimeout(this),
      m_refresh(this) {
  m_probeTimeout.setSingleShot(true);
  m_probeTimeout.setInterval(kProbeMs);
  connect(&m_probeTimeout, &QTimer::timeout, this, &ControlHost::probeFailed);
  m_refresh.setInterval(kRefreshMs);
  connect(&m_refresh, &QTimer::timeout, this, [this] {
    if (m_mode == Mode::Attached) refreshAttached();
    if (m_mode == Mode::Serving)
      setStatus(Mode::Serving, servingText(m_port, m_service->server()->clientCount()));
  });
}

ControlHost::~ControlHost() {
  if (m_client) m_client->disconnect(this);
  m_service.reset();  // before the engine it points at
  m_engine.reset();
}

void ControlHost::start() {
  if (m_port == 0) return setStatus(Mode::Off, tr("The UI protocol is off (--ui-port 0)."));
  if (!m_access) {
    // The token is needed both ways: to attach to a daemon and to serve.
    QString error;
    m_access = control::UiAccess::forServer(
        m_tokenFileOption, m_allowOrigins + m_app->settings()->uiAllowOrigins(), &error);
    if (!m_access) {
      qCWarning(lcControl).noquote() << QStringLiteral("UI protocol off: %1").arg(error);
      return setStatus(Mode::Off, tr("The UI protocol is off: %1").arg(error));
    }
  }
  // Probe: a daemon (or another app) that speaks our subprotocol on the port?
  delete m_client;
  m_client = new control::UiClient(this);
  m_client->setKeepMessages(false);
  m_client->setDaemonPort(m_port);
  m_client->setToken(m_access->token);
  connect(m_client, &control::UiClient::connected, this, [this] {
    if (m_mode == Mode::Probing) attach();
  });
  connect(m_client, &control::UiClient::messageReceived, this, &ControlHost::onMessage);
  connect(m_client, &control::UiClient::disconnected, this, [this] {
    // The node closing is followed by a fallback to the daemon inside UiClient; only a lost
    // daemon ends the attachment. Then this app serves the protocol itself.
    if (m_mode == Mode::Probing) return probeFailed();
    if (m_mode == Mode::Attached && !m_client->isConnected()) {
      QTimer::singleShot(1000, this, [this] {
        if (m_mode == Mode::Attached && m_client && !m_client->isConnected()) {
          qCWarning(lcControl).noquote()
              << QStringLiteral("the daemon on 127.0.0.1:%1 went away").arg(m_port);
          m_nodeRunning = false;
          start();
        }
      });
    }
  });
  setStatus(Mode::Probing, tr("Looking for a daemon on 127.0.0.1:%1…").arg(m_port));
  m_client->open(m_port);
  m_probeTimeout.start();
}

void ControlHost::probeFailed() {
  if (m_mode != Mode::Probing) return;
  m_probeTimeout.stop();
  if (m_client) {
    if (m_client->errorString().contains(QLatin1String(": 401")))
      qCWarning(lcControl).noquote()
          << QStringLiteral("the server on 127.0.0.1:%1 refused this app's UI token (%2)")
                 .arg(m_port)
                 .arg(m_access->tokenFile);
    m_client->disconnect(this);
    m_client->close();
    m_client->deleteLater();
    m_client = nullptr;
  }
  serve();
}

void ControlHost::serve() {
  if (!m_engine) m_engine = std::make_unique<AppEngine>(m_app);
  m_service = std::make_unique<control::NodeService>(m_engine.get());
  m_service->server()->setAccess(m_access->token, m_access->allowedOrigins);
  QString error;
  if (!m_service->listen(m_port, &error)) {
    m_service.reset();
    qCWarning(lcControl).noquote() << QStringLiteral("UI protocol not served: %1").arg(error);
    return setStatus(Mode::Off, tr("The UI protocol is off: %1").arg(error));
  }
  // A UI's `shutdown` quits the app like the tray's Quit.
  connect(m_service.get(), &control::NodeService::shutdownRequested, m_app, &App::quit);
  qCInfo(lcControl).noquote()
      << QStringLiteral("serving the UI protocol on 127.0.0.1:%1 (routeless-node ctl --ui-port %1)")
             .arg(m_port);
  setStatus(Mode::Serving, servingText(m_port, 0));
  m_refresh.start();
}

void ControlHost::attach() {
  m_probeTimeout.stop();
  qCInfo(lcControl).noquote()
      << QStringLiteral("attached to the Routeless daemon on 127.0.0.1:%1").arg(m_port);
  setStatus(Mode::Attached, tr("Attached to the daemon on 127.0.0.1:%1").arg(m_port));
  refreshAttached();
  m_refresh.start();
}

void ControlHost::refreshAttached() {
  if (m_client && m_client->isConnected()) m_client->sendRequest(QStringLiteral("status"), {});
}

void ControlHost::startNode() {
  if (m_mode != Mode::Attached || !m_client) return;
  m_client->sendRequest(QStringLiteral("start"), {});
}

void ControlHost::stopNode() {
  if (m_mode != Mode::Attached || !m_client) return;
  m_client->sendRequest(QStringLiteral("shutdown"), {});
}

void ControlHost::onMessage(const control::Envelope &m) {
  if (m_mode != Mode::Attached) return;
  const QJsonObject p = m.payload.value_or(QJsonObject());
  if (m.opcode == QLatin1String("status")) {
    const bool running = m.payload && p.value(QLatin1String("state")) == QLatin1String("running");
    m_nodeRunning = running;
    if (running) {
      const QJsonObject mesh = p.value(QLatin1String("mesh")).toObject();
      const QJsonObject tunnels = p.value(QLatin1String("tunnels")).toObject();
      setStatus(
          Mode::Attached,
          tr("Attached to the daemon on 127.0.0.1:%1; its node runs on port %2 "
             "(mesh %3, %4 of %5 tunnels running)")
              .arg(m_port)
              .arg(p.value(QLatin1String("uiPort")).toInt())
              .arg(mesh.value(QLatin1String("running")).toBool() ? tr("running") : tr("stopped"))
              .arg(tunnels.value(QLatin1String("running")).toInt())
              .arg(tunnels.value(QLatin1String("total")).toInt()));
    } else {
      setStatus(Mode::Attached,
                tr("Attached to the daemon on 127.0.0.1:%1; its node is not running").arg(m_port));
    }
  } else if (m.opcode == QLatin1String("start") && m.error) {
    qCWarning(lcControl).noquote() << QStringLiteral("daemon: %1").arg(m.error->message);
  } else if (m.opcode == QLatin1String("start")) {
    refreshAttached();
  } else if (m.opcode == QLatin1String("crashed")) {
    m_nodeRunning = false;
    qCWarning(lcControl).noquote() << QStringLiteral("the daemon's node ended: %1")
                                          .arg(p.value(QLatin1String("crashReason")).toString());
    refreshAttached();
  } else if (m.opcode == QLatin1String("logBroadcast")) {
    const QString level = p.value(QLatin1String("logLevel")).toString();
    const QString text = p.value(QLatin1String("msg")).toString();
    if (level == QLatin1String("Error") || level == QLatin1String("Warn"))
      qCWarning(lcNode).noquote() << text;
    else
      qCInfo(lcNode).noquote() << text;
  }
}

void ControlHost::setStatus(Mode mode, const QString &text) {
  if (mode == m_mode && text == m_statusText) return;
  m_mode = mode;
  m_statusText = text;
  Q_EMIT changed();
}

}  // namespace routeless::desktop
