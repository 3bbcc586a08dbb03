#include "control/uiclient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QWebSocketHandshakeOptions>

Q_LOGGING_CATEGORY(lcUiClient, "routeless.control.client")

namespace routeless::control {

// Runs the event loop until `done()` is true or the deadline passes.
template <typename F>
static bool spinUntil(UiClient *context, QDeadlineTimer deadline, F done) {
  while (!done()) {
    if (deadline.hasExpired()) return false;
    QEventLoop loop;
    QTimer tick;
    tick.setSingleShot(true);
    QObject::connect(&tick, &QTimer::timeout, &loop, &QEventLoop::quit);
    tick.start(int(qBound<qint64>(qint64(1), deadline.remainingTime(), qint64(20))));
    // Wake up as soon as anything that can change done() happens.
    auto c1 = QObject::connect(context, &UiClient::messageReceived, &loop, &QEventLoop::quit);
    auto c2 = QObject::connect(context, &UiClient::connected, &loop, &QEventLoop::quit);
    auto c3 = QObject::connect(context, &UiClient::disconnected, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
  }
  return true;
}

UiClient::UiClient(QObject *parent) : QObject(parent) {}

UiClient::~UiClient() {
  if (m_socket) {
    m_socket->disconnect(this);
    m_socket->abort();
  }
}

void UiClient::attachSocket() {
  if (m_socket) {
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
  }
  m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
  connect(m_socket, &QWebSocket::connected, this, &UiClient::connected);
  connect(m_socket, &QWebSocket::textMessageReceived, this, &UiClient::onText);
  QWebSocket *s = m_socket;
  connect(m_socket, &QWebSocket::disconnected, this, [this, s] {
    if (s != m_socket) return;
    Q_EMIT disconnected();
    if (m_onNode && m_daemonPort && m_followRedirects) {
      // The node went away (shutdown or crash): talk to the daemon again.
      qCDebug(lcUiClient) << "node connection closed; falling back to daemon port" << m_daemonPort;
      m_onNode = false;
      open(m_daemonPort);
    } else {
      m_lost = true;
    }
  });
}

void UiClient::open(quint16 port) {
  m_lost = false;
  attachSocket();
  m_port = port;
  QWebSocketHandshakeOptions options;
  options.setSubprotocols({QString::fromLatin1(kUiSubprotocol)});
  QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)));
  if (!m_token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + m_token);
  m_socket->open(request, options);
}

bool UiClient::connectTo(quint16 port, int timeoutMs, QString *error) {
  if (!m_daemonPort) m_daemonPort = port;
  open(port);
  QWebSocket *s = m_socket;
  bool failed = false;
  auto c = connect(s, &QWebSocket::disconnected, this, [&failed] { failed = true; });
  const bool ok = spinUntil(this, QDeadlineTimer(timeoutMs), [&] {
    return failed || s->state() == QAbstractSocket::ConnectedState;
  });
  disconnect(c);
  if (!ok || failed || s->state() != QAbstractSocket::ConnectedState) {
    QString why = ok ? s->errorString() : QStringLiteral("timed out");
    // QWebSocket words a refused handshake as "Unhandled http status code: 401 (...)".
    if (why.contains(QLatin1String(": 401")))
      why = QStringLiteral(
          "the server refused the UI token (401): is --ui-token-file the file "
          "the server uses?");
    else if (why.contains(QLatin1String(": 403")))
      why = QStringLiteral("the server refused this client (403)");
    else if (why.contains(QLatin1String(": 503")))
      why = QStringLiteral("the server has as many UIs connected as it allows (503)");
    if (error)
      *error = QStringLiteral("cannot connect to ws://127.0.0.1:%1 with subprotocol %2: %3")
                   .arg(port)
                   .arg(QLatin1String(kUiSubprotocol), why);
    return false;
  }
  return true;
}

void UiClient::close() {
  if (m_socket) m_socket->close();
}

void UiClient::sendEnvelope(const Envelope &message) {
  if (message.contextId) m_pending.insert(*message.contextId, message);
  if (m_socket) m_socket->sendTextMessage(QString::fromUtf8(marshal(message)));
}

void UiClient::sendRawText(const QString &text) {
  if (m_socket) m_socket->sendTextMessage(text);
}

quint64 UiClient::sendRequest(const QString &opcode, const QJsonObject &payload) {
  const quint64 id = m_nextContextId++;
  sendEnvelope(Envelope::request(opcode, id, payload));
  return id;
}

void UiClient::onText(const QString &text) {
  const UnmarshalResult r = unmarshal(text.toUtf8());
  if (r.severity != UnmarshalSeverity::None) {
    qCWarning(lcUiClient) << "server sent an unusable message:" << r.message;
    return;
  }
  const Envelope &e = r.envelope;
  if (!e.contextId && e.opcode == QLatin1String("redirect") && m_followRedirects) {
    onRedirect(e);
    return;
  }
  if (e.contextId) {
    m_pending.remove(*e.contextId);
    if (m_keepMessages) m_replies.insert(*e.contextId, e);
  } else if (m_keepMessages) {
    m_broadcasts.append(e);
  }
  Q_EMIT messageReceived(e);
}

void UiClient::onRedirect(const Envelope &redirect) {
  const QJsonObject p = redirect.payload.value_or(QJsonObject());
  const quint16 port = quint16(p.value(QLatin1String("port")).toInt());
  if (!port) return;
  // contextId in the redirect may exceed 2^53; find the pending request by opcode and the
  // textual contextId instead of through a double.
  QList<Envelope> resend;
  const QString opcode = p.value(QLatin1String("opcode")).toString();
  for (const Envelope &e : std::as_const(m_pending))
    if (e.opcode == opcode) resend.append(e);
  qCDebug(lcUiClient) << "redirected to node port" << port << "resending" << resend.size();
  m_onNode = true;
  open(port);
  Q_EMIT redirected(port);
  QWebSocket *s = m_socket;
  connect(s, &QWebSocket::connected, this, [this, s, resend] {
    if (s != m_socket) return;
    for (const Envelope &e : resend) sendEnvelope(e);
  });
}

std::optional<Envelope> UiClient::transact(const QString &opcode, const QJsonObject &payload,
                                           int timeoutMs, QString *error) {
  const quint64 id = sendRequest(opcode, payload);
  const bool ok =
      spinUntil(this, QDeadlineTimer(timeoutMs), [&] { return m_replies.contains(id) || m_lost; });
  if (!ok || !m_replies.contains(id)) {
    m_pending.remove(id);
    if (error)
      *error =
          m_lost
              ? QStringLiteral("connection to port %1 closed before %2 (contextId %3) was answered")
                    .arg(m_port)
                    .arg(opcode)
                    .arg(id)
              : QStringLiteral("no response to %1 (contextId %2) from port %3 within %4 ms")
                    .arg(opcode)
                    .arg(id)
                    .arg(m_port)
                    .arg(timeoutMs);
    return std::nullopt;
  }
  return m_replies.take(id);
}

std::optional<Envelope> UiClient::waitForBroadcast(const QString &opcode, int timeoutMs) {
  std::optional<Envelope> found;
  spinUntil(this, QDeadlineTimer(timeoutMs), [&] {
    for (qsizetype i = 0; i < m_broadcasts.size(); ++i) {
      if (m_broadcasts[i].opcode == opcode) {
        found = m_broadcasts.takeAt(i);
        return true;
      }
    }
    return false;
  });
  return found;
}

QList<Envelope> UiClient::takeBroadcasts() {
  QList<Envelope> out;
  out.swap(m_broadcasts);
  return out;
}

}  // namespace routeless::control
