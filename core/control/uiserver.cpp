#include "control/uiserver.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

#include "net/wsframes.h"

Q_LOGGING_CATEGORY(lcUiServer, "routeless.control.ui")

namespace routeless::control {
namespace {

// Refusal log lines: at most this many per window, then a count.
constexpr int kLogWindowMs = 10000;
constexpr int kLogsPerWindow = 20;
constexpr int kListenBacklog = 1024;

}  // namespace

UiServer::UiServer(QObject *parent) : QObject(parent) {}

UiServer::~UiServer() { close(); }

void UiServer::setAccess(const QByteArray &token, const QList<WebOrigin> &allowedOrigins) {
  m_policy.token = token;
  m_policy.allowedOrigins = allowedOrigins;
}

bool UiServer::listen(quint16 port, QString *error) {
  close();
  if (m_policy.token.isEmpty()) {
    if (error) *error = QStringLiteral("UI server: no token set; refusing to listen without one");
    return false;
  }
  m_tcp = new QTcpServer(this);
  // A burst of connections (hundreds of idle sockets, then a real UI) must not overflow the
  // kernel's accept queue: a dropped SYN costs the real UI a one-second retry.
  m_tcp->setListenBacklogSize(kListenBacklog);
  if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
    if (error)
      *error = QStringLiteral("UI server: cannot listen on 127.0.0.1:%1: %2")
                   .arg(port)
                   .arg(m_tcp->errorString());
    delete m_tcp;
    m_tcp = nullptr;
    return false;
  }
  m_policy.port = m_tcp->serverPort();
  connect(m_tcp, &QTcpServer::newConnection, this, &UiServer::onTcpConnection);
  return true;
}

quint16 UiServer::port() const { return m_tcp ? m_tcp->serverPort() : 0; }

void UiServer::close() {
  if (m_tcp) {
    m_tcp->close();
    delete m_tcp;
    m_tcp = nullptr;
  }
  QList<UiConnection *> all = m_pending;
  all += m_clients.values();
  m_pending.clear();
  m_clients.clear();
  for (UiConnection *c : std::as_const(all)) {
    c->disconnect(this);
    c->abort();
  }
}

void UiServer::onTcpConnection() {
  while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
    // Connections that never finish their handshake must not keep a real UI out: past the
    // cap, the oldest pending one makes room.
    if (m_pending.size() >= m_limits.maxPendingHandshakes) {
      UiConnection *oldest = m_pending.takeFirst();
      logRefusal(QStringLiteral("dropped the UI handshake from %1: more than %2 connections are "
                                "in their handshake; the oldest goes")
                     .arg(oldest->peer())
                     .arg(m_limits.maxPendingHandshakes));
      oldest->disconnect(this);
      oldest->abort();
    }
    auto *c = new UiConnection(socket, m_limits, this);
    m_pending.append(c);
    connect(c, &UiConnection::headReceived, this,
            [this, c](const net::HttpRequestHead &head) { judge(c, head); });
    connect(c, &UiConnection::handshakeFailed, this,
            [this, c](int status, const QByteArray &reason) {
              m_pending.removeOne(c);
              logRefusal(QStringLiteral("refused a UI handshake from %1: %2 %3")
                             .arg(c->peer())
                             .arg(status)
                             .arg(QString::fromLatin1(reason)));
            });
    connect(c, &UiConnection::finished, this, [this, c] { m_pending.removeOne(c); });
  }
}

void UiServer::judge(UiConnection *c, const net::HttpRequestHead &head) {
  m_pending.removeOne(c);
  UiHandshakeVerdict v = judgeUiHandshake(head, m_policy);
  if (v.status == 101 && m_clients.size() >= m_limits.maxClients) {
    v.status = 503;
    v.reason = "too many UI connections (limit " + QByteArray::number(m_limits.maxClients) +
               "); close one and try again";
  }
  if (v.status != 101) {
    logRefusal(QStringLiteral("refused a UI handshake from %1: %2 %3")
                   .arg(c->peer())
                   .arg(v.status)
                   .arg(QString::fromLatin1(v.reason)));
    c->answerHandshake(v);
    return;
  }
  const int id = m_nextClientId++;
  m_clients.insert(id, c);
  connect(c, &UiConnection::textReceived, this,
          [this, id](const QByteArray &utf8) { onText(id, utf8); });
  connect(c, &UiConnection::violated, this, [c](quint16 code, const QByteArray &reason) {
    qCWarning(lcUiServer).noquote() << QStringLiteral("closing the UI connection from %1: %2 %3")
                                           .arg(c->peer())
                                           .arg(code)
                                           .arg(QString::fromUtf8(reason));
  });
  connect(c, &UiConnection::finished, this, [this, id] {
    if (m_clients.remove(id)) Q_EMIT clientDisconnected(id);
  });
  c->answerHandshake(v);
  qCDebug(lcUiServer) << "UI" << id << "connected from" << c->peer();
  Q_EMIT clientConnected(id);
}

void UiServer::logRefusal(const QString &line) {
  if (!m_logWindow.isValid() || m_logWindow.elapsed() > kLogWindowMs) {
    if (m_suppressed)
      qCWarning(lcUiServer) << m_suppressed << "more UI connection refusals were not logged";
    m_logWindow.start();
    m_loggedInWindow = 0;
    m_suppressed = 0;
  }
  if (m_loggedInWindow++ < kLogsPerWindow)
    qCWarning(lcUiServer).noquote() << line;
  else
    ++m_suppressed;
}

void UiServer::onText(int clientId, const QByteArray &raw) {
  UnmarshalResult r = unmarshal(raw);
  switch (r.severity) {
    case UnmarshalSeverity::None:
      Q_EMIT messageReceived(clientId, r.envelope);
      return;
    case UnmarshalSeverity::NonCritical:
      if (r.envelope.contextId) {
        send(clientId, Envelope::failure(r.envelope, errc::kUnmarshal, r.message));
        return;
      }
      [[fallthrough]];
    case UnmarshalSeverity::Critical:
      send(clientId, unmarshalErrorMessage(r.message, raw));
      return;
  }
}

void UiServer::send(int clientId, const Envelope &message) {
  if (UiConnection *c = m_clients.value(clientId))
    c->sendText(net::wsServerFrame(net::WsOpcode::Text, marshal(message)));
}

void UiServer::broadcast(const Envelope &message, int exceptClient) {
  if (m_clients.isEmpty()) return;
  const QByteArray frame = net::wsServerFrame(net::WsOpcode::Text, marshal(message));
  // sendText may drop a client that lags too far behind: iterate over a copy.
  const QHash<int, UiConnection *> clients = m_clients;
  for (auto it = clients.cbegin(); it != clients.cend(); ++it)
    if (it.key() != exceptClient) it.value()->sendText(frame);
}

void UiServer::flush(int clientId) {
  if (UiConnection *c = m_clients.value(clientId)) c->flush();
}

}  // namespace routeless::control
