#include "h2pool.h"

#include <string.h>

#include "logger.h"
#include "targetdialer.h"
#include "tlscontext.h"

namespace routeless::nodepass {
namespace {

constexpr qint64 kStreamWindow = 4 << 20;       // receive window per slot
constexpr qint64 kConnectionWindow = 64 << 20;  // receive window of the whole connection
constexpr qint64 kMaxQueued = 1 << 20;          // bytes a slot may queue for sending

nghttp2_nv header(const char *name, const QByteArray &value) {
  return nghttp2_nv{reinterpret_cast<uint8_t *>(const_cast<char *>(name)),
                    reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())),
                    strlen(name), size_t(value.size()), NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// H2Stream

H2Stream::H2Stream(H2Connection *connection, QObject *parent)
    : VirtualStream(parent), connection_(connection) {}

H2Stream::~H2Stream() { closeFromDestructor(); }

net::SocketAddress H2Stream::peer() const {
  return connection_ && connection_->socket() ? connection_->socket()->peer()
                                              : net::SocketAddress();
}

net::SocketAddress H2Stream::local() const {
  return connection_ && connection_->socket() ? connection_->socket()->local()
                                              : net::SocketAddress();
}

QByteArray H2Stream::peerCertificateDer() const {
  return connection_ && connection_->socket() ? connection_->socket()->peerCertificateDer()
                                              : QByteArray();
}

QByteArray H2Stream::tlsExporter(const QByteArray &label, int length) const {
  return connection_ && connection_->socket() ? connection_->socket()->tlsExporter(label, length)
                                              : QByteArray();
}

qint64 H2Stream::sendCapacity() const {
  return connection_ && id_ >= 0 ? connection_->capacity(id_) : 0;
}

bool H2Stream::sendBytes(const char *data, qint64 len) {
  if (!connection_ || id_ < 0) return false;
  connection_->send(id_, data, len);
  return true;
}

void H2Stream::sendEof() {
  if (connection_ && id_ >= 0) connection_->sendEof(id_);
}

void H2Stream::abortStream() {
  if (connection_ && id_ >= 0) connection_->release(id_);
  id_ = -1;
}

void H2Stream::consumed(qint64 n) {
  if (connection_ && id_ >= 0) connection_->consume(id_, n);
}

// ---------------------------------------------------------------------------------------------
// H2Connection

H2Connection::H2Connection(net::SocketStream *socket, bool server,
                           const PoolTransportConfig &config, QObject *parent)
    : QObject(parent), socket_(socket), server_(server), config_(config) {
  socket_->setParent(this);
  nghttp2_session_callbacks *cb = nullptr;
  nghttp2_session_callbacks_new(&cb);
  nghttp2_session_callbacks_set_on_begin_headers_callback(cb, &H2Connection::onBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback(cb, &H2Connection::onHeader);
  nghttp2_session_callbacks_set_on_frame_recv_callback(cb, &H2Connection::onFrameRecv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, &H2Connection::onDataChunk);
  nghttp2_session_callbacks_set_on_stream_close_callback(cb, &H2Connection::onStreamClose);
  nghttp2_session_callbacks_set_on_frame_send_callback(cb, &H2Connection::onFrameSend);
  nghttp2_option *opt = nullptr;
  nghttp2_option_new(&opt);
  // Window credit goes back as the owner reads, so a slow reader stops its sender.
  nghttp2_option_set_no_auto_window_update(opt, 1);
  if (server_)
    nghttp2_session_server_new2(&session_, cb, this, opt);
  else
    nghttp2_session_client_new2(&session_, cb, this, opt);
  nghttp2_option_del(opt);
  nghttp2_session_callbacks_del(cb);
  nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, uint32_t(qMax(1, config_.maxSlots))},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, uint32_t(kStreamWindow)},
  };
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, 2);
  nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, int32_t(kConnectionWindow));
  connect(socket_, &net::Stream::readable, this, &H2Connection::onReadable);
  connect(socket_, &net::Stream::writable, this, &H2Connection::pump);
  connect(socket_, &net::Stream::failed, this, [this](const QString &why) { die(why); });
  // NodePass's client pings every keep-alive period; a connection silent for three periods is
  // dead (either side).
  keepAlive_.setParent(this);
  idle_.setParent(this);
  idle_.setSingleShot(true);
  connect(&idle_, &QTimer::timeout, this,
          [this] { die(QStringLiteral("HTTP/2 pool connection idle timeout")); });
  idle_.start(3 * config_.keepAliveMs);
  if (!server_) {
    connect(&keepAlive_, &QTimer::timeout, this, [this] {
      nghttp2_submit_ping(session_, NGHTTP2_FLAG_NONE, nullptr);
      pump();
    });
    keepAlive_.start(config_.keepAliveMs);
  }
  socket_->setReadWatch(true);
  pump();
  if (socket_->hasBufferedInput())
    QMetaObject::invokeMethod(this, &H2Connection::onReadable, Qt::QueuedConnection);
}

