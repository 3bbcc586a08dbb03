#include "control/httpserver.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcHttp, "routeless.control.http")

namespace routeless::control {

QByteArray HttpRequest::header(QByteArrayView name) const {
  for (const auto &h : headers)
    if (h.first == name) return h.second;
  return QByteArray();
}

QByteArray httpReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

// One client connection: parses requests one at a time, hands each to the handler and writes
// the reply. Owned by the server; deletes itself when the socket closes. It never reads more
// than the limits allow and never starts a second request before the first is answered.
class HttpConnection : public QObject {
 public:
  HttpConnection(HttpServer *server, QTcpSocket *socket)
      : QObject(server), m_server(server), m_socket(socket) {
    socket->setParent(this);
    // Responses and events are written in pieces; don't let Nagle hold them back.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ++m_server->m_connections;
    m_server->m_live.insert(this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      if (m_state == State::Head && !m_buffer.isEmpty())
        return fail(408, "request head not received in time");
      if (m_state == State::Head || m_state == State::Body) m_socket->abort();
    });
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
      if (m_closeAfterWrite && m_socket->bytesToWrite() == 0) m_socket->disconnectFromHost();
    });
    armTimer(m_server->m_limits.headerTimeoutMs);
  }
  ~HttpConnection() override {
    m_socket->disconnect(this);
    --m_server->m_connections;
    m_server->m_live.remove(this);
  }

  void sendResponse(HttpReply *reply, const HttpResponse &r) {
    if (reply != m_reply || reply->m_done) return;
    reply->m_done = true;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + httpReasonPhrase(r.status) + "\r\n";
    appendHeaders(&head, r.headers);
    const bool noBody = r.status == 204 || r.status == 304 || m_request.method == "HEAD";
    if (r.status != 204 && r.status != 304)
      head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    head += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
    if (!noBody) m_socket->write(r.body);
    m_socket->flush();
    finishExchange();
  }

  void startStream(HttpReply *reply, int status, const HttpHeaders &headers) {
    if (reply != m_reply || reply->m_done || reply->m_streaming) return;
    reply->m_streaming = true;
    m_chunked = m_request.version == "HTTP/1.1";
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    appendHeaders(&head, headers);
    head += m_chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
    m_state = State::Streaming;
    m_timer.stop();
  }

  bool writeChunk(HttpReply *reply, const QByteArray &data) {
    if (reply != m_reply || !reply->m_streaming || reply->m_done) return false;
    if (m_socket->bytesToWrite() > HttpReply::kMaxStreamBacklog) {
      qCWarning(lcHttp) << "dropping a stream to" << m_socket->peerAddress().toString()
                        << ": more than" << HttpReply::kMaxStreamBacklog << "bytes unsent";
      m_socket->abort();
      return false;
    }
    if (data.isEmpty()) return true;
    if (m_chunked) {
      m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    } else {
      m_socket->write(data);
    }
    m_socket->flush();  // events are latency-sensitive: hand them to the kernel now
    return true;
  }

  void endStream(HttpReply *reply) {
    if (reply != m_reply || !reply->m_streaming || reply->m_done) return;
    reply->m_done = true;
    if (m_chunked) {
      m_socket->write("0\r\n\r\n");
      finishExchange();
    } else {
      m_keepAlive = false;
      finishExchange();
    }
  }

 private:
  enum class State { Head, Body, Waiting, Streaming, Closing };

  static void appendHeaders(QByteArray *head, const HttpHeaders &headers) {
    for (const auto &h : headers) *head += h.first + ": " + h.second + "\r\n";
    *head += "Date: " +
             QLocale::c()
                 .toString(QDateTime::currentDateTimeUtc(),
                           QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                 .toLatin1() +
             "\r\n";
  }

  void armTimer(int ms) { m_timer.start(ms); }

  void finishExchange() {
    if (m_reply) {
      m_reply->deleteLater();
      m_reply = nullptr;
    }
    if (!m_keepAlive) {
      m_state = State::Closing;
      m_closeAfterWrite = true;
      if (m_socket->bytesToWrite() == 0) m_socket->disconnectFromHost();
      return;
    }
    m_state = State::Head;
    m_request = HttpRequest();
    armTimer(m_server->m_limits.idleTimeoutMs);
    // A pipelined request may already be buffered.
    if (!m_buffer.isEmpty()) QTimer::singleShot(0, this, &HttpConnection::parse);
  }

  void fail(int status, const QByteArray &why) {
    qCDebug(lcHttp) << "refusing request from" << m_socket->peerAddress().toString() << status
                    << why;
    m_keepAlive = false;
    m_state = State::Closing;
    m_timer.stop();
    const QByteArray body = "{\"error\":\"" + why + "\"}";
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) +
                    "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body);
    m_closeAfterWrite = true;
    m_buffer.clear();
  }

  void onReadyRead() {
    if (m_state == State::Streaming || m_state == State::Closing) {
      m_socket->readAll();  // nothing is expected while streaming; discard
      return;
    }
    const HttpServer::Limits &lim = m_server->m_limits;
    const qint64 cap = lim.maxRequestLine + lim.maxHeaderBytes + lim.maxBody + 4;
    m_buffer.append(m_socket->read(qMax<qint64>(0, cap - m_buffer.size())));
    if (m_buffer.size() >= cap && m_socket->bytesAvailable() > 0 && m_state == State::Head)
      return fail(431, "request head too large");
    parse();
  }

  void parse() {
    const HttpServer::Limits &lim = m_server->m_limits;
    if (m_state == State::Head) {
      // Tolerate empty lines before a request (RFC 9112 2.2).
      while (m_buffer.startsWith("\r\n")) m_buffer.remove(0, 2);
      const qsizetype lineEnd = m_buffer.indexOf("\r\n");
      if (lineEnd < 0) {
        if (m_buffer.size() > lim.maxRequestLine) return fail(414, "request line too long");
        return;
      }
      if (lineEnd > lim.maxRequestLine) return fail(414, "request line too long");
      const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
      if (headEnd < 0) {
        if (m_buffer.size() > lim.maxRequestLine + lim.maxHeaderBytes)
          return fail(431, "request headers too large");
        return;
      }
      if (headEnd - lineEnd > lim.maxHeaderBytes) return fail(431, "request headers too large");
      const QByteArray head = m_buffer.left(headEnd);
      m_buffer.remove(0, headEnd + 4);
      if (!parseHead(head)) return;
      m_state = State::Body;
    }
    if (m_state == State::Body) {
      if (m_buffer.size() < m_bodyLength) {
        armTimer(lim.headerTimeoutMs);
        return;
      }
      m_request.body = m_buffer.left(m_bodyLength);
      m_buffer.remove(0, m_bodyLength);
      m_state = State::Waiting;
      m_timer.stop();
      m_reply = new HttpReply(this);
      m_request.peer = m_socket->peerAddress();
      QPointer<HttpReply> guard(m_reply);
      m_server->m_handler(m_request, m_reply);
      Q_UNUSED(guard);
    }
  }

  bool parseHead(const QByteArray &head) {
    const HttpServer::Limits &lim = m_server->m_limits;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> parts = lines.first().trimmed().split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      fail(400, "malformed request line");
      return false;
    }
    for (char c : parts[0])
      if (c < 'A' || c > 'Z') {
        fail(400, "malformed method");
        return false;
      }
    m_request.method = parts[0];
    m_request.target = parts[1];
    m_request.version = parts[2];
    if (m_request.version != "HTTP/1.1" && m_request.version != "HTTP/1.0") {
      fail(505, "only HTTP/1.0 and HTTP/1.1 are served");
      return false;
    }
    if (!m_request.target.startsWith('/')) {
      fail(400, "request target must be an absolute path");
      return false;
    }
    if (lines.size() - 1 > lim.maxHeaders) {
      fail(431, "too many header fields");
      return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
      const qsizetype colon = line.indexOf(':');
      if (colon <= 0 || line.left(colon).contains(' ') || line.left(colon).contains('\t')) {
        fail(400, "malformed header field");
        return false;
      }
      m_request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype q = m_request.target.indexOf('?');
    m_request.path =
        QUrl::fromPercentEncoding(m_request.target.left(q < 0 ? m_request.target.size() : q));
    if (q >= 0) m_request.query = QUrlQuery(QString::fromUtf8(m_request.target.mid(q + 1)));
    const QByteArray connection = m_request.header("connection").toLower();
    m_keepAlive = m_request.version == "HTTP/1.1" ? !connection.contains("close")
                                                  : connection.contains("keep-alive");
    if (!m_request.header("transfer-encoding").isEmpty()) {
      fail(501, "chunked request bodies are not accepted; send Content-Length");
      return false;
    }
    const QByteArray length = m_request.header("content-length");
    m_bodyLength = 0;
    if (!length.isEmpty()) {
      bool ok = false;
      m_bodyLength = length.toLongLong(&ok);
      if (!ok || m_bodyLength < 0) {
        fail(400, "malformed Content-Length");
        return false;
      }
      if (m_bodyLength > lim.maxBody) {
        fail(413, "request body too large");
        return false;
      }
    }
    return true;
  }

  void onDisconnected() {
    if (m_reply) {
      HttpReply *r = m_reply;
      m_reply = nullptr;
      r->m_done = true;
      Q_EMIT r->closed();
      r->deleteLater();
    }
    deleteLater();
  }

  HttpServer *m_server;
  QTcpSocket *m_socket;
  QTimer m_timer;
  QByteArray m_buffer;
  HttpRequest m_request;
  qint64 m_bodyLength = 0;
  HttpReply *m_reply = nullptr;
  State m_state = State::Head;
  bool m_keepAlive = true;
  bool m_chunked = true;
  bool m_closeAfterWrite = false;
};

