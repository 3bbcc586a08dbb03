#include "master/httpserver.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <algorithm>

Q_LOGGING_CATEGORY(lcHttp, "routeless.master.http")

namespace routeless::master {

QByteArray HttpRequest::header(QByteArrayView name) const {
  for (const auto &h : headers)
    if (h.first == name) return h.second;
  return QByteArray();
}

// One client connection: parses requests one at a time, asks the server's head check about
// each head before reading its body, hands each to the handler and writes the reply. Owned by
// the server; deletes itself when the socket closes. It never reads more than the current
// request needs (the socket's own buffer is bounded too), never restarts a request's deadline
// and never starts a second request before the first is answered.
class HttpConnection : public QObject {
 public:
  HttpConnection(HttpServer *server, QTcpSocket *socket, quint64 serial)
      : QObject(server),
        m_server(server),
        m_socket(socket),
        m_serial(serial),
        m_head(server->m_limits.head) {
    socket->setParent(this);
    const HttpServer::Limits &lim = m_server->m_limits;
    // Qt reads ahead into its own buffer; bound it.
    socket->setReadBufferSize(64 * 1024);
    // Responses and events are written in pieces; don't let Nagle hold them back.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_server->m_live.insert(this);
    m_age.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onDeadline);
    m_linger.setSingleShot(true);
    connect(&m_linger, &QTimer::timeout, this, [this] { m_socket->abort(); });
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    // The first request's deadline counts from the connection's start.
    m_requestStarted = true;
    m_timer.start(lim.requestTimeoutMs);
    // A TLS socket may hold decrypted bytes already.
    QTimer::singleShot(0, this, &HttpConnection::onReadyRead);
  }
  ~HttpConnection() override {
    m_socket->disconnect(this);
    m_server->m_live.remove(this);
  }

  quint64 serial() const { return m_serial; }
  bool proven() const { return m_proven; }
  qint64 ageMs() const { return m_age.elapsed(); }

  // Closes a connection that has not shown a key, to make room for a newer one.
  void evict() {
    m_server->m_live.remove(this);
    m_socket->abort();
  }

  // Takes in what the peer has already sent (the event loop may not have got to it yet), so a
  // head with the key that is waiting to be read proves the connection before it is judged.
  void catchUp() {
    if (m_state == State::Head || m_state == State::Body) {
      m_socket->waitForReadyRead(0);
      if (m_socket->bytesAvailable() > 0) parse();
    }
  }

  void sendResponse(HttpReply *reply, const HttpResponse &r) {
    if (reply != m_reply || reply->m_done) return;
    reply->m_done = true;
    writeResponse(r, m_request.method == "HEAD");
    finishExchange();
  }

  void startStream(HttpReply *reply, int status, const HttpHeaders &headers) {
    if (reply != m_reply || reply->m_done || reply->m_streaming) return;
    reply->m_streaming = true;
    m_chunked = m_request.version == "HTTP/1.1";
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + net::httpReasonPhrase(status) + "\r\n";
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
    if (m_chunked)
      m_socket->write("0\r\n\r\n");
    else
      m_keepAlive = false;
    finishExchange();
  }

 private:
  enum class State { Head, Body, Waiting, Streaming, Closing };

