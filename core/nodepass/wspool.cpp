#include "wspool.h"

#include <openssl/rand.h>

#include <QTimer>

#include "httpresponsehead.h"
#include "logger.h"
#include "net/httphead.h"
#include "targetdialer.h"
#include "tlscontext.h"

namespace routeless::nodepass {
namespace {

// Small, so the bytes in flight stay in cache: the kernel's socket buffers hold the backlog. With
// 1 MiB out and 4 MiB in per slot, 8 TLS flows on a loaded machine moved less than one flow.
constexpr qint64 kMaxQueuedOut = 256 << 10;     // bytes framed but not yet taken by the socket
constexpr qint64 kPauseReadingAt = 512 << 10;   // unread input that stops reading the socket
constexpr qint64 kResumeReadingAt = 128 << 10;  // ... and restarts it

QByteArray plainResponse(int status, const char *reason, const char *body) {
  const QByteArray b = QByteArray(body) + '\n';
  return QByteArray("HTTP/1.1 ") + QByteArray::number(status) + ' ' + reason +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
         "Connection: close\r\nContent-Length: " +
         QByteArray::number(b.size()) + "\r\n\r\n" + b;
}

// Writes `bytes` fully (the socket is non-blocking), then calls done(ok).
void writeFully(net::SocketStream *s, const QByteArray &bytes, std::function<void(bool)> done) {
  auto rest = std::make_shared<QByteArray>(bytes);
  auto conn = std::make_shared<QMetaObject::Connection>();
  auto step = std::make_shared<std::function<void()>>();
  *step = [s, rest, conn, done] {
    while (!rest->isEmpty()) {
      const qint64 n = s->write(rest->constData(), rest->size());
      if (n == net::Stream::WouldBlock) {
        s->setWriteWatch(true);
        return;
      }
      if (n < 0) {
        QObject::disconnect(*conn);
        s->setWriteWatch(false);
        return done(false);
      }
      rest->remove(0, n);
    }
    QObject::disconnect(*conn);
    s->setWriteWatch(false);
    done(true);
  };
  *conn = QObject::connect(s, &net::Stream::writable, s, [step] { (*step)(); });
  (*step)();
}

// Reads an HTTP head from `s` with a deadline: a request (server side, the strict shared parser)
// or a response (client side). `done` gets the request or the response (one of them), the bytes
// read past the head, or an error.
struct ReadHead {
  const net::HttpRequestHead *request = nullptr;
  const HttpResponseHead *response = nullptr;
  QByteArray rest;
  QString error;
};
void readHead(net::SocketStream *s, bool isResponse, int timeoutMs,
              std::function<void(const ReadHead &)> done) {
  auto buffer = std::make_shared<QByteArray>();
  auto parser = std::make_shared<net::HttpRequestHeadParser>();
  auto finished = std::make_shared<bool>(false);
  auto *timer = new QTimer(s);
  timer->setSingleShot(true);
  auto finish = [s, timer, finished, done](const ReadHead &r) {
    if (*finished) return;
    *finished = true;
    timer->deleteLater();
    s->setReadWatch(false);
    QObject::disconnect(s, &net::Stream::readable, s, nullptr);
    done(r);
  };
  QObject::connect(timer, &QTimer::timeout, s, [finish] {
    ReadHead r;
    r.error = QStringLiteral("no HTTP head in time");
    finish(r);
  });
  auto onReadable = [s, buffer, parser, isResponse, finish] {
    char buf[4096];
    for (;;) {
      const qint64 n = s->read(buf, sizeof(buf));
      if (n == net::Stream::WouldBlock) break;
      ReadHead r;
      if (n <= 0) {
        r.error = n == 0 ? QStringLiteral("closed during the WebSocket upgrade") : s->errorString();
        return finish(r);
      }
      if (isResponse) {
        buffer->append(buf, int(n));
        HttpResponseHead head;
        const HeadStatus st = parseHttpResponseHead(*buffer, &head, &r.error);
        if (st == HeadStatus::Invalid) return finish(r);
        if (st == HeadStatus::Done) {
          r.response = &head;
          r.rest = buffer->mid(head.headLength);
          return finish(r);
        }
        continue;
      }
      qsizetype used = 0;
      const auto st = parser->feed(QByteArrayView(buf, n), &used);
      if (st == net::HttpRequestHeadParser::State::Failed) {
        r.error = QString::fromLatin1(parser->errorText());
        return finish(r);
      }
      if (st == net::HttpRequestHeadParser::State::Done) {
        r.request = &parser->head();
        r.rest = QByteArray(buf + used, int(n - used));
        return finish(r);
      }
    }
  };
  QObject::connect(s, &net::Stream::readable, s, onReadable);
  timer->start(timeoutMs);
  s->setReadWatch(true);
  onReadable();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// WsStream

WsStream::WsStream(net::SocketStream *socket, bool clientSide, const QByteArray &initial,
                   QObject *parent)
    : VirtualStream(parent),
      socket_(socket),
      client_(clientSide),
      decoder_(!clientSide),
      initial_(initial) {
  socket_->setParent(this);
  peer_ = socket_->peer();
  local_ = socket_->local();
  handler_.data = [this](const char *d, qint64 n) { deliver(d, n); };
  handler_.control = [this](int op, const QByteArray &p) { onControl(op, p); };
  connect(socket_, &net::Stream::readable, this, &WsStream::onSocketReadable);
  connect(socket_, &net::Stream::writable, this, &WsStream::flush);
  connect(socket_, &net::Stream::failed, this, [this](const QString &why) { deliverError(why); });
}

WsStream::~WsStream() { closeFromDestructor(); }

void WsStream::start() {
  if (!initial_.isEmpty()) {
    const QByteArray first = std::move(initial_);
    initial_.clear();
    if (!decoder_.feed(first.constData(), first.size(), handler_))
      return deliverError(decoder_.error());
  }
  socket_->setReadWatch(true);
  if (socket_->hasBufferedInput())
    QMetaObject::invokeMethod(this, &WsStream::onSocketReadable, Qt::QueuedConnection);
}

QByteArray WsStream::peerCertificateDer() const {
  return socket_ ? socket_->peerCertificateDer() : QByteArray();
}

void WsStream::onSocketReadable() {
  if (!socket_ || isClosed()) return;
  char buf[65536];
  for (int turns = 0; turns < 64; ++turns) {
    if (available() >= kPauseReadingAt) {
      readPaused_ = true;
      socket_->setReadWatch(false);
      return;
    }
    const qint64 n = socket_->read(buf, sizeof(buf));
    if (n == net::Stream::WouldBlock) return;
    if (n == 0) {
      socket_->setReadWatch(false);
      // A peer that drops TCP without a close frame ends the stream all the same.
      deliverEof();
      return;
    }
    if (n < 0) {
      socket_->setReadWatch(false);
      return deliverError(socket_->errorString());
    }
    if (!decoder_.feed(buf, n, handler_)) {
      socket_->setReadWatch(false);
      return deliverError(decoder_.error());
    }
  }
  QMetaObject::invokeMethod(this, &WsStream::onSocketReadable, Qt::QueuedConnection);
}

void WsStream::consumed(qint64) {
  if (readPaused_ && available() < kResumeReadingAt && socket_) {
    readPaused_ = false;
    socket_->setReadWatch(true);
    QMetaObject::invokeMethod(this, &WsStream::onSocketReadable, Qt::QueuedConnection);
  }
}

void WsStream::onControl(int opcode, const QByteArray &payload) {
  if (opcode == kWsPing) {
    if (!closeSent_) {
      queueFrame(kWsPong, payload.constData(), payload.size());
      flush();
    }
  } else if (opcode == kWsClose) {
    // Our direction stays open until the owner shuts it (half-close); the close frame is echoed
    // then, as RFC 6455 allows.
    closeReceived_ = true;
    deliverEof();
    if (closeSent_ && socket_ && out_.size() == outOffset_) socket_->shutdownWrite();
  }
}

void WsStream::queueFrame(int opcode, const char *data, qint64 len) {
  if (outOffset_ > 0 && outOffset_ == out_.size()) {
    out_.resize(0);  // keeps the allocation for the next frames
    outOffset_ = 0;
  }
  unsigned char mask[4];
  if (client_) RAND_bytes(mask, 4);
  appendWsFrame(out_, opcode, data, len, client_ ? mask : nullptr);
}

qint64 WsStream::sendCapacity() const {
  if (!socket_ || closeSent_) return 0;
  const qint64 queued = out_.size() - outOffset_;
  return queued >= kMaxQueuedOut ? 0 : kMaxQueuedOut - queued;
}

bool WsStream::sendBytes(const char *data, qint64 len) {
  queueFrame(kWsBinary, data, len);
  flush();
  return true;
}

void WsStream::sendEof() {
  if (closeSent_ || !socket_) return;
  const char normal[2] = {char(0x03), char(0xE8)};  // 1000, normal closure
  queueFrame(kWsClose, normal, 2);
  closeSent_ = true;
  flush();
}

void WsStream::flush() {
  if (!socket_) return;
  while (outOffset_ < out_.size()) {
    const qint64 n = socket_->write(out_.constData() + outOffset_, out_.size() - outOffset_);
    if (n == net::Stream::WouldBlock) {
      socket_->setWriteWatch(true);
      return;
    }
    if (n < 0) {
      socket_->setWriteWatch(false);
      return deliverError(socket_->errorString());
    }
    outOffset_ += n;
  }
  out_.resize(0);
  outOffset_ = 0;
  socket_->setWriteWatch(false);
  if (closeSent_ && closeReceived_) socket_->shutdownWrite();
  notifyWritable();
}

void WsStream::abortStream() {
  if (!socket_) return;
  if (!closeSent_) {
    const char goingAway[2] = {char(0x03), char(0xE9)};  // 1001
    queueFrame(kWsClose, goingAway, 2);
    closeSent_ = true;
  }
  net::SocketStream *socket = socket_;
  socket_ = nullptr;
  disconnect(socket, nullptr, this, nullptr);
  QByteArray rest = out_.mid(outOffset_);
  out_.clear();
  outOffset_ = 0;
  while (!rest.isEmpty()) {
    const qint64 n = socket->write(rest.constData(), rest.size());
    if (n <= 0) break;
    rest.remove(0, n);
  }
  if (rest.isEmpty() || socket->isClosed()) {
    socket->close();
    socket->deleteLater();
    return;
  }
  // Bytes the owner wrote before closing still go out (the socket outlives this stream for up
  // to 10 s), then the connection closes.
  socket->setParent(nullptr);
  socket->setReadWatch(false);
  auto pending = std::make_shared<QByteArray>(std::move(rest));
  connect(socket, &net::Stream::writable, socket, [socket, pending] {
    while (!pending->isEmpty()) {
      const qint64 n = socket->write(pending->constData(), pending->size());
      if (n == net::Stream::WouldBlock) return;
      if (n < 0) break;
      pending->remove(0, n);
    }
    socket->close();
    socket->deleteLater();
  });
  connect(socket, &net::Stream::failed, socket, [socket] { socket->deleteLater(); });
  QTimer::singleShot(10000, socket, [socket] { socket->deleteLater(); });
  socket->setWriteWatch(true);
}

// ---------------------------------------------------------------------------------------------
// server

WsPoolServer::WsPoolServer(PoolTransportConfig config, QObject *parent)
    : PoolServerTransport(parent), config_(std::move(config)) {}

void WsPoolServer::takeConnection(net::SocketStream *conn) {
  conn->setParent(this);
  net::setKeepAlive(conn->fd(), qMax(1, config_.keepAliveMs / 1000));
  net::setNoDelay(conn->fd());
  if (config_.tls == 0) return serveUpgrade(conn);
  auto *timer = new QTimer(conn);
  timer->setSingleShot(true);
  connect(timer, &QTimer::timeout, conn, [conn] { conn->deleteLater(); });
  timer->start(config_.handshakeMs);
  connect(conn, &net::Stream::failed, conn, [this, conn](const QString &why) {
    config_.log->debug(QStringLiteral("WebSocket pool connection: %1").arg(why));
    conn->deleteLater();
  });
  connect(conn, &net::Stream::ready, this, [this, conn, timer] {
    delete timer;
    disconnect(conn, nullptr, conn, nullptr);
    disconnect(conn, &net::Stream::ready, this, nullptr);
    serveUpgrade(conn);
  });
  conn->startTls(config_.serverTls->context(), true, QByteArray(), false);
}

void WsPoolServer::serveUpgrade(net::SocketStream *conn) {
  QPointer<WsPoolServer> self(this);
  readHead(conn, false, config_.handshakeMs, [self, conn](const ReadHead &r) {
    if (!self) return;
    const PoolTransportConfig &c = self->config_;
    const QString from = conn->peer().toString();
    auto refuse = [conn](int status, const char *reason, const char *body) {
      connect(conn, &net::Stream::failed, conn, [conn] { conn->deleteLater(); });
      writeFully(conn, plainResponse(status, reason, body), [conn](bool) {
        conn->shutdownWrite();
        conn->deleteLater();
      });
    };
    if (!r.request) {
      c.log->debug(QStringLiteral("WebSocket upgrade from %1: %2").arg(from, r.error));
      if (r.error.startsWith(QLatin1String("closed"))) return conn->deleteLater();
      return refuse(400, "Bad Request", "bad request");
    }
    const net::HttpRequestHead &head = *r.request;
    if (c.peerAllowed && !c.peerAllowed(conn->peer().address)) {
      c.log->debug(
          QStringLiteral("WebSocket pool connection from %1 refused: not the handshake client")
              .arg(from));
      return refuse(403, "Forbidden", "unauthorized");
    }
    if (c.poolFull && c.poolFull()) return refuse(503, "Service Unavailable", "pool full");
    const QByteArray key = head.field("sec-websocket-key");
    if (head.method != "GET" || !head.listHasToken("upgrade", "websocket") ||
        !head.listHasToken("connection", "upgrade") || key.isEmpty()) {
      return refuse(426, "Upgrade Required", "WebSocket protocol violation");
    }
    if (head.field("sec-websocket-version") != "13")
      return refuse(400, "Bad Request", "unsupported WebSocket protocol version");
    const QByteArray answer =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
        wsAcceptKey(key) + "\r\n\r\n";
    const QByteArray rest = r.rest;
    writeFully(conn, answer, [self, conn, rest](bool ok) {
      if (!self || !ok) return conn->deleteLater();
      auto *ws = new WsStream(conn, false, rest, self);
      ws->start();
      Q_EMIT self->slotReady(ws);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// client

QByteArray buildWsUpgradeRequest(const QByteArray &host, const QByteArray &key) {
  return "GET / HTTP/1.1\r\nHost: " + host +
         "\r\nUser-Agent: Go-http-client/1.1\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: " +
         key + "\r\nSec-WebSocket-Version: 13\r\nUpgrade: websocket\r\n\r\n";
}

WsPoolClient::WsPoolClient(PoolTransportConfig config, QObject *parent)
    : PoolClientTransport(parent), config_(std::move(config)) {
  // wss for tls 1/2, and for port 443 whatever the mode (a TLS proxy in front of the server);
  // NodePass names the server by the tunnel host, verified for tls=2 and behind port 443.
  useTls_ = config_.tls > 0 || config_.tunnel.port == 443;
  const QString host =
      config_.tunnel.host.isEmpty() ? QStringLiteral("localhost") : config_.tunnel.host;
  hostHeader_ = host.contains(QLatin1Char(':')) ? "[" + host.toUtf8() + "]" : host.toUtf8();
  if (useTls_ && config_.tls == 0) {
    config_.clientTls = makeClientTlsContext(true);
    // owned here: freed with the transport
    SSL_CTX *ctx = config_.clientTls;
    connect(this, &QObject::destroyed, [ctx] { SSL_CTX_free(ctx); });
  }
}

void WsPoolClient::openSlot(SlotDone done) {
  QPointer<WsPoolClient> self(this);
  config_.tunnelDialer->dialTcp(config_.handshakeMs,
                                [self, done](net::SocketStream *conn, const QString &error) {
                                  if (!self) {
                                    delete conn;
                                    return;
                                  }
                                  if (!conn) return done(nullptr, error);
                                  self->upgrade(conn, done);
                                });
}

void WsPoolClient::upgrade(net::SocketStream *conn, SlotDone done) {
  conn->setParent(this);
  net::setKeepAlive(conn->fd(), qMax(1, config_.keepAliveMs / 1000));
  net::setNoDelay(conn->fd());
  QPointer<WsPoolClient> self(this);
  auto sendRequest = [self, conn, done] {
    unsigned char raw[16];
    RAND_bytes(raw, sizeof(raw));
    const QByteArray key = QByteArray(reinterpret_cast<const char *>(raw), 16).toBase64();
    writeFully(
        conn, buildWsUpgradeRequest(self->hostHeader_, key), [self, conn, done, key](bool ok) {
          if (!self) return;
          if (!ok) {
            conn->deleteLater();
            return done(nullptr, QStringLiteral("WebSocket upgrade: %1").arg(conn->errorString()));
          }
          readHead(
              conn, true, self->config_.handshakeMs, [self, conn, done, key](const ReadHead &r) {
                if (!self) return;
                QString error = r.error;
                if (r.response && r.response->status != 101)
                  error =
                      QStringLiteral("WebSocket upgrade refused: HTTP %1").arg(r.response->status);
                else if (r.response &&
                         r.response->header("Sec-WebSocket-Accept") != wsAcceptKey(key))
                  error = QStringLiteral("WebSocket upgrade: wrong Sec-WebSocket-Accept");
                if (!error.isEmpty()) {
                  conn->deleteLater();
                  return done(nullptr, error);
                }
                disconnect(conn, nullptr, self, nullptr);
                auto *ws = new WsStream(conn, true, r.rest);
                ws->start();
                done(ws, QString());
              });
        });
  };
  if (!useTls_) return sendRequest();
  auto finished = std::make_shared<bool>(false);
  auto *timer = new QTimer(conn);
  timer->setSingleShot(true);
  auto tlsDone = [self, conn, done, finished, timer, sendRequest](const QString &why) {
    if (*finished) return;
    *finished = true;
    timer->deleteLater();
    if (self) disconnect(conn, nullptr, self, nullptr);
    if (!why.isEmpty()) {
      conn->deleteLater();
      return done(nullptr, why);
    }
    sendRequest();
  };
  connect(timer, &QTimer::timeout, this, [tlsDone] { tlsDone(QStringLiteral("TLS timeout")); });
  connect(conn, &net::Stream::failed, this, tlsDone);
  connect(conn, &net::Stream::ready, this, [tlsDone] { tlsDone(QString()); });
  timer->start(config_.handshakeMs);
  conn->startTls(config_.clientTls, false, config_.tunnel.host.toUtf8(),
                 config_.tls == 2 || config_.tls == 0);
}

}  // namespace routeless::nodepass
