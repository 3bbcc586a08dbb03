#include "control/uiserver.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcUiServer, "routeless.control.ui")

namespace routeless::control {
namespace {

constexpr qsizetype kMaxHandshakeBytes = 16 * 1024;
constexpr int kHandshakeTimeoutMs = 5000;

// Lower-cased header name -> values of an HTTP request head (without the request line).
QMultiHash<QByteArray, QByteArray> parseHeaders(const QByteArray &head) {
  QMultiHash<QByteArray, QByteArray> headers;
  const QList<QByteArray> lines = head.split('\n');
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArray line = lines[i].trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
  }
  return headers;
}

bool originAllowed(const QList<QByteArray> &origins) {
  // Native UIs send no Origin; a browser always does. Only pages served from loopback may talk
  // to the engine, so a random web site cannot drive it through the user's browser.
  for (const QByteArray &o : origins) {
    const QByteArray v = o.toLower();
    if (v == "null") return false;
    const bool local = v.startsWith("http://127.0.0.1") || v.startsWith("http://localhost") ||
                       v.startsWith("https://127.0.0.1") || v.startsWith("https://localhost");
    if (!local) return false;
  }
  return true;
}

}  // namespace

UiServer::UiServer(QObject *parent) : QObject(parent) {
  m_ws = new QWebSocketServer(QStringLiteral("routeless"), QWebSocketServer::NonSecureMode, this);
  m_ws->setSupportedSubprotocols({QString::fromLatin1(kUiSubprotocol)});
  connect(m_ws, &QWebSocketServer::newConnection, this, &UiServer::onWebSocket);
}

UiServer::~UiServer() { close(); }

bool UiServer::listen(quint16 port, QString *error) {
  close();
  m_tcp = new QTcpServer(this);
  if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
    if (error)
      *error = QStringLiteral("UI server: cannot listen on 127.0.0.1:%1: %2")
                   .arg(port)
                   .arg(m_tcp->errorString());
    delete m_tcp;
    m_tcp = nullptr;
    return false;
  }
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
  const auto clients = m_clients;
  m_clients.clear();
  for (QWebSocket *s : clients) {
    s->disconnect(this);
    s->abort();
    s->deleteLater();
  }
}

void UiServer::onTcpConnection() {
  while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
    // Until the handshake is judged the socket belongs to us; QWebSocketServer takes it after.
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, socket, [socket] { socket->abort(); });
    timer->start(kHandshakeTimeoutMs);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectHandshake(socket); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0) inspectHandshake(socket);
  }
}

void UiServer::inspectHandshake(QTcpSocket *socket) {
  // Peek, don't read: QWebSocketServer parses the same bytes again after we accept.
  const QByteArray buffered = socket->peek(kMaxHandshakeBytes + 1);
  const qsizetype end = buffered.indexOf("\r\n\r\n");
  if (end < 0) {
    if (buffered.size() > kMaxHandshakeBytes) refuse(socket, "431 Request Header Fields Too Large");
    return;
  }
  const QByteArray head = buffered.left(end);
  const auto headers = parseHeaders(head);
  bool offered = false;
  for (const QByteArray &value : headers.values("sec-websocket-protocol"))
    for (const QByteArray &p : value.split(','))
      if (p.trimmed() == kUiSubprotocol) offered = true;
  if (!offered) {
    qCWarning(lcUiServer) << "refused a UI handshake without subprotocol" << kUiSubprotocol
                          << "offered:" << headers.values("sec-websocket-protocol");
    refuse(socket, "400 Bad Request");
    return;
  }
  if (!originAllowed(headers.values("origin"))) {
    qCWarning(lcUiServer) << "refused a UI handshake from origin" << headers.values("origin");
    refuse(socket, "403 Forbidden");
    return;
  }
  socket->disconnect(this);
  qDeleteAll(socket->findChildren<QTimer *>(QString(), Qt::FindDirectChildrenOnly));
  disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
  m_ws->handleConnection(socket);
  // The request bytes are already buffered; make the WebSocket server look at them now.
  QMetaObject::invokeMethod(socket, "readyRead", Qt::QueuedConnection);
}

void UiServer::refuse(QTcpSocket *socket, const QByteArray &status) {
  socket->disconnect(this);
  const QByteArray body = "The Routeless UI protocol needs the WebSocket subprotocol " +
                          QByteArray(kUiSubprotocol) + " from a local client.\n";
  socket->write("HTTP/1.1 " + status +
                "\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
  socket->disconnectFromHost();
}

void UiServer::onWebSocket() {
  while (QWebSocket *ws = m_ws->nextPendingConnection()) {
    const int id = m_nextClientId++;
    ws->setParent(this);
    m_clients.insert(id, ws);
    connect(ws, &QWebSocket::textMessageReceived, this,
            [this, id](const QString &text) { onText(id, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [id](const QByteArray &data) {
      qCDebug(lcUiServer) << "client" << id << "sent a binary frame of" << data.size()
                          << "bytes; ignoring";
    });
    connect(ws, &QWebSocket::disconnected, this, [this, id, ws] {
      if (m_clients.remove(id)) Q_EMIT clientDisconnected(id);
      ws->deleteLater();
    });
    qCDebug(lcUiServer) << "client" << id << "connected from" << ws->peerAddress().toString();
    Q_EMIT clientConnected(id);
  }
}

void UiServer::onText(int clientId, const QString &text) {
  const QByteArray raw = text.toUtf8();
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
  QWebSocket *ws = m_clients.value(clientId);
  if (!ws) return;
  ws->sendTextMessage(QString::fromUtf8(marshal(message)));
}

void UiServer::broadcast(const Envelope &message, int exceptClient) {
  if (m_clients.isEmpty()) return;
  const QString text = QString::fromUtf8(marshal(message));
  for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it)
    if (it.key() != exceptClient) it.value()->sendTextMessage(text);
}

void UiServer::flush(int clientId) {
  if (QWebSocket *ws = m_clients.value(clientId)) ws->flush();
}

}  // namespace routeless::control