  void appendHeaders(QByteArray *head, const HttpHeaders &headers) const {
    for (const auto &h : headers) *head += h.first + ": " + h.second + "\r\n";
    if (m_server->m_responseHeaders)
      for (const auto &h : m_server->m_responseHeaders(m_request))
        *head += h.first + ": " + h.second + "\r\n";
    *head += "Date: " +
             QLocale::c()
                 .toString(QDateTime::currentDateTimeUtc(),
                           QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                 .toLatin1() +
             "\r\n";
  }

  void writeResponse(const HttpResponse &r, bool headOnly) {
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + net::httpReasonPhrase(r.status) + "\r\n";
    appendHeaders(&head, r.headers);
    const bool noBody = r.status == 204 || r.status == 304;
    if (!noBody) head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    head += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
    if (!noBody && !headOnly) m_socket->write(r.body);
    m_socket->flush();
  }

  void finishExchange() {
    if (m_reply) {
      m_reply->deleteLater();
      m_reply = nullptr;
    }
    if (!m_keepAlive) return startClosing(false);
    m_state = State::Head;
    m_request = HttpRequest();
    m_requestStarted = false;
    m_timer.start(m_server->m_limits.idleTimeoutMs);
    // A pipelined request may already wait in the socket's buffer.
    if (m_socket->bytesAvailable() > 0) QTimer::singleShot(0, this, &HttpConnection::parse);
  }

  // No further request on this connection: close once the answer is out. After a refusal the
  // peer may still be sending a body we will never read; reading and dropping it for a moment
  // lets the peer read our answer instead of a connection reset.
  void startClosing(bool linger) {
    m_state = State::Closing;
    m_keepAlive = false;
    m_body.clear();
    m_lingerWanted = linger;
    // Bounded even if the peer never reads what we wrote.
    m_timer.start(m_server->m_limits.requestTimeoutMs);
    if (m_socket->isOpen()) m_socket->readAll();
    onBytesWritten();
  }

  void onBytesWritten() {
    if (m_state != State::Closing || m_socket->bytesToWrite() > 0) return;
    if (!m_lingerWanted) return m_socket->disconnectFromHost();
    if (!m_linger.isActive()) m_linger.start(m_server->m_limits.lingerMs);
  }

  void refuse(const HttpResponse &r) {
    m_keepAlive = false;
    writeResponse(r, false);
    startClosing(true);
  }

  void refuse(int status, const QByteArray &why) {
    qCDebug(lcHttp) << "refusing request from" << m_socket->peerAddress().toString() << status
                    << why;
    HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = "{\"error\":\"" + why + "\"}";
    refuse(r);
  }

  void onDeadline() {
    switch (m_state) {
      case State::Head:
        if (m_requestStarted && (m_head.headBytes() > 0 || m_socket->bytesAvailable() > 0))
          return refuse(408, "request not received in time");
        m_socket->abort();  // nothing of a request arrived: close quietly
        return;
      case State::Body:
        return refuse(408, "request not received in time");
      case State::Closing:
        m_socket->abort();
        return;
      case State::Waiting:
      case State::Streaming:
        return;
    }
  }

  void onReadyRead() {
    switch (m_state) {
      case State::Closing:
      case State::Streaming:
        // Nothing more is read from this peer; drop it. (This may run from the constructor's
        // zero timer after the socket was closed for room: never read a closed device.)
        if (m_socket->isOpen()) m_socket->readAll();
        return;
      case State::Waiting:
        return;  // the next request waits in the socket's bounded buffer
      case State::Head:
      case State::Body:
        parse();
        return;
    }
  }

  void parse() {
    const HttpServer::Limits &lim = m_server->m_limits;
    if (m_state == State::Head) {
      if (m_socket->bytesAvailable() == 0) return;
      if (!m_requestStarted) {
        m_requestStarted = true;
        m_timer.start(lim.requestTimeoutMs);
      }
      // The parser takes the head's bytes and no more: no body byte is read before the head is
      // judged (empty lines before a request are its business, RFC 9112 2.2).
      qsizetype used = 0;
      const net::HttpRequestHeadParser::State state =
          m_head.feed(m_socket->peek(m_socket->bytesAvailable()), &used);
      m_socket->skip(used);
      if (state == net::HttpRequestHeadParser::State::Failed)
        return refuse(m_head.errorStatus(), m_head.errorText());
      if (state == net::HttpRequestHeadParser::State::NeedMore) return;
      net::HttpRequestHead head = m_head.takeHead();
      m_head.reset();
      if (!head.target.startsWith('/'))
        return refuse(400, "request target must be an absolute path");
      if (head.hasField("transfer-encoding"))
        return refuse(501, "chunked request bodies are not accepted; send Content-Length");
      m_request = HttpRequest();
      m_request.method = std::move(head.method);
      m_request.target = std::move(head.target);
      m_request.version = std::move(head.version);
      m_request.headers = std::move(head.fields);
      m_request.contentLength = head.contentLength.value_or(0);
      const qsizetype q = m_request.target.indexOf('?');
      m_request.path =
          QUrl::fromPercentEncoding(q < 0 ? m_request.target : m_request.target.left(q));
      if (q >= 0) m_request.query = QUrlQuery(QString::fromUtf8(m_request.target.mid(q + 1)));
      m_request.peer = m_socket->peerAddress();
      const QByteArray connection = m_request.header("connection").toLower();
      m_keepAlive = m_request.version == "HTTP/1.1" ? !connection.contains("close")
                                                    : connection.contains("keep-alive");
      HttpResponse refusal;
      const HttpServer::HeadVerdict verdict = m_server->m_headCheck
                                                  ? m_server->m_headCheck(m_request, &refusal)
                                                  : HttpServer::HeadVerdict::Authenticated;
      if (verdict == HttpServer::HeadVerdict::Refuse) return refuse(refusal);
      if (verdict == HttpServer::HeadVerdict::Authenticated) m_proven = true;
      const qint64 maxBody =
          verdict == HttpServer::HeadVerdict::Authenticated ? lim.maxBody : lim.maxPublicBody;
      if (m_request.contentLength > maxBody) return refuse(413, "request body too large");
      m_state = State::Body;
    }
    if (m_state == State::Body) {
      const qint64 need = m_request.contentLength - m_body.size();
      if (need > 0) m_body += m_socket->read(need);
      if (m_body.size() < m_request.contentLength) return;
      m_request.body = std::exchange(m_body, {});
      m_state = State::Waiting;
      m_timer.stop();
      m_reply = new HttpReply(this);
      m_server->m_handler(m_request, m_reply);
    }
  }

  void onDisconnected() {
    if (m_reply) {
      HttpReply *r = m_reply;
      m_reply = nullptr;
      r->m_done = true;
      Q_EMIT r->closed();
      r->deleteLater();
    }
    m_state = State::Closing;
    m_timer.stop();
    m_linger.stop();
    m_server->m_live.remove(this);  // its slot is free now, not when it is deleted
    deleteLater();
  }

  HttpServer *m_server;
  QTcpSocket *m_socket;
  const quint64 m_serial;  // accept order: the oldest unproven connection is evicted first
  QElapsedTimer m_age;
  QTimer m_timer;  // the current request's deadline, or the idle limit between requests
  QTimer m_linger;
  net::HttpRequestHeadParser m_head;
  QByteArray m_body;
  HttpRequest m_request;
  HttpReply *m_reply = nullptr;
  State m_state = State::Head;
  bool m_requestStarted = false;
  bool m_proven = false;  // a request on it passed the head check with a key
  bool m_keepAlive = true;
  bool m_chunked = true;
  bool m_lingerWanted = false;
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
    ssl->setHandshakeTimeout(m_limits.requestTimeoutMs);
    m_server = ssl;
  } else {
    m_server = new QTcpServer(this);
  }
  // A burst of connections must not overflow the kernel's queue and delay a real client by a
  // SYN retransmission.
  m_server->setListenBacklogSize(qMax(4096, m_limits.maxConnections));
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
  // QTcpServer stops accepting after an error such as running out of descriptors; try again
  // shortly instead of never.
  connect(m_server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError e) {
    qCWarning(lcHttp) << "accept failed:" << e << "- accepting again in 100 ms";
    QTimer::singleShot(100, this, [this] {
      if (m_server) m_server->resumeAccepting();
    });
  });
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

