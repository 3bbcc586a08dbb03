#include "control/daemon.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>

#include "control/uiclient.h"
#include "platform/childguard.h"

Q_LOGGING_CATEGORY(lcDaemon, "routeless.control.daemon")

namespace routeless::control {
namespace {

constexpr qsizetype kStderrTail = 4096;

quint16 freeLoopbackPort() {
  QTcpServer s;
  if (!s.listen(QHostAddress::LocalHost, 0)) return 0;
  return s.serverPort();
}

}  // namespace

Daemon::Daemon(const QString &nodeProgram, QObject *parent, const QProcessEnvironment &env)
    : QObject(parent), m_program(nodeProgram), m_server(new UiServer(this)), m_setup(env) {
  connect(m_server, &UiServer::messageReceived, this, &Daemon::handle);
  m_probeTimer.setInterval(kProbeIntervalMs);
  connect(&m_probeTimer, &QTimer::timeout, this, &Daemon::probe);
}

Daemon::~Daemon() { stopNode(); }

void Daemon::setUiAccess(const UiAccess &access) {
  m_access = access;
  m_server->setAccess(access.token, access.allowedOrigins);
}

bool Daemon::listen(quint16 port, QString *error) { return m_server->listen(port, error); }

void Daemon::stopNode() {
  if (!m_node) return;
  m_node->disconnect(this);
  if (m_node->state() != QProcess::NotRunning) {
    m_node->terminate();
    if (!m_node->waitForFinished(3000)) {
      m_node->kill();
      m_node->waitForFinished(1000);
    }
  }
  delete m_node;
  m_node = nullptr;
  m_state = NodeState::Stopped;
  m_probeTimer.stop();
}

void Daemon::handle(int clientId, const Envelope &message) {
  if (message.opcode == QLatin1String("setup") && message.contextId && message.payload)
    return handleSetup(clientId, message);
  if (message.opcode == QLatin1String("start") && message.contextId && message.payload)
    return handleStart(clientId, message);
  if (!message.payload) {
    // The reference daemon panics here; we answer instead.
    const QString why =
        QStringLiteral("%1: UIs send payloads, not error objects").arg(message.opcode);
    if (message.contextId)
      m_server->send(clientId, Envelope::failure(message, errc::kUnmarshal, why));
    else
      m_server->send(clientId, unmarshalErrorMessage(why, marshal(message)));
    return;
  }
  if (m_state == NodeState::Running) return redirect(clientId, message);
  if (message.contextId) {
    const QString why = m_state == NodeState::Starting
                            ? QStringLiteral("Cannot handle %1 request: Node is starting")
                            : QStringLiteral("Cannot handle %1 request: Node is not running");
    m_server->send(clientId,
                   Envelope::failure(message, errc::kNodeNotRunning, why.arg(message.opcode)));
  } else {
    m_server->send(clientId, Envelope::broadcast(QStringLiteral("undelivered"),
                                                 {{QStringLiteral("opcode"), message.opcode}}));
  }
}

void Daemon::handleSetup(int clientId, const Envelope &message) {
  QList<QPair<QString, QString>> errors;
  if (m_state != NodeState::Stopped) {
    // Frozen while a node runs: report, change nothing.
    m_server->send(clientId, Envelope::reply(message, m_setup.toPayload(true, errors)));
    return;
  }
  const bool changed = m_setup.apply(*message.payload, &errors);
  m_server->send(clientId, Envelope::reply(message, m_setup.toPayload(false, errors)));
  if (changed)
    m_server->broadcast(Envelope::broadcast(QStringLiteral("setup"), m_setup.toPayload(false, {})),
                        clientId);
}

void Daemon::handleStart(int clientId, const Envelope &message) {
  if (m_state != NodeState::Stopped) {
    m_server->send(clientId, Envelope::failure(message, errc::kNodeAlreadyRunning,
                                               QStringLiteral("the node is already running")));
    return;
  }
  m_nodePort = freeLoopbackPort();
  if (!m_nodePort) {
    m_server->send(
        clientId,
        Envelope::failure(message, errc::kNodeLaunch,
                          QStringLiteral("Could not launch Node: no free port on 127.0.0.1")));
    return;
  }
  delete m_node;
  m_node = new QProcess(this);
  platform::guardChild(*m_node);
  m_stderrTail.clear();
  connect(m_node, &QProcess::readyReadStandardError, this, &Daemon::onNodeOutput);
  connect(m_node, &QProcess::readyReadStandardOutput, this, &Daemon::onNodeOutput);
  connect(m_node, &QProcess::finished, this, &Daemon::onNodeFinished);
  connect(m_node, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart)
      launchFailed(
          QStringLiteral("Could not launch Node: %1: %2").arg(m_program, m_node->errorString()));
  });
  // The node reads the token from the same file; its path goes on the command line, the token
  // never does (every local user can read a command line).
  QStringList args = {QStringLiteral("engine"), QStringLiteral("--ui-port"),
                      QString::number(m_nodePort), QStringLiteral("--ui-token-file"),
                      m_access.tokenFile};
  const QStringList setupArgs = m_setup.engineArguments();
  // Pages allowed on the daemon are allowed on its node too (a redirect must not strand them).
  UiAccess nodeAccess = m_access;
  for (qsizetype i = 0; i + 1 < setupArgs.size(); i += 2) {
    if (setupArgs[i] != QLatin1String("--ui-allow-origin")) {
      args << setupArgs[i] << setupArgs[i + 1];
      continue;
    }
    for (const WebOrigin &o :
         parseOriginList(setupArgs[i + 1].toUtf8(), nullptr).value_or(QList<WebOrigin>()))
      if (!nodeAccess.allowedOrigins.contains(o)) nodeAccess.allowedOrigins.append(o);
  }
  if (!nodeAccess.allowedOrigins.isEmpty())
    args << QStringLiteral("--ui-allow-origin") << nodeAccess.originsText();
  m_startClient = clientId;
  m_startRequest = message;
  m_state = NodeState::Starting;
  qCInfo(lcDaemon).noquote() << "starting node:" << m_program << args.join(QLatin1Char(' '));
  m_node->start(m_program, args);
  m_nodePid = m_node->processId();
  m_launchClock.start();
  m_probeTimer.start();
}