HttpReply::HttpReply(HttpConnection *connection) : QObject(connection), m_connection(connection) {}
void HttpReply::send(const HttpResponse &response) { m_connection->sendResponse(this, response); }
void HttpReply::startStream(int status, const HttpHeaders &headers) {
  m_connection->startStream(this, status, headers);
}
bool HttpReply::write(const QByteArray &data) { return m_connection->writeChunk(this, data); }
void HttpReply::endStream() { m_connection->endStream(this); }

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler)) {}

HttpServer::~HttpServer() { close(); }

bool HttpServer::listen(const QHostAddress &address, quint16 port,
                        const std::optional<QSslConfiguration> &tls, QString *error) {
  close();
  if (tls) {
    auto *ssl = new QSslServer(this);
    ssl->setSslConfiguration(*tls);
    ssl->setHandshakeTimeout(m_limits.headerTimeoutMs);
    m_server = ssl;
  } else {
    m_server = new QTcpServer(this);
  }
  m_server->setMaxPendingConnections(m_limits.maxConnections);
  if (!m_server->listen(address, port)) {
    if (error)
      *error = QStringLiteral("HTTP server: cannot listen on %1:%2: %3")
                   .arg(address.toString())
                   .arg(port)
                   .arg(m_server->errorString());
    delete m_server;
    m_server = nullptr;
    return false;
  }
  connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
  return true;
}

quint16 HttpServer::port() const { return m_server ? m_server->serverPort() : 0; }

void HttpServer::close() {
  if (!m_server) return;
  m_server->close();
  const QSet<HttpConnection *> live = m_live;
  for (HttpConnection *c : live) delete c;
  delete m_server;
  m_server = nullptr;
}

void HttpServer::onNewConnection() {
  while (QTcpSocket *socket = m_server->nextPendingConnection()) {
    if (m_connections >= m_limits.maxConnections) {
      socket->abort();
      socket->deleteLater();
      continue;
    }
    new HttpConnection(this, socket);
  }
}

}  // namespace routeless::control
