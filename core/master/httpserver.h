#pragma once
// A small HTTP/1.1 server for the NodePass master API: strict bounded request heads (the
// project's one parser, net::HttpRequestHeadParser), a head check (the API key) before any body
// byte is read, one deadline per request, keep-alive, one request at a time per connection, replies
// sent now or later, and chunked streams for Server-Sent Events; plain TCP or TLS (QSslServer). It
// knows no routes and never buffers without a limit; when its connections are all taken, the oldest
// connection that has not shown a key (and has had a moment to) makes room, so clients without the
// key cannot lock out one that has it.

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QSslConfiguration>
#include <QUrlQuery>
#include <functional>
#include <optional>

#include "net/httphead.h"

class QTcpServer;
class QTcpSocket;

namespace routeless::master {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as a handler sees it: the parsed head, the path and query decoded, the body.
struct HttpRequest {
  QByteArray method;
  QByteArray target;  // as sent, e.g. "/api/v1/tcping?target=a:1"
  QString path;       // percent-decoded path of the target
  QUrlQuery query;
  QByteArray version;   // "HTTP/1.1"
  HttpHeaders headers;  // names lower-cased
  qint64 contentLength = 0;
  QByteArray body;
  QHostAddress peer;
  QByteArray header(QByteArrayView name) const;  // first value, empty if absent
};

struct HttpResponse {
  int status = 200;
  HttpHeaders headers;
  QByteArray body;
};

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
    net::HttpHeadLimits head;  // 8 KiB a line, 16 KiB a head, 100 fields
    qint64 maxBody = 1024 * 1024;
    // Head and body of one request must arrive within this, counted from the request's first
    // byte (from the connection's start for its first request); never restarted by more bytes.
    int requestTimeoutMs = 10000;
    int idleTimeoutMs = 60000;  // a kept-alive connection between two requests
    int maxConnections = 1024;
    // When every connection is taken, the oldest one that has not shown a key and is at least
    // this old is closed to make room for a newcomer (after what it has sent is read: a head
    // with the key already waiting proves it instead).
    int graceMs = 100;
    // A request that has not shown a key (a Public one) may carry at most this much body, so
    // that no client without the key can make the server hold a body.
    qint64 maxPublicBody = 0;
    // After a refusal the peer's input is read and dropped this long before closing, so that it
    // reads the answer instead of a reset.
    int lingerMs = 500;
  };
  // What the head check says about a request before its body is read.
  enum class HeadVerdict {
    Refuse,         // answered with the check's response at once; the body is never read
    Public,         // served without credentials (OPTIONS, the API description)
    Authenticated,  // served; the connection has shown a key and is never evicted for room
  };
  using HeadCheck = std::function<HeadVerdict(const HttpRequest &head, HttpResponse *refusal)>;
  using Handler = std::function<void(const HttpRequest &, HttpReply *)>;
  // Headers added to every answer (replies, streams and refusals) for the request being
  // answered, e.g. CORS for an allowed page.
  using ResponseHeaders = std::function<HttpHeaders(const HttpRequest &)>;

  explicit HttpServer(Handler handler, QObject *parent = nullptr);
  ~HttpServer() override;

  void setLimits(const Limits &limits) { m_limits = limits; }
  const Limits &limits() const { return m_limits; }
  // Without a check every request counts as Authenticated.
  void setHeadCheck(HeadCheck check) { m_headCheck = std::move(check); }
  void setResponseHeaders(ResponseHeaders headers) { m_responseHeaders = std::move(headers); }
  // With `tls`, every connection is HTTPS.
  bool listen(const QHostAddress &address, quint16 port,
              const std::optional<QSslConfiguration> &tls, QString *error);
  quint16 port() const;
  void close();
  int connectionCount() const { return int(m_live.size()); }
  // Connections closed to make room for newer ones, and ones refused for want of room.
  quint64 evictedCount() const { return m_evicted; }
  quint64 refusedCount() const { return m_refused; }

 private:
  friend class HttpConnection;
  void onNewConnection();
  bool makeRoom();

  Handler m_handler;
  HeadCheck m_headCheck;
  ResponseHeaders m_responseHeaders;
  Limits m_limits;
  QTcpServer *m_server = nullptr;
  quint64 m_evicted = 0;
  quint64 m_refused = 0;
  quint64 m_nextSerial = 0;
  QSet<HttpConnection *> m_live;
};

}  // namespace routeless::master