H2Connection::~H2Connection() {
  alive_ = false;
  for (auto it = slots_.begin(); it != slots_.end(); ++it)
    if (it->owner) it->owner->connection_ = nullptr;
  if (session_) nghttp2_session_del(session_);
}

void H2Connection::die(const QString &reason) {
  if (!alive_) return;
  alive_ = false;
  keepAlive_.stop();
  idle_.stop();
  const auto all = slots_;
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (it->owner) it->owner->deliverError(reason);
  }
  if (socket_) socket_->close();
  Q_EMIT died(reason);
  deleteLater();
}

void H2Connection::onReadable() {
  if (!alive_ || !socket_) return;
  char buf[65536];
  for (int turns = 0;; ++turns) {
    if (turns == 64) {
      // Other connections get their turn; what is left may already sit in TLS buffers, where no
      // notifier announces it, so come back for it.
      QMetaObject::invokeMethod(this, &H2Connection::onReadable, Qt::QueuedConnection);
      break;
    }
    const qint64 n = socket_->read(buf, sizeof(buf));
    if (n == net::Stream::WouldBlock) break;
    if (n == 0) return die(QStringLiteral("HTTP/2 pool connection closed by peer"));
    if (n < 0) return die(socket_->errorString());
    idle_.start(3 * config_.keepAliveMs);
    ++inSession_;
    const ssize_t used =
        nghttp2_session_mem_recv(session_, reinterpret_cast<const uint8_t *>(buf), size_t(n));
    --inSession_;
    if (used < 0)
      return die(QStringLiteral("HTTP/2: %1").arg(QLatin1String(nghttp2_strerror(int(used)))));
    if (!alive_) return;
  }
  pump();
}

void H2Connection::schedulePump() {
  if (pumpScheduled_) return;
  pumpScheduled_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        pumpScheduled_ = false;
        pump();
      },
      Qt::QueuedConnection);
}

void H2Connection::pump() {
  if (!alive_ || !socket_) return;
  if (inSession_ > 0 || pumping_) return schedulePump();
  pumping_ = true;
  for (;;) {
    while (outOffset_ < out_.size()) {
      const qint64 n = socket_->write(out_.constData() + outOffset_, out_.size() - outOffset_);
      if (n == net::Stream::WouldBlock) {
        socket_->setWriteWatch(true);
        pumping_ = false;
        return;
      }
      if (n < 0) {
        pumping_ = false;
        return die(socket_->errorString());
      }
      outOffset_ += n;
    }
    out_.resize(0);  // keeps the allocation
    outOffset_ = 0;
    if (!nghttp2_session_want_write(session_)) break;
    const uint8_t *data = nullptr;
    ++inSession_;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    --inSession_;
    if (n < 0) {
      pumping_ = false;
      return die(QStringLiteral("HTTP/2: %1").arg(QLatin1String(nghttp2_strerror(int(n)))));
    }
    if (n == 0) break;
    const qint64 w = socket_->write(reinterpret_cast<const char *>(data), n);
    if (w == net::Stream::Failed) {
      pumping_ = false;
      return die(socket_->errorString());
    }
    const qint64 taken = w > 0 ? w : 0;
    if (taken < n) out_.append(reinterpret_cast<const char *>(data) + taken, int(n - taken));
  }
  socket_->setWriteWatch(false);
  pumping_ = false;
  if (!nghttp2_session_want_read(session_) && !nghttp2_session_want_write(session_))
    die(QStringLiteral("HTTP/2 pool connection ended (GOAWAY)"));
}

qint64 H2Connection::capacity(qint32 id) const {
  auto it = slots_.constFind(id);
  if (it == slots_.constEnd() || it->eofQueued) return 0;
  const qint64 queued = it->out.size() - it->offset;
  return queued >= kMaxQueued ? 0 : kMaxQueued - queued;
}

void H2Connection::send(qint32 id, const char *data, qint64 len) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->out.append(data, int(len));
  nghttp2_session_resume_data(session_, id);
  pump();
}

