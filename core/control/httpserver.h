#pragma once
// A small HTTP/1.1 server for the NodePass master API: bounded request line, headers and body,
// keep-alive, one request at a time per connection, replies sent now or later, and chunked
// streams for Server-Sent Events; plain TCP or TLS (QSslServer). It knows no routes and never
// buffers without a limit: oversized requests are answered with 4xx and the connection closed.

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QSslConfiguration>
#include <QUrlQuery>
#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace routeless::control {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
  QByteArray method;
  QByteArray target;  // as sent, e.g. "/api/v1/tcping?target=a:1"
  QString path;       // percent-decoded path of the target
  QUrlQuery query;
  QByteArray version;   // "HTTP/1.1"
  HttpHeaders headers;  // names lower-cased
  QByteArray body;
  QHostAddress peer;
  QByteArray header(QByteArrayView name) const;  // first value, empty if absent
};

struct HttpResponse {
  int status = 200;
  HttpHeaders headers;
  QByteArray body;
};

QByteArray httpReasonPhrase(int status);

class HttpConnection;

// The handle a request handler answers through; it may be kept (as a QPointer) and used later.
// It never outlives its connection and never writes after the exchange is done.
class HttpReply : public QObject {
  Q_OBJECT
 public:
  void send(const HttpResponse &response);
  // Starts a chunked (HTTP/1.1) response that stays open; write() sends one chunk.
  void startStream(int status, const HttpHeaders &headers);
  // False when the peer is too slow (more than kMaxStreamBacklog unsent): the stream is closed.
  bool write(const QByteArray &data);
  void endStream();
  bool isStreaming() const { return m_streaming; }
  bool isDone() const { return m_done; }

  static constexpr qint64 kMaxStreamBacklog = 4 * 1024 * 1024;

 Q_SIGNALS:
  // The connection went away before or while answering.
  void closed();

 private:
  friend class HttpConnection;
  explicit HttpReply(HttpConnection *connection);
  HttpConnection *m_connection;
  bool m_streaming = false;
  bool m_done = false;
};

class HttpServer : public QObject {
  Q_OBJECT
 public:
  struct Limits {
    int maxRequestLine = 8 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int maxHeaders = 100;
    qint64 maxBody = 1024 * 1024;
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 60000;
    int maxConnections = 1024;
  };
  using Handler = std::function<void(const HttpRequest &, HttpReply *)>;

  explicit HttpServer(Handler handler, QObject *parent = nullptr);
  ~HttpServer() override;

  void setLimits(const Limits &limits) { m_limits = limits; }
  const Limits &limits() const { return m_limits; }
  // With `tls`, every connection is HTTPS.
  bool listen(const QHostAddress &address, quint16 port,
              const std::optional<QSslConfiguration> &tls, QString *error);
  quint16 port() const;
  void close();
  int connectionCount() const { return m_connections; }

 private:
  friend class HttpConnection;
  void onNewConnection();

  Handler m_handler;
  Limits m_limits;
  QTcpServer *m_server = nullptr;
  int m_connections = 0;
  QSet<HttpConnection *> m_live;
};

}  // namespace routeless::control