void Daemon::onNodeOutput() {
  if (!m_node) return;
  const QByteArray err = m_node->readAllStandardError();
  const QByteArray out = m_node->readAllStandardOutput();
  // The node's log goes on to the daemon's stderr so that one terminal shows both.
  if (!out.isEmpty()) fwrite(out.constData(), 1, size_t(out.size()), stderr);
  if (!err.isEmpty()) fwrite(err.constData(), 1, size_t(err.size()), stderr);
  m_stderrTail.append(err);
  if (m_stderrTail.size() > kStderrTail) m_stderrTail = m_stderrTail.right(kStderrTail);
}

void Daemon::probe() {
  if (m_state != NodeState::Starting) return m_probeTimer.stop();
  if (m_launchClock.elapsed() > kLaunchTimeoutMs) {
    launchFailed(QStringLiteral("Node started in process %1, but was unresponsive and was killed")
                     .arg(m_nodePid));
    m_node->kill();
    m_node->waitForFinished(2000);
    return;
  }
  if (m_probe) return;  // one attempt at a time
  auto *probe = new UiClient(this);
  m_probe = probe;
  connect(probe, &UiClient::connected, this, [this, probe] {
    probe->deleteLater();
    launchSucceeded();
  });
  connect(probe, &UiClient::disconnected, probe, &QObject::deleteLater);
  probe->setFollowRedirects(false);
  probe->setToken(m_access.token);
  probe->open(m_nodePort);
}

void Daemon::launchSucceeded() {
  if (m_state != NodeState::Starting) return;
  m_probeTimer.stop();
  m_state = NodeState::Running;
  qCInfo(lcDaemon) << "node running in process" << m_nodePid << "on UI port" << m_nodePort;
  m_server->send(m_startClient,
                 Envelope::reply(m_startRequest, {{QStringLiteral("newProcessId"), m_nodePid},
                                                  {QStringLiteral("redirectUiPort"), m_nodePort}}));
  m_startClient = -1;
}

void Daemon::launchFailed(const QString &why) {
  if (m_state != NodeState::Starting) return;
  m_probeTimer.stop();
  m_state = NodeState::Stopped;
  qCWarning(lcDaemon).noquote() << why;
  m_server->send(m_startClient, Envelope::failure(m_startRequest, errc::kNodeLaunch, why));
  m_startClient = -1;
}

void Daemon::onNodeFinished(int exitCode, QProcess::ExitStatus status) {
  onNodeOutput();
  const QString tail = QString::fromUtf8(m_stderrTail).trimmed();
  if (m_state == NodeState::Starting) {
    launchFailed(QStringLiteral("Node started in process %1, but died immediately: %2")
                     .arg(m_nodePid)
                     .arg(tail.section(QLatin1Char('\n'), -3)));
    return;
  }
  if (m_state != NodeState::Running) return;
  m_state = NodeState::Stopped;
  QJsonValue reason;
  if (status == QProcess::CrashExit && tail.isEmpty())
    reason = QStringLiteral("NoInformation");
  else
    reason = QJsonObject{{QStringLiteral("Unrecognized"), tail.section(QLatin1Char('\n'), -5)}};
  qCInfo(lcDaemon) << "node process" << m_nodePid << "is gone"
                   << (status == QProcess::CrashExit ? "(killed or crashed)" : "") << "exit code"
                   << exitCode;
  m_server->broadcast(
      Envelope::broadcast(QStringLiteral("crashed"),
                          {{QStringLiteral("processId"), m_nodePid},
                           {QStringLiteral("crashReason"), reason},
                           {QStringLiteral("exitCode"),
                            status == QProcess::CrashExit ? QJsonValue() : QJsonValue(exitCode)}}));
  m_nodePort = 0;
}

void Daemon::redirect(int clientId, const Envelope &message) {
  // Built by hand: the contextId must stay exact above 2^53.
  QByteArray raw =
      "{\"port\":" + QByteArray::number(m_nodePort) + ",\"opcode\":" + jsonQuote(message.opcode) +
      ",\"contextId\":" +
      (message.contextId ? QByteArray::number(*message.contextId) : QByteArray("null")) +
      ",\"payload\":" +
      jsonQuote(QString::fromUtf8(QJsonDocument(*message.payload).toJson(QJsonDocument::Compact))) +
      "}";
  Envelope e;
  e.opcode = QStringLiteral("redirect");
  e.rawPayload = raw;
  m_server->send(clientId, e);
}

}  // namespace routeless::control