void H2Connection::sendEof(qint32 id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->eofQueued = true;
  nghttp2_session_resume_data(session_, id);
  pump();
}

void H2Connection::release(qint32 id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->owner = nullptr;
  if (it->eofQueued && it->peerEof) return;  // finishes by itself, queued bytes included
  if (it->eofQueued) {
    // Our bytes and END_STREAM go first; the peer's direction is then cancelled (a NodePass
    // server never ends its response).
    it->resetAfterEof = true;
    return;
  }
  slots_.erase(it);
  if (alive_) {
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
    pump();
  }
}

void H2Connection::consume(qint32 id, qint64 n) {
  if (!alive_ || n <= 0) return;
  nghttp2_session_consume(session_, id, size_t(n));
  pump();
}

H2Stream *H2Connection::openStream() {
  if (!alive_) return nullptr;
  const QByteArray authority = config_.sni.toUtf8();
  const nghttp2_nv nva[] = {header(":method", "POST"), header(":scheme", "https"),
                            header(":authority", authority), header(":path", "/stream")};
  nghttp2_data_provider provider;
  provider.source.ptr = nullptr;
  provider.read_callback = &H2Connection::readData;
  const int32_t id = nghttp2_submit_request(session_, nullptr, nva, 4, &provider, nullptr);
  if (id < 0) return nullptr;
  auto *s = new H2Stream(this);
  s->id_ = id;
  Slot slot;
  slot.owner = s;
  slot.out = QByteArray(1, '\0');  // NodePass's handshake byte
  slots_.insert(id, slot);
  pump();
  return s;
}

ssize_t H2Connection::readData(nghttp2_session *, int32_t id, uint8_t *buf, size_t length,
                               uint32_t *flags, nghttp2_data_source *, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end()) {
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    return 0;
  }
  const qint64 have = it->out.size() - it->offset;
  if (have == 0) {
    if (it->eofQueued) {
      *flags |= NGHTTP2_DATA_FLAG_EOF;
      return 0;
    }
    return NGHTTP2_ERR_DEFERRED;
  }
  const qint64 n = qMin<qint64>(have, qint64(length));
  memcpy(buf, it->out.constData() + it->offset, size_t(n));
  it->offset += n;
  const bool wasFull = have >= kMaxQueued;
  if (it->offset == it->out.size()) {
    it->out.resize(0);  // keeps the allocation
    it->offset = 0;
  } else if (it->offset > (256 << 10)) {
    it->out.remove(0, it->offset);
    it->offset = 0;
  }
  if (it->eofQueued && it->out.isEmpty()) *flags |= NGHTTP2_DATA_FLAG_EOF;
  if (it->owner && (wasFull || it->out.isEmpty())) it->owner->notifyWritable();
  return ssize_t(n);
}

int H2Connection::onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  if (self->server_ && frame->hd.type == NGHTTP2_HEADERS &&
      frame->headers.cat == NGHTTP2_HCAT_REQUEST)
    self->requests_.insert(frame->hd.stream_id, Request{});
  return 0;
}

int H2Connection::onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
                           size_t namelen, const uint8_t *value, size_t valuelen, uint8_t,
                           void *user) {
  auto *self = static_cast<H2Connection *>(user);
  const QByteArray n = QByteArray::fromRawData(reinterpret_cast<const char *>(name), int(namelen));
  const QByteArray v(reinterpret_cast<const char *>(value), int(valuelen));
  const int32_t id = frame->hd.stream_id;
  if (self->server_) {
    auto it = self->requests_.find(id);
    if (it == self->requests_.end()) return 0;
    if (n == ":method")
      it->method = v;
    else if (n == ":path")
      it->path = v;
  } else if (n == ":status") {
    auto it = self->slots_.find(id);
    if (it != self->slots_.end()) it->status = v.toInt();
  }
  return 0;
}

int H2Connection::onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  const int32_t id = frame->hd.stream_id;
  if (frame->hd.type == NGHTTP2_HEADERS) {
    if (self->server_ && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
      self->serveRequest(id);
    } else if (!self->server_ && frame->headers.cat == NGHTTP2_HCAT_RESPONSE) {
      auto it = self->slots_.find(id);
      if (it != self->slots_.end() && it->status != 200 && it->owner)
        it->owner->deliverError(
            QStringLiteral("HTTP/2 pool stream refused: status %1").arg(it->status));
    }
  }
  if ((frame->hd.type == NGHTTP2_DATA || frame->hd.type == NGHTTP2_HEADERS) &&
      (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
    auto it = self->slots_.find(id);
    if (it != self->slots_.end()) {
      it->peerEof = true;
      if (it->owner) it->owner->deliverEof();
    }
  }
  return 0;
}