bool HttpServer::makeRoom() {
  // A connection gets a moment to show its key before it can be made to go; without that, a
  // burst of newcomers could push out a real client between its accept and its first read.
  QList<HttpConnection *> candidates;
  for (HttpConnection *c : std::as_const(m_live))
    if (!c->proven() && c->ageMs() >= m_limits.graceMs) candidates.append(c);
  std::sort(
      candidates.begin(), candidates.end(),
      [](const HttpConnection *a, const HttpConnection *b) { return a->serial() < b->serial(); });
  for (HttpConnection *c : std::as_const(candidates)) {
    c->catchUp();  // may prove it, refuse it or see it gone
    if (!m_live.contains(c) || c->proven()) continue;
    ++m_evicted;
    c->evict();
    return true;
  }
  return m_live.size() < m_limits.maxConnections;  // catching up may have closed one
}

void HttpServer::onNewConnection() {
  while (QTcpSocket *socket = m_server->nextPendingConnection()) {
    if (m_live.size() >= m_limits.maxConnections && !makeRoom()) {
      // Every connection has shown a key or has only just come: this one is told to retry.
      ++m_refused;
      socket->write(
          "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      socket->disconnectFromHost();
      connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      QTimer::singleShot(1000, socket, &QTcpSocket::abort);
      continue;
    }
    new HttpConnection(this, socket, m_nextSerial++);
  }
}

}  // namespace routeless::master