void H2Connection::respondError(int32_t id, int status, const char *body) {
  errorBodies_.insert(id, QByteArray(body) + '\n');
  const QByteArray code = QByteArray::number(status);
  const QByteArray type = "text/plain; charset=utf-8";
  const nghttp2_nv nva[] = {header(":status", code), header("content-type", type)};
  nghttp2_data_provider provider;
  provider.source.ptr = nullptr;
  provider.read_callback = [](nghttp2_session *, int32_t sid, uint8_t *buf, size_t length,
                              uint32_t *flags, nghttp2_data_source *, void *u) -> ssize_t {
    auto *me = static_cast<H2Connection *>(u);
    const QByteArray b = me->errorBodies_.take(sid);
    const size_t n = qMin(length, size_t(b.size()));
    memcpy(buf, b.constData(), n);
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    return ssize_t(n);
  };
  nghttp2_submit_response(session_, id, nva, 2, &provider);
}

void H2Connection::serveRequest(int32_t id) {
  const Request req = requests_.take(id);
  if (config_.peerAllowed && socket_ && !config_.peerAllowed(socket_->peer().address))
    return respondError(id, 403, "unauthorized");
  if (req.method != "POST" || req.path != "/stream" || (config_.poolFull && config_.poolFull()))
    return respondError(id, 404, "not found");
  Slot slot;
  slot.owner = new H2Stream(this, this);
  slot.owner->id_ = id;
  slots_.insert(id, slot);
  const QByteArray ok = "200";
  const nghttp2_nv nva[] = {header(":status", ok)};
  nghttp2_data_provider provider;
  provider.source.ptr = nullptr;
  provider.read_callback = &H2Connection::readData;
  nghttp2_submit_response(session_, id, nva, 1, &provider);
}

int H2Connection::onDataChunk(nghttp2_session *session, uint8_t, int32_t id, const uint8_t *data,
                              size_t len, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end() || !it->owner) {
    nghttp2_session_consume(session, id, len);  // nobody reads it: keep the window open
    return 0;
  }
  const char *p = reinterpret_cast<const char *>(data);
  if (self->server_ && !it->handshakeSeen) {
    if (len == 0) return 0;
    it->handshakeSeen = true;
    nghttp2_session_consume(session, id, 1);
    ++p;
    --len;
    H2Stream *s = it->owner;
    QPointer<H2Connection> guard(self);
    QMetaObject::invokeMethod(
        self,
        [guard, s, id] {
          if (!guard) return;
          auto at = guard->slots_.find(id);
          if (at == guard->slots_.end() || at->owner != s) return;
          s->setParent(nullptr);
          Q_EMIT guard->streamReady(s);
        },
        Qt::QueuedConnection);
  }
  if (len > 0) it->owner->deliver(p, qint64(len));
  return 0;
}

int H2Connection::onFrameSend(nghttp2_session *session, const nghttp2_frame *frame, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  if (frame->hd.type != NGHTTP2_DATA || !(frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) return 0;
  auto it = self->slots_.find(frame->hd.stream_id);
  if (it == self->slots_.end() || !it->resetAfterEof) return 0;
  self->slots_.erase(it);
  nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, frame->hd.stream_id, NGHTTP2_CANCEL);
  return 0;
}

int H2Connection::onStreamClose(nghttp2_session *, int32_t id, uint32_t error, void *user) {
  auto *self = static_cast<H2Connection *>(user);
  self->requests_.remove(id);
  self->errorBodies_.remove(id);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end()) return 0;
  H2Stream *owner = it->owner;
  self->slots_.erase(it);
  if (owner) {
    if (error != NGHTTP2_NO_ERROR)
      owner->deliverError(QStringLiteral("HTTP/2 stream reset (%1)")
                              .arg(QLatin1String(nghttp2_http2_strerror(error))));
    else
      owner->deliverEof();
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// server and client transports

H2PoolServer::H2PoolServer(PoolTransportConfig config, QObject *parent)
    : PoolServerTransport(parent), config_(std::move(config)) {}

void H2PoolServer::takeConnection(net::SocketStream *conn) {
  conn->setParent(this);
  net::setKeepAlive(conn->fd(), qMax(1, config_.keepAliveMs / 1000));
  net::setNoDelay(conn->fd());
  auto *timer = new QTimer(conn);
  timer->setSingleShot(true);
  connect(timer, &QTimer::timeout, conn, [conn] { conn->deleteLater(); });
  timer->start(config_.handshakeMs);
  connect(conn, &net::Stream::failed, conn, [this, conn](const QString &why) {
    config_.log->debug(QStringLiteral("HTTP/2 pool connection: %1").arg(why));
    conn->deleteLater();
  });
  connect(conn, &net::Stream::ready, this, [this, conn, timer] {
    delete timer;
    disconnect(conn, nullptr, conn, nullptr);
    disconnect(conn, &net::Stream::ready, this, nullptr);
    const unsigned char *proto = nullptr;
    unsigned int len = 0;
    if (conn->ssl()) SSL_get0_alpn_selected(conn->ssl(), &proto, &len);
    if (len != 2 || memcmp(proto, "h2", 2) != 0) {
      config_.log->debug(QStringLiteral("HTTP/2 pool connection from %1 without ALPN h2")
                             .arg(conn->peer().toString()));
      conn->deleteLater();
      return;
    }
    auto *h2 = new H2Connection(conn, true, config_, this);
    connect(h2, &H2Connection::streamReady, this, [this](H2Stream *s) { Q_EMIT slotReady(s); });
  });
  conn->startTls(config_.serverTls->context(), true, QByteArray(), false);
}

H2PoolClient::H2PoolClient(PoolTransportConfig config, QObject *parent)
    : PoolClientTransport(parent), config_(std::move(config)) {}

void H2PoolClient::openSlot(SlotDone done) {
  if (connection_ && connection_->isAlive()) {
    H2Stream *s = connection_->openStream();
    if (s) return done(s, QString());
    return done(nullptr, QStringLiteral("HTTP/2: cannot open a stream"));
  }
  waiting_.append(std::move(done));
  if (!connecting_) connectSession();
}

void H2PoolClient::settle(const QString &error) {
  connecting_ = false;
  const QList<SlotDone> waiting = std::move(waiting_);
  waiting_.clear();
  for (const SlotDone &d : waiting) {
    if (!error.isEmpty()) {
      d(nullptr, error);
      continue;
    }
    H2Stream *s = connection_ ? connection_->openStream() : nullptr;
    d(s, s ? QString() : QStringLiteral("HTTP/2: cannot open a stream"));
  }
}

void H2PoolClient::connectSession() {
  connecting_ = true;
  QPointer<H2PoolClient> self(this);
  config_.tunnelDialer->dialTcp(
      config_.handshakeMs, [self](net::SocketStream *conn, const QString &error) {
        if (!self) {
          delete conn;
          return;
        }
        if (!conn) return self->settle(error);
        conn->setParent(self);
        net::setKeepAlive(conn->fd(), qMax(1, self->config_.keepAliveMs / 1000));
        net::setNoDelay(conn->fd());
        auto finished = std::make_shared<bool>(false);
        auto *timer = new QTimer(conn);
        timer->setSingleShot(true);
        auto finish = [self, conn, finished, timer](const QString &why) {
          if (*finished || !self) return;
          *finished = true;
          timer->deleteLater();
          QObject::disconnect(conn, nullptr, self, nullptr);
          if (why.isEmpty()) {
            const unsigned char *proto = nullptr;
            unsigned int len = 0;
            SSL_get0_alpn_selected(conn->ssl(), &proto, &len);
            if (len != 2 || memcmp(proto, "h2", 2) != 0) {
              conn->deleteLater();
              return self->settle(QStringLiteral("HTTP/2 pool: server did not select ALPN h2"));
            }
            self->connection_ = new H2Connection(conn, false, self->config_, self);
            return self->settle(QString());
          }
          conn->deleteLater();
          self->settle(why);
        };
        QObject::connect(timer, &QTimer::timeout, self,
                         [finish] { finish(QStringLiteral("TLS handshake timeout")); });
        QObject::connect(conn, &net::Stream::failed, self, finish);
        QObject::connect(conn, &net::Stream::ready, self, [finish] { finish(QString()); });
        timer->start(self->config_.handshakeMs);
        conn->startTls(self->config_.clientTls, false, self->config_.sni.toUtf8(),
                       self->config_.tls == 2, QByteArrayLiteral("\x02h2"));
      });
}

}  // namespace routeless::nodepass
