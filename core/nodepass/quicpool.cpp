#include "quicpool.h"

#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <ngtcp2/ngtcp2_crypto_gnutls.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <QSocketNotifier>
#include <utility>

#include "logger.h"
#include "targetdialer.h"
#include "tlscontext.h"

namespace routeless::nodepass {
namespace {

constexpr qint64 kMaxQueued = 1 << 20;           // bytes a stream may hold unacknowledged
constexpr quint64 kStreamWindow = 4 << 20;       // receive window per stream
constexpr quint64 kConnectionWindow = 64 << 20;  // receive window of the connection
constexpr size_t kCidLength = 16;
constexpr const char *kAlpn = "np-quic";
// TLS 1.3 only, no middlebox compatibility mode (QUIC has no ChangeCipherSpec).
constexpr const char *kPriority =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305:"
    "%DISABLE_TLS13_COMPAT_MODE";

ngtcp2_tstamp now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ngtcp2_tstamp(ts.tv_sec) * NGTCP2_SECONDS + ngtcp2_tstamp(ts.tv_nsec);
}

void randomBytes(uint8_t *dest, size_t len) { gnutls_rnd(GNUTLS_RND_RANDOM, dest, len); }

void onRand(uint8_t *dest, size_t len, const ngtcp2_rand_ctx *) { randomBytes(dest, len); }

QByteArray cidBytes(const uint8_t *data, size_t len) {
  return QByteArray(reinterpret_cast<const char *>(data), int(len));
}

QString libError(int err) { return QString::fromLatin1(ngtcp2_strerror(err)); }

bool isIpLiteral(const QString &host) { return !QHostAddress(host).isNull(); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// QuicResumeStore, QuicTicketIssuer

std::shared_ptr<QuicResumeStore> makeQuicResumeStore() {
  return std::make_shared<QuicResumeStore>();
}

QuicResumeStore::~QuicResumeStore() {
  for (Entry &e : entries_) e.session.fill('\0');
}

const QuicResumeStore::Entry *QuicResumeStore::find(const net::SocketAddress &server) const {
  auto it = entries_.constFind(server.toString());
  return it == entries_.constEnd() ? nullptr : &*it;
}

void QuicResumeStore::remember(const net::SocketAddress &server, const QByteArray &session,
                               const ngtcp2_transport_params &params) {
  const QString key = server.toString();
  if (!entries_.contains(key) && entries_.size() >= kMaxServers) {
    entries_.begin()->session.fill('\0');
    entries_.erase(entries_.begin());
  }
  Entry &e = entries_[key];
  e.session.fill('\0');
  e.session = session;
  e.params = params;
  // Only the limits matter for early data; the version list pointed into the peer's packet.
  e.params.version_info_present = 0;
  e.params.version_info = ngtcp2_version_info{};
}

void QuicResumeStore::forget(const net::SocketAddress &server) {
  auto it = entries_.find(server.toString());
  if (it == entries_.end()) return;
  it->session.fill('\0');
  entries_.erase(it);
}

QuicTicketIssuer::QuicTicketIssuer() {
  if (gnutls_session_ticket_key_generate(&key_) != 0) return;
  if (gnutls_anti_replay_init(&antiReplay_) != 0) return;
  gnutls_anti_replay_set_add_function(antiReplay_, &QuicTicketIssuer::add);
  gnutls_anti_replay_set_ptr(antiReplay_, this);
  valid_ = true;
}

QuicTicketIssuer::~QuicTicketIssuer() {
  if (antiReplay_) gnutls_anti_replay_deinit(antiReplay_);
  if (key_.data) {
    gnutls_memset(key_.data, 0, key_.size);
    gnutls_free(key_.data);
  }
}

bool QuicTicketIssuer::configure(gnutls_session_t session) const {
  if (!valid_) return false;
  if (gnutls_session_ticket_enable_server(session, &key_) != 0) return false;
  gnutls_anti_replay_enable(session, antiReplay_);
  // QUIC carries early data in its own packets: the limit is QUIC's flow control, and RFC 9001
  // section 4.6.1 makes the ticket say 0xffffffff.
  gnutls_record_set_max_early_data_size(session, 0xffffffffu);
  return true;
}

int QuicTicketIssuer::add(void *ptr, time_t expiry, const gnutls_datum_t *key,
                          const gnutls_datum_t *) {
  // GnuTLS asks only for ClientHellos inside its freshness window (ticket age), so the set holds
  // one window's worth; a full set refuses early data (the handshake itself goes on).
  auto *self = static_cast<QuicTicketIssuer *>(ptr);
  const time_t t = time(nullptr);
  if (self->seen_.size() >= kMaxSeen) {
    for (auto it = self->seen_.begin(); it != self->seen_.end();)
      it = it.value() < t ? self->seen_.erase(it) : std::next(it);
  }
  const QByteArray k(reinterpret_cast<const char *>(key->data), int(key->size));
  if (self->seen_.contains(k) || self->seen_.size() >= kMaxSeen) {
    ++self->refused_;
    return GNUTLS_E_DB_ENTRY_EXISTS;
  }
  self->seen_.insert(k, expiry);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// QuicStream

QuicStream::QuicStream(QuicConnection *connection, qint64 id, QObject *parent)
    : VirtualStream(parent), connection_(connection), id_(id) {}

QuicStream::~QuicStream() { closeFromDestructor(); }

net::SocketAddress QuicStream::peer() const {
  return connection_ ? connection_->remote() : net::SocketAddress();
}

net::SocketAddress QuicStream::local() const {
  return connection_ ? connection_->local() : net::SocketAddress();
}

QByteArray QuicStream::peerCertificateDer() const {
  return connection_ ? connection_->peerCertificateDer() : QByteArray();
}

QByteArray QuicStream::tlsExporter(const QByteArray &label, int length) const {
  return connection_ ? connection_->tlsExporter(label, length) : QByteArray();
}

qint64 QuicStream::sendCapacity() const {
  return connection_ && id_ >= 0 ? connection_->capacity(id_) : 0;
}

bool QuicStream::sendBytes(const char *data, qint64 len) {
  if (!connection_ || id_ < 0) return false;
  connection_->send(id_, data, len);
  return true;
}

void QuicStream::sendEof() {
  if (connection_ && id_ >= 0) connection_->sendEof(id_);
}

void QuicStream::abortStream() {
  if (connection_ && id_ >= 0) connection_->release(id_);
  id_ = -1;
}

void QuicStream::consumed(qint64 n) {
  if (connection_ && id_ >= 0) connection_->consume(id_, n);
}

// ---------------------------------------------------------------------------------------------
// QuicConnection

QuicConnection::QuicConnection(int fd, bool ownsFd, bool server, const PoolTransportConfig &config,
                               QObject *parent)
    : QObject(parent), fd_(fd), ownsFd_(ownsFd), server_(server), config_(config), sender_(fd) {
  ref_.get_conn = &QuicConnection::connFromRef;
  ref_.user_data = this;
  timer_.setParent(this);
  timer_.setSingleShot(true);
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &QuicConnection::onTimer);
  if (ownsFd_) {
    receiver_ = std::make_unique<net::UdpReceiver>(fd_);
    readNotifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Read, this);
    connect(readNotifier_, &QSocketNotifier::activated, this, &QuicConnection::onSocketReadable);
  }
  writeNotifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Write, this);
  writeNotifier_->setEnabled(false);
  connect(writeNotifier_, &QSocketNotifier::activated, this, [this] {
    writeNotifier_->setEnabled(false);
    flush();
  });
}

QuicConnection::~QuicConnection() {
  // Going away with the tunnel cycle: tell the peer at once rather than let it time out.
  if (alive_ && conn_ && !ngtcp2_conn_is_in_closing_period(conn_) &&
      !ngtcp2_conn_is_in_draining_period(conn_)) {
    ngtcp2_connection_close_error ccerr;
    ngtcp2_connection_close_error_set_application_error(&ccerr, 0, nullptr, 0);
    uint8_t buf[1500];
    ngtcp2_path_storage ps;
    ngtcp2_path_storage_zero(&ps);
    ngtcp2_pkt_info pi;
    const ngtcp2_ssize n =
        ngtcp2_conn_write_connection_close(conn_, &ps.path, &pi, buf, sizeof(buf), &ccerr, now());
    if (n > 0) sendPacket(buf, size_t(n));
  }
  // Streams handed out outlive their connection when its owner (a transport ending with its
  // cycle) deletes it directly: they fail as after die(), or a session on one would wait on a
  // stream that can never move again.
  const bool hadDied = !alive_;
  alive_ = false;
  for (auto it = slots_.begin(); it != slots_.end(); ++it) {
    if (!it->owner) continue;
    it->owner->connection_ = nullptr;
    if (!hadDied) it->owner->deliverError(QStringLiteral("QUIC connection closed"));
  }
  delete readNotifier_;
  delete writeNotifier_;
  if (conn_) ngtcp2_conn_del(conn_);
  if (tls_) gnutls_deinit(tls_);
  if (clientCred_) gnutls_certificate_free_credentials(clientCred_);
  if (ownsFd_ && fd_ >= 0) ::close(fd_);
}

ngtcp2_conn *QuicConnection::connFromRef(ngtcp2_crypto_conn_ref *ref) {
  return static_cast<QuicConnection *>(ref->user_data)->conn_;
}

namespace {

ngtcp2_callbacks makeCallbacks(bool server) {
  ngtcp2_callbacks cb;
  memset(&cb, 0, sizeof(cb));
  if (server) {
    cb.recv_client_initial = ngtcp2_crypto_recv_client_initial_cb;
  } else {
    cb.client_initial = ngtcp2_crypto_client_initial_cb;
    cb.recv_retry = ngtcp2_crypto_recv_retry_cb;
  }
  cb.recv_crypto_data = ngtcp2_crypto_recv_crypto_data_cb;
  cb.encrypt = ngtcp2_crypto_encrypt_cb;
  cb.decrypt = ngtcp2_crypto_decrypt_cb;
  cb.hp_mask = ngtcp2_crypto_hp_mask_cb;
  cb.update_key = ngtcp2_crypto_update_key_cb;
  cb.delete_crypto_aead_ctx = ngtcp2_crypto_delete_crypto_aead_ctx_cb;
  cb.delete_crypto_cipher_ctx = ngtcp2_crypto_delete_crypto_cipher_ctx_cb;
  cb.get_path_challenge_data = ngtcp2_crypto_get_path_challenge_data_cb;
  cb.version_negotiation = ngtcp2_crypto_version_negotiation_cb;
  cb.rand = onRand;
  return cb;
}

}  // namespace

bool QuicConnection::setUpTls(gnutls_certificate_credentials_t cred,
                              const QuicTicketIssuer *tickets, QString *error) {
  // Early data on both sides only where resumption is set up: a server with a ticket key, a
  // client with a ticket store. NodePass's quic-go neither sends nor accepts it, and then
  // nothing changes on the wire but the session ticket a server sends after the handshake.
  const bool early = server_ ? tickets && tickets->isValid() : bool(resume_);
  unsigned flags = server_ ? GNUTLS_SERVER : GNUTLS_CLIENT;
  if (early) flags |= GNUTLS_ENABLE_EARLY_DATA | GNUTLS_NO_END_OF_EARLY_DATA;
  if (early && server_) flags |= GNUTLS_NO_AUTO_SEND_TICKET;
  int rv = gnutls_init(&tls_, flags);
  if (rv == 0) rv = gnutls_priority_set_direct(tls_, kPriority, nullptr);
  if (rv == 0)
    rv = server_ ? ngtcp2_crypto_gnutls_configure_server_session(tls_)
                 : ngtcp2_crypto_gnutls_configure_client_session(tls_);
  if (rv != 0) {
    *error = QStringLiteral("QUIC TLS set-up: %1").arg(QLatin1String(gnutls_strerror(rv)));
    return false;
  }
  gnutls_session_set_ptr(tls_, &ref_);
  if (early && server_) {
    if (!tickets->configure(tls_)) {
      *error = QStringLiteral("QUIC TLS set-up: session tickets");
      return false;
    }
    ticketsIssued_ = true;
  }
  if (early && !server_) {
    gnutls_handshake_set_hook_function(tls_, GNUTLS_HANDSHAKE_NEW_SESSION_TICKET, GNUTLS_HOOK_POST,
                                       &QuicConnection::onTicket);
    if (const QuicResumeStore::Entry *e = resume_->find(remote_)) {
      // A ticket the library cannot use is dropped; the connection then makes a full handshake.
      if (gnutls_session_set_data(tls_, e->session.constData(), size_t(e->session.size())) == 0)
        earlyTried_ = true;
      else
        resume_->forget(remote_);
    }
  }
  if (!server_) {
    gnutls_certificate_allocate_credentials(&clientCred_);
    cred = clientCred_;
    if (config_.tls == 2) {
      gnutls_certificate_set_x509_system_trust(clientCred_);
      const QByteArray name = config_.sni.toUtf8();
      gnutls_session_set_verify_cert(tls_, name.constData(), 0);
    }
    if (!config_.sni.isEmpty() && config_.sni != QLatin1String("none") &&
        !isIpLiteral(config_.sni)) {
      const QByteArray name = config_.sni.toUtf8();
      gnutls_server_name_set(tls_, GNUTLS_NAME_DNS, name.constData(), size_t(name.size()));
    }
  }
  rv = gnutls_credentials_set(tls_, GNUTLS_CRD_CERTIFICATE, cred);
  gnutls_datum_t alpn{reinterpret_cast<unsigned char *>(const_cast<char *>(kAlpn)),
                      unsigned(strlen(kAlpn))};
  if (rv == 0) rv = gnutls_alpn_set_protocols(tls_, &alpn, 1, GNUTLS_ALPN_MANDATORY);
  if (rv != 0) {
    *error = QStringLiteral("QUIC TLS set-up: %1").arg(QLatin1String(gnutls_strerror(rv)));
    return false;
  }
  return true;
}

QuicConnection *QuicConnection::connectTo(int fd, const net::SocketAddress &remote,
                                          const PoolTransportConfig &config, QObject *parent,
                                          QString *error) {
  auto *c = new QuicConnection(fd, true, false, config, parent);
  c->resume_ = config.quicResume;
  c->remote_ = remote;
  c->local_ = net::localAddress(fd);
  net::toSockaddr(remote.address, remote.port, &c->remoteSa_, &c->remoteLen_);
  net::toSockaddr(c->local_.address, c->local_.port, &c->localSa_, &c->localLen_);
  ngtcp2_cid dcid, scid;
  dcid.datalen = kCidLength;
  scid.datalen = kCidLength;
  randomBytes(dcid.data, kCidLength);
  randomBytes(scid.data, kCidLength);
  ngtcp2_path path{{reinterpret_cast<ngtcp2_sockaddr *>(&c->localSa_), c->localLen_},
                   {reinterpret_cast<ngtcp2_sockaddr *>(&c->remoteSa_), c->remoteLen_},
                   nullptr};
  ngtcp2_callbacks cb = makeCallbacks(false);
  cb.recv_stream_data = onRecvStreamData;
  cb.acked_stream_data_offset = onAcked;
  cb.stream_close = onStreamClose;
  cb.stream_reset = onStreamReset;
  cb.extend_max_stream_data = onExtendStreamData;
  cb.extend_max_local_streams_bidi = onExtendStreams;
  cb.handshake_completed = onHandshakeCompleted;
  cb.get_new_connection_id = onNewConnectionId;
  cb.remove_connection_id = onRemoveConnectionId;
  ngtcp2_settings settings;
  ngtcp2_settings_default(&settings);
  settings.initial_ts = now();
  settings.handshake_timeout = ngtcp2_duration(config.handshakeMs) * NGTCP2_MILLISECONDS;
  settings.max_stream_window = 16 << 20;
  settings.max_window = 128 << 20;
  ngtcp2_transport_params params;
  ngtcp2_transport_params_default(&params);
  params.initial_max_stream_data_bidi_local = kStreamWindow;
  params.initial_max_stream_data_bidi_remote = kStreamWindow;
  params.initial_max_data = kConnectionWindow;
  params.initial_max_streams_bidi = 0;
  params.initial_max_streams_uni = 0;
  params.max_idle_timeout = ngtcp2_duration(3 * config.keepAliveMs) * NGTCP2_MILLISECONDS;
  const int rv = ngtcp2_conn_client_new(&c->conn_, &dcid, &scid, &path, NGTCP2_PROTO_VER_V1, &cb,
                                        &settings, &params, nullptr, c);
  if (rv != 0) {
    *error = QStringLiteral("QUIC: %1").arg(libError(rv));
    delete c;
    return nullptr;
  }
  if (!c->setUpTls(nullptr, nullptr, error)) {
    delete c;
    return nullptr;
  }
  ngtcp2_conn_set_tls_native_handle(c->conn_, c->tls_);
  ngtcp2_conn_set_keep_alive_timeout(c->conn_,
                                     ngtcp2_duration(config.keepAliveMs) * NGTCP2_MILLISECONDS);
  if (c->earlyTried_ && !c->startEarlyData()) c->earlyTried_ = false;
  c->flush();
  return c;
}

QuicConnection *QuicConnection::accept(int fd, const net::SocketAddress &local,
                                       const net::SocketAddress &remote, const uint8_t *pkt,
                                       size_t len, gnutls_certificate_credentials_t cred,
                                       const PoolTransportConfig &config, QObject *parent,
                                       QString *error, const QuicTicketIssuer *tickets) {
  ngtcp2_pkt_hd hd;
  if (ngtcp2_accept(&hd, pkt, len) != 0) {
    *error = QStringLiteral("not a QUIC Initial packet");
    return nullptr;
  }
  auto *c = new QuicConnection(fd, false, true, config, parent);
  c->remote_ = remote;
  c->local_ = local;
  net::toSockaddr(remote.address, remote.port, &c->remoteSa_, &c->remoteLen_);
  net::toSockaddr(local.address, local.port, &c->localSa_, &c->localLen_);
  ngtcp2_path path{{reinterpret_cast<ngtcp2_sockaddr *>(&c->localSa_), c->localLen_},
                   {reinterpret_cast<ngtcp2_sockaddr *>(&c->remoteSa_), c->remoteLen_},
                   nullptr};
  ngtcp2_cid scid;
  scid.datalen = kCidLength;
  randomBytes(scid.data, kCidLength);
  ngtcp2_callbacks cb = makeCallbacks(true);
  cb.recv_stream_data = onRecvStreamData;
  cb.acked_stream_data_offset = onAcked;
  cb.stream_open = onStreamOpen;
  cb.stream_close = onStreamClose;
  cb.stream_reset = onStreamReset;
  cb.extend_max_stream_data = onExtendStreamData;
  cb.handshake_completed = onHandshakeCompleted;
  cb.get_new_connection_id = onNewConnectionId;
  cb.remove_connection_id = onRemoveConnectionId;
  ngtcp2_settings settings;
  ngtcp2_settings_default(&settings);
  settings.initial_ts = now();
  settings.handshake_timeout = ngtcp2_duration(config.handshakeMs) * NGTCP2_MILLISECONDS;
  settings.max_stream_window = 16 << 20;
  settings.max_window = 128 << 20;
  ngtcp2_transport_params params;
  ngtcp2_transport_params_default(&params);
  params.initial_max_stream_data_bidi_local = kStreamWindow;
  params.initial_max_stream_data_bidi_remote = kStreamWindow;
  params.initial_max_data = kConnectionWindow;
  params.initial_max_streams_bidi = quint64(qMax(1, config.maxSlots));
  params.initial_max_streams_uni = 0;
  params.max_idle_timeout = ngtcp2_duration(3 * config.keepAliveMs) * NGTCP2_MILLISECONDS;
  params.original_dcid = hd.dcid;
  params.stateless_reset_token_present = 1;
  randomBytes(params.stateless_reset_token, NGTCP2_STATELESS_RESET_TOKENLEN);
  const int rv = ngtcp2_conn_server_new(&c->conn_, &hd.scid, &scid, &path, hd.version, &cb,
                                        &settings, &params, nullptr, c);
  if (rv != 0) {
    *error = QStringLiteral("QUIC: %1").arg(libError(rv));
    delete c;
    return nullptr;
  }
  if (!c->setUpTls(cred, tickets, error)) {
    delete c;
    return nullptr;
  }
  ngtcp2_conn_set_tls_native_handle(c->conn_, c->tls_);
  return c;
}

QList<QByteArray> QuicConnection::connectionIds() const {
  QList<QByteArray> out;
  if (!conn_) return out;
  const size_t n = ngtcp2_conn_get_num_scid(conn_);
  std::vector<ngtcp2_cid> cids(n);
  ngtcp2_conn_get_scid(conn_, cids.data());
  for (const ngtcp2_cid &cid : cids) out << cidBytes(cid.data, cid.datalen);
  return out;
}

QByteArray QuicConnection::peerCertificateDer() const {
  if (!tls_) return {};
  unsigned int n = 0;
  const gnutls_datum_t *certs =
      server_ ? gnutls_certificate_get_ours(tls_) : gnutls_certificate_get_peers(tls_, &n);
  if (!certs || (!server_ && n == 0)) return {};
  return QByteArray(reinterpret_cast<const char *>(certs[0].data), int(certs[0].size));
}

QByteArray QuicConnection::tlsExporter(const QByteArray &label, int length) const {
  if (!tls_ || !established_ || length <= 0) return {};
  QByteArray out(length, Qt::Uninitialized);
  if (gnutls_prf_rfc5705(tls_, size_t(label.size()), label.constData(), 0, nullptr, size_t(length),
                         out.data()) != 0)
    return {};
  return out;
}

void QuicConnection::die(const QString &reason) {
  if (!alive_) return;
  alive_ = false;
  timer_.stop();
  if (readNotifier_) readNotifier_->setEnabled(false);
  writeNotifier_->setEnabled(false);
  const auto all = slots_;
  for (auto it = all.begin(); it != all.end(); ++it)
    if (it->owner) it->owner->deliverError(reason);
  Q_EMIT died(reason);
  deleteLater();
}

void QuicConnection::closeWith(const QString &reason) {
  if (!alive_ || !conn_) return;
  if (!ngtcp2_conn_is_in_closing_period(conn_) && !ngtcp2_conn_is_in_draining_period(conn_)) {
    ngtcp2_connection_close_error ccerr;
    const QByteArray why = reason.toUtf8().left(100);
    ngtcp2_connection_close_error_set_application_error(
        &ccerr, 0, reinterpret_cast<const uint8_t *>(why.constData()), size_t(why.size()));
    uint8_t buf[1500];
    ngtcp2_path_storage ps;
    ngtcp2_path_storage_zero(&ps);
    ngtcp2_pkt_info pi;
    const ngtcp2_ssize n =
        ngtcp2_conn_write_connection_close(conn_, &ps.path, &pi, buf, sizeof(buf), &ccerr, now());
    if (n > 0) sendPacket(buf, size_t(n));
  }
  die(reason);
}

bool QuicConnection::sendPacket(const uint8_t *data, size_t len) {
  if (!sender_.append(data, len) && (!sendQueued() || !sender_.append(data, len))) return false;
  return sendQueued();
}

// Hands the queued packets to the socket; false while it is full (the write notifier resumes).
bool QuicConnection::sendQueued() {
  const net::UdpSender::Result r =
      ownsFd_ ? sender_.send(nullptr, 0) : sender_.send(&remoteSa_, remoteLen_);
  if (r == net::UdpSender::Result::Blocked) {
    writeNotifier_->setEnabled(true);
    return false;
  }
  return true;  // Failed (e.g. ECONNREFUSED): QUIC's timers decide, as for a lost packet
}

void QuicConnection::onSocketReadable() {
  // A batch at a time, one flush per batch; a bounded number of batches per loop turn.
  for (int round = 0; round < 16 && alive_; ++round) {
    const size_t n = receiver_->receive();
    if (n == 0) break;
    for (size_t i = 0; i < n && alive_; ++i) {
      const net::UdpReceiver::Datagram &d = receiver_->at(i);
      readPacket(d.data, d.len, &remoteSa_, remoteLen_);  // connected: only the peer's arrive
    }
    flush();
  }
}

void QuicConnection::receive(const uint8_t *data, size_t len, const net::SocketAddress &from) {
  sockaddr_storage fromSa;
  unsigned fromLen = 0;
  net::toSockaddr(from.address, from.port, &fromSa, &fromLen);
  readPacket(data, len, &fromSa, fromLen);
  flush();
}

void QuicConnection::readPacket(const uint8_t *data, size_t len, const void *from,
                                unsigned fromLen) {
  if (!alive_) return;
  ngtcp2_path path{{reinterpret_cast<ngtcp2_sockaddr *>(&localSa_), localLen_},
                   {reinterpret_cast<ngtcp2_sockaddr *>(const_cast<void *>(from)), fromLen},
                   nullptr};
  ngtcp2_pkt_info pi;
  memset(&pi, 0, sizeof(pi));
  ++inLibrary_;
  const int rv = ngtcp2_conn_read_pkt(conn_, &path, &pi, data, len, now());
  --inLibrary_;
  if (!alive_) return;
  if (rv != 0) {
    if (rv == NGTCP2_ERR_DRAINING) return die(QStringLiteral("QUIC connection closed by peer"));
    if (rv == NGTCP2_ERR_DROP_CONN || rv == NGTCP2_ERR_RETRY)
      return die(QStringLiteral("QUIC: %1").arg(libError(rv)));
    if (rv == NGTCP2_ERR_CRYPTO) {
      const int alert = int(ngtcp2_conn_get_tls_alert(conn_));
      return closeWith(
          QStringLiteral("QUIC TLS handshake failed (alert %1: %2)")
              .arg(alert)
              .arg(QLatin1String(gnutls_alert_get_strname(gnutls_alert_description_t(alert)))));
    }
    return closeWith(QStringLiteral("QUIC: %1").arg(libError(rv)));
  }
}

void QuicConnection::scheduleFlush() {
  if (flushScheduled_) return;
  flushScheduled_ = true;
  QMetaObject::invokeMethod(
      this,
      [this] {
        flushScheduled_ = false;
        flush();
      },
      Qt::QueuedConnection);
}

void QuicConnection::flush() {
  if (!alive_ || !conn_) return;
  if (inLibrary_ > 0 || flushing_) return scheduleFlush();
  if (sender_.hasQueued() && !sendQueued()) return;  // the socket is still full
  flushing_ = true;
  const ngtcp2_tstamp ts = now();
  const size_t maxLen = ngtcp2_conn_get_max_tx_udp_payload_size(conn_);
  ngtcp2_path_storage ps;
  ngtcp2_path_storage_zero(&ps);
  bool blocked = false;
  for (int packets = 0; packets < 4096; ++packets) {
    // Packets go into one batch; a full batch goes to the socket before the next packet.
    uint8_t *buf = sender_.reserve(maxLen);
    if (!buf) {
      if (!sendQueued()) {
        blocked = true;
        break;
      }
      buf = sender_.reserve(maxLen);
    }
    qint64 id = -1;
    Slot *slot = nullptr;
    while (!sendable_.isEmpty()) {
      auto it = slots_.find(sendable_.first());
      if (it != slots_.end() &&
          (it->sent < it->base + quint64(it->buf.size()) || (it->eofQueued && !it->finSent))) {
        id = it.key();
        slot = &*it;
        break;
      }
      sendable_.removeFirst();
    }
    ngtcp2_vec vec;
    size_t vcnt = 0;
    uint32_t flags = NGTCP2_WRITE_STREAM_FLAG_MORE;
    quint64 unsent = 0;
    if (slot) {
      unsent = slot->base + quint64(slot->buf.size()) - slot->sent;
      vec.base = reinterpret_cast<uint8_t *>(slot->buf.data()) + (slot->sent - slot->base);
      vec.len = size_t(unsent);
      vcnt = unsent > 0 ? 1 : 0;
      if (slot->eofQueued) flags |= NGTCP2_WRITE_STREAM_FLAG_FIN;
    }
    ngtcp2_ssize accepted = -1;
    ngtcp2_pkt_info pi;
    ++inLibrary_;
    const ngtcp2_ssize n = ngtcp2_conn_writev_stream(conn_, &ps.path, &pi, buf, maxLen, &accepted,
                                                     flags, id, vcnt ? &vec : nullptr, vcnt, ts);
    --inLibrary_;
    if (!alive_) break;
    auto account = [&] {
      if (!slot || accepted < 0) return;
      slot->sent += quint64(accepted);
      if (slot->eofQueued && quint64(accepted) == unsent) slot->finSent = true;
      // Round robin: a stream that still has bytes goes to the back.
      sendable_.removeFirst();
      if (slot->sent < slot->base + quint64(slot->buf.size()) ||
          (slot->eofQueued && !slot->finSent))
        sendable_.append(id);
    };
    if (n < 0) {
      if (n == NGTCP2_ERR_WRITE_MORE) {
        account();
        continue;
      }
      if (n == NGTCP2_ERR_STREAM_DATA_BLOCKED || n == NGTCP2_ERR_STREAM_SHUT_WR ||
          n == NGTCP2_ERR_STREAM_NOT_FOUND) {
        sendable_.removeAll(id);  // back when the peer grants more (extend_max_stream_data)
        continue;
      }
      flushing_ = false;
      return closeWith(QStringLiteral("QUIC: %1").arg(libError(int(n))));
    }
    account();
    if (n == 0) break;
    sender_.commit(size_t(n));
  }
  flushing_ = false;
  if (!blocked) sendQueued();
  // No pacing before the handshake is complete: the pacer divides by the RTT, which until the
  // first sample is RFC 9002's 333 ms guess, so a client's Finished (and its first stream
  // bytes) waited ~25 ms behind its own Initial on every new connection, loopback or not. The
  // handshake is a few packets that the congestion window limits anyway.
  if (established_) ngtcp2_conn_update_pkt_tx_time(conn_, ts);
  armTimer();
}

void QuicConnection::armTimer() {
  if (!alive_ || !conn_) return;
  const ngtcp2_tstamp expiry = ngtcp2_conn_get_expiry(conn_);
  if (expiry == UINT64_MAX) {
    timer_.stop();
    return;
  }
  if (expiry == armedExpiry_ && timer_.isActive()) return;  // most flushes move no deadline
  armedExpiry_ = expiry;
  const ngtcp2_tstamp t = now();
  // Pacing spaces packets by microseconds; a Qt timer counts milliseconds. Rounding such a gap
  // up to a whole millisecond (more on a loaded machine) held a flow to ~0.1 Gbit/s, so anything
  // due within a millisecond is handled on the next turn of the loop, and later expiries round
  // down (the loop wakes late rather than early anyway).
  const qint64 ms =
      expiry <= t + NGTCP2_MILLISECONDS ? 0 : qint64((expiry - t) / NGTCP2_MILLISECONDS);
  timer_.start(int(qMin<qint64>(ms, 3600 * 1000)));
}

void QuicConnection::onTimer() {
  if (!alive_) return;
  ++inLibrary_;
  const int rv = ngtcp2_conn_handle_expiry(conn_, now());
  --inLibrary_;
  if (rv == NGTCP2_ERR_IDLE_CLOSE) return die(QStringLiteral("QUIC connection idle timeout"));
  if (rv == NGTCP2_ERR_HANDSHAKE_TIMEOUT) return die(QStringLiteral("QUIC handshake timeout"));
  if (rv != 0) return closeWith(QStringLiteral("QUIC: %1").arg(libError(rv)));
  flush();
}

QuicStream *QuicConnection::openStream() {
  if (!alive_ || !established_) return nullptr;
  if (earlyStream_) {  // opened in 0-RTT, its 0x00 long sent: handed out now, TLS complete
    QuicStream *s = earlyStream_;
    earlyStream_ = nullptr;
    s->setParent(nullptr);  // the caller owns it, as any stream openStream() returns
    return s;
  }
  int64_t id = -1;
  if (ngtcp2_conn_open_bidi_stream(conn_, &id, nullptr) != 0) return nullptr;
  auto *s = new QuicStream(this, id);
  Slot slot;
  slot.owner = s;
  slot.buf = QByteArray(1, '\0');  // NodePass's handshake byte
  slots_.insert(id, slot);
  sendable_.append(id);
  flush();
  return s;
}

bool QuicConnection::startEarlyData() {
  const QuicResumeStore::Entry *e = resume_ ? resume_->find(remote_) : nullptr;
  if (!e) return false;
  ngtcp2_conn_set_early_remote_transport_params(conn_, &e->params);
  int64_t id = -1;
  if (ngtcp2_conn_open_bidi_stream(conn_, &id, nullptr) != 0) return false;
  // Only the stream's opening byte goes as early data: the pool greeting that follows is bound
  // to the TLS exporter, which exists once the handshake is complete.
  earlyStream_ = new QuicStream(this, id, this);
  Slot slot;
  slot.owner = earlyStream_;
  slot.buf = QByteArray(1, '\0');  // NodePass's handshake byte
  slots_.insert(id, slot);
  sendable_.append(id);
  return true;
}

bool QuicConnection::isResumed() const {
  return tls_ && established_ && gnutls_session_is_resumed(tls_);
}

void QuicConnection::offerStream(qint64 id) {
  auto at = slots_.find(id);
  if (at == slots_.end() || !at->owner) return;
  if (!established_) {
    // The 0x00 came as 0-RTT data, which an attacker may have replayed: nothing happens for it
    // until the client's Finished proves the handshake live.
    if (!held_.contains(id)) held_.append(id);
    return;
  }
  QuicStream *s = at->owner;
  if (config_.poolFull && config_.poolFull()) {
    delete s;  // releases the stream: reset, as NodePass closes it
    return;
  }
  s->setParent(nullptr);
  Q_EMIT streamReady(s);
}

int QuicConnection::onTicket(gnutls_session_t session, unsigned, unsigned, unsigned incoming,
                             const gnutls_datum_t *) {
  auto *ref = static_cast<ngtcp2_crypto_conn_ref *>(gnutls_session_get_ptr(session));
  auto *self = static_cast<QuicConnection *>(ref->user_data);
  if (!incoming || self->server_ || !self->resume_ || !self->conn_) return 0;
  const ngtcp2_transport_params *params = ngtcp2_conn_get_remote_transport_params(self->conn_);
  gnutls_datum_t data{nullptr, 0};
  if (!params || gnutls_session_get_data2(session, &data) != 0) return 0;
  QByteArray copy(reinterpret_cast<const char *>(data.data), int(data.size));
  gnutls_memset(data.data, 0, data.size);
  gnutls_free(data.data);
  self->resume_->remember(self->remote_, copy, *params);
  copy.fill('\0');
  return 0;
}

qint64 QuicConnection::capacity(qint64 id) const {
  auto it = slots_.constFind(id);
  if (it == slots_.constEnd() || it->eofQueued || !alive_) return 0;
  const qint64 held = it->buf.size();
  return held >= kMaxQueued ? 0 : kMaxQueued - held;
}

void QuicConnection::send(qint64 id, const char *data, qint64 len) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->buf.append(data, int(len));
  if (!sendable_.contains(id)) sendable_.append(id);
  flush();
}

void QuicConnection::sendEof(qint64 id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->eofQueued = true;
  if (!sendable_.contains(id)) sendable_.append(id);
  flush();
}

void QuicConnection::release(qint64 id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return;
  it->owner = nullptr;
  if (it->eofQueued && it->peerEof) return;  // ends by itself once the peer has everything
  if (it->eofQueued) {
    // Our bytes and FIN still go (and are retransmitted) until acknowledged; the peer is asked
    // to stop sending (STOP_SENDING), as nobody reads any more.
    if (alive_ && conn_) {
      ngtcp2_conn_shutdown_stream_read(conn_, id, 0);
      flush();
    }
    return;
  }
  slots_.erase(it);
  sendable_.removeAll(id);
  if (alive_ && conn_) {
    ngtcp2_conn_shutdown_stream(conn_, id, 0);
    flush();
  }
}

void QuicConnection::consume(qint64 id, qint64 n) {
  if (!alive_ || !conn_ || n <= 0) return;
  ngtcp2_conn_extend_max_stream_offset(conn_, id, quint64(n));
  ngtcp2_conn_extend_max_offset(conn_, quint64(n));
  flush();
}

int QuicConnection::onRecvStreamData(ngtcp2_conn *conn, uint32_t flags, int64_t id, uint64_t,
                                     const uint8_t *data, size_t len, void *user, void *) {
  auto *self = static_cast<QuicConnection *>(user);
  if (flags & NGTCP2_STREAM_DATA_FLAG_EARLY) self->earlyBytes_ += qint64(len);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end() || !it->owner) {
    ngtcp2_conn_extend_max_stream_offset(conn, id, len);  // nobody reads it: keep windows open
    ngtcp2_conn_extend_max_offset(conn, len);
    return 0;
  }
  const char *p = reinterpret_cast<const char *>(data);
  if (self->server_ && !it->handshakeSeen && len > 0) {
    it->handshakeSeen = true;
    ngtcp2_conn_extend_max_stream_offset(conn, id, 1);
    ngtcp2_conn_extend_max_offset(conn, 1);
    ++p;
    --len;
    QuicStream *s = it->owner;
    QPointer<QuicConnection> guard(self);
    QMetaObject::invokeMethod(
        self,
        [guard, s, id] {
          if (!guard || !guard->alive_) return;
          auto at = guard->slots_.find(id);
          if (at == guard->slots_.end() || at->owner != s) return;
          guard->offerStream(id);
        },
        Qt::QueuedConnection);
  }
  if (len > 0) it->owner->deliver(p, qint64(len));
  if (flags & NGTCP2_STREAM_DATA_FLAG_FIN) {
    it->peerEof = true;
    it->owner->deliverEof();
  }
  return 0;
}

int QuicConnection::onAcked(ngtcp2_conn *, int64_t id, uint64_t offset, uint64_t len, void *user,
                            void *) {
  auto *self = static_cast<QuicConnection *>(user);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end()) return 0;
  const quint64 end = offset + len;
  if (end <= it->base) return 0;
  const qint64 drop = qint64(qMin<quint64>(end - it->base, quint64(it->buf.size())));
  const bool wasFull = it->buf.size() >= kMaxQueued;
  it->buf.remove(0, drop);
  it->base += quint64(drop);
  if (it->owner && wasFull) it->owner->notifyWritable();
  return 0;
}

int QuicConnection::onStreamOpen(ngtcp2_conn *, int64_t id, void *user) {
  auto *self = static_cast<QuicConnection *>(user);
  if (!self->server_) return 0;
  Slot slot;
  slot.owner = new QuicStream(self, id, self);
  self->slots_.insert(id, slot);
  return 0;
}

int QuicConnection::onStreamClose(ngtcp2_conn *conn, uint32_t flags, int64_t id, uint64_t code,
                                  void *user, void *) {
  auto *self = static_cast<QuicConnection *>(user);
  if (self->server_) ngtcp2_conn_extend_max_streams_bidi(conn, 1);
  self->sendable_.removeAll(id);
  auto it = self->slots_.find(id);
  if (it == self->slots_.end()) return 0;
  QuicStream *owner = it->owner;
  const bool clean =
      it->peerEof && !((flags & NGTCP2_STREAM_CLOSE_FLAG_APP_ERROR_CODE_SET) && code);
  self->slots_.erase(it);
  self->held_.removeAll(id);
  if (owner && owner->parent() == self) {
    // Never handed out (the peer closed it before its 0x00 was offered, or our 0-RTT stream
    // before the handshake ended): nobody else will delete it, and nobody holds it.
    if (owner == self->earlyStream_) self->earlyStream_ = nullptr;
    owner->connection_ = nullptr;
    owner->deleteLater();
    return 0;
  }
  if (owner) {
    if (clean)
      owner->deliverEof();
    else
      owner->deliverError(QStringLiteral("QUIC stream closed by peer (code %1)").arg(code));
  }
  return 0;
}

int QuicConnection::onStreamReset(ngtcp2_conn *, int64_t id, uint64_t, uint64_t code, void *user,
                                  void *) {
  auto *self = static_cast<QuicConnection *>(user);
  auto it = self->slots_.find(id);
  if (it != self->slots_.end() && it->owner)
    it->owner->deliverError(QStringLiteral("QUIC stream reset by peer (code %1)").arg(code));
  return 0;
}

int QuicConnection::onExtendStreams(ngtcp2_conn *, uint64_t, void *user) {
  auto *self = static_cast<QuicConnection *>(user);
  QPointer<QuicConnection> guard(self);
  QMetaObject::invokeMethod(
      self,
      [guard] {
        if (guard) Q_EMIT guard->streamCredit();
      },
      Qt::QueuedConnection);
  return 0;
}

int QuicConnection::onExtendStreamData(ngtcp2_conn *, int64_t id, uint64_t, void *user, void *) {
  // A stream the peer's flow control had blocked may send again (flush() runs after every
  // packet read, which is where this comes from).
  auto *self = static_cast<QuicConnection *>(user);
  auto it = self->slots_.constFind(id);
  if (it != self->slots_.constEnd() && !self->sendable_.contains(id)) self->sendable_.append(id);
  return 0;
}

int QuicConnection::onHandshakeCompleted(ngtcp2_conn *conn, void *user) {
  auto *self = static_cast<QuicConnection *>(user);
  if (self->server_ && self->ticketsIssued_ && gnutls_session_ticket_send(self->tls_, 1, 0) != 0)
    self->ticketsIssued_ = false;  // no ticket: the client's next connection is a full one
  if (!self->server_ && self->earlyTried_) {
    if (gnutls_session_get_flags(self->tls_) & GNUTLS_SFLAGS_EARLY_DATA) {
      self->earlyData_ = EarlyData::Accepted;
    } else {
      // A ticket of another server run, or one it would not take: the library forgets the
      // 0-RTT stream, and so do we (never handed out, so nobody holds it); the first stream is
      // then opened as after any full handshake.
      self->earlyData_ = EarlyData::Rejected;
      if (ngtcp2_conn_early_data_rejected(conn) != 0) return NGTCP2_ERR_CALLBACK_FAILURE;
      if (QuicStream *s = self->earlyStream_) {
        self->earlyStream_ = nullptr;
        self->slots_.remove(s->id_);
        self->sendable_.removeAll(s->id_);
        s->connection_ = nullptr;
        s->id_ = -1;
        s->deleteLater();
      }
      if (!gnutls_session_is_resumed(self->tls_)) self->resume_->forget(self->remote_);
    }
  }
  self->established_ = true;
  QPointer<QuicConnection> guard(self);
  QMetaObject::invokeMethod(
      self,
      [guard] {
        if (!guard || !guard->alive_) return;
        const QList<qint64> held = std::exchange(guard->held_, {});
        for (qint64 id : held) {
          guard->offerStream(id);
          if (!guard || !guard->alive_) return;
        }
        Q_EMIT guard->established();
      },
      Qt::QueuedConnection);
  return 0;
}

int QuicConnection::onNewConnectionId(ngtcp2_conn *, ngtcp2_cid *cid, uint8_t *token, size_t len,
                                      void *user) {
  auto *self = static_cast<QuicConnection *>(user);
  cid->datalen = len;
  randomBytes(cid->data, len);
  randomBytes(token, NGTCP2_STATELESS_RESET_TOKENLEN);
  Q_EMIT self->connectionIdAdded(cidBytes(cid->data, len));
  return 0;
}

int QuicConnection::onRemoveConnectionId(ngtcp2_conn *, const ngtcp2_cid *cid, void *user) {
  auto *self = static_cast<QuicConnection *>(user);
  Q_EMIT self->connectionIdRemoved(cidBytes(cid->data, cid->datalen));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// server

QuicPoolServer::QuicPoolServer(PoolTransportConfig config, QObject *parent)
    : PoolServerTransport(parent), config_(std::move(config)) {}

QuicPoolServer::~QuicPoolServer() {
  // Connections first: they use the credentials and the socket.
  const auto kids = findChildren<QuicConnection *>(QString(), Qt::FindDirectChildrenOnly);
  qDeleteAll(kids);
  delete notifier_;
  if (fd_ >= 0) ::close(fd_);
  if (cred_) gnutls_certificate_free_credentials(cred_);
}

bool QuicPoolServer::start(QString *error) {
  QByteArray certPem, keyPem;
  if (!config_.serverTls || !config_.serverTls->exportPem(&certPem, &keyPem)) {
    *error = QStringLiteral("QUIC pool: no server certificate");
    return false;
  }
  gnutls_certificate_allocate_credentials(&cred_);
  gnutls_datum_t c{reinterpret_cast<unsigned char *>(certPem.data()), unsigned(certPem.size())};
  gnutls_datum_t k{reinterpret_cast<unsigned char *>(keyPem.data()), unsigned(keyPem.size())};
  const int rv =
      gnutls_certificate_set_x509_key_mem2(cred_, &c, &k, GNUTLS_X509_FMT_PEM, nullptr, 0);
  keyPem.fill('\0');
  if (rv < 0) {
    *error = QStringLiteral("QUIC pool certificate: %1").arg(QLatin1String(gnutls_strerror(rv)));
    return false;
  }
  fd_ = net::bindUdp(config_.listenAddress, config_.listenPort, error);
  if (fd_ < 0) {
    *error =
        QStringLiteral("QUIC pool: listen on UDP port %1: %2").arg(config_.listenPort).arg(*error);
    return false;
  }
  net::setUdpBuffers(fd_, 4 << 20);
  local_ = net::localAddress(fd_);
  receiver_ = std::make_unique<net::UdpReceiver>(fd_);
  notifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Read, this);
  connect(notifier_, &QSocketNotifier::activated, this, &QuicPoolServer::onReadable);
  return true;
}

void QuicPoolServer::onReadable() {
  // A batch at a time; each connection that got datagrams answers once, after the batch.
  QVarLengthArray<QPointer<QuicConnection>, 8> fed;
  for (int round = 0; round < 32; ++round) {
    const size_t count = receiver_->receive();
    if (count == 0) break;
    for (size_t i = 0; i < count; ++i) {
      const net::UdpReceiver::Datagram &d = receiver_->at(i);
      const uint8_t *buf = d.data;
      const size_t n = d.len;
      ngtcp2_version_cid vc;
      if (ngtcp2_pkt_decode_version_cid(&vc, buf, n, kCidLength) != 0) continue;
      const QByteArray dcid = cidBytes(vc.dcid, vc.dcidlen);
      QPointer<QuicConnection> conn = byCid_.value(dcid);
      if (conn && conn->isAlive()) {
        const auto *sa = static_cast<const sockaddr *>(d.from);
        conn->readPacket(buf, n, d.from,
                         sa->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
        if (!fed.contains(conn)) fed.append(conn);
        continue;
      }
      const net::SocketAddress from = net::fromSockaddr(d.from);
      acceptInitial(buf, n, from, dcid);
    }
    for (const QPointer<QuicConnection> &c : fed)
      if (c && c->isAlive()) c->flush();
    fed.clear();
  }
}

void QuicPoolServer::acceptInitial(const uint8_t *buf, size_t n, const net::SocketAddress &from,
                                   const QByteArray &dcid) {
  if (config_.peerAllowed && !config_.peerAllowed(from.address)) {
    config_.log->debug(QStringLiteral("QUIC pool packet from %1 dropped: not the handshake "
                                      "client")
                           .arg(from.toString()));
    return;
  }
  QString error;
  auto *c = QuicConnection::accept(fd_, local_, from, buf, size_t(n), cred_, config_, this, &error,
                                   &tickets_);
  if (!c) return;
  byCid_.insert(dcid, c);
  for (const QByteArray &id : c->connectionIds()) byCid_.insert(id, c);
  connect(c, &QuicConnection::connectionIdAdded, this,
          [this, c](const QByteArray &id) { byCid_.insert(id, c); });
  connect(c, &QuicConnection::connectionIdRemoved, this,
          [this](const QByteArray &id) { byCid_.remove(id); });
  connect(c, &QuicConnection::streamReady, this, [this](QuicStream *s) { Q_EMIT slotReady(s); });
  connect(c, &QuicConnection::died, this, [this, c](const QString &why) {
    config_.log->debug(QStringLiteral("QUIC pool connection ended: %1").arg(why));
    for (auto it = byCid_.begin(); it != byCid_.end();) {
      if (!it.value() || it.value() == c)
        it = byCid_.erase(it);
      else
        ++it;
    }
  });
  c->receive(buf, size_t(n), from);
}

// ---------------------------------------------------------------------------------------------
// client

QuicPoolClient::QuicPoolClient(PoolTransportConfig config, QObject *parent)
    : PoolClientTransport(parent), config_(std::move(config)) {}

void QuicPoolClient::openSlot(SlotDone done) {
  if (connection_ && connection_->isAlive() && connection_->isEstablished()) {
    if (QuicStream *s = connection_->openStream()) return done(s, QString());
    waiting_.append(std::move(done));  // the peer's stream limit: wait for more credit
    return;
  }
  waiting_.append(std::move(done));
  if (!connecting_) connectSession();
}

void QuicPoolClient::serveWaiting(const QString &error) {
  while (!waiting_.isEmpty()) {
    if (!error.isEmpty()) {
      const SlotDone d = waiting_.takeFirst();
      d(nullptr, error);
      continue;
    }
    QuicStream *s = connection_ ? connection_->openStream() : nullptr;
    if (!s) return;  // more when streamCredit() comes
    const SlotDone d = waiting_.takeFirst();
    d(s, QString());
  }
}

void QuicPoolClient::connectSession() {
  connecting_ = true;
  QPointer<QuicPoolClient> self(this);
  config_.tunnelDialer->nextUdpAddress([self](const net::SocketAddress &to, const QString &err) {
    if (!self) return;
    QString error = err;
    const int fd = to.port ? net::connectUdp(to.address, to.port, QHostAddress(), &error) : -1;
    if (fd < 0) {
      self->connecting_ = false;
      return self->serveWaiting(QStringLiteral("QUIC: %1").arg(error));
    }
    net::setUdpBuffers(fd, 4 << 20);
    QuicConnection *c = QuicConnection::connectTo(fd, to, self->config_, self, &error);
    if (!c) {
      self->connecting_ = false;
      return self->serveWaiting(error);
    }
    self->connection_ = c;
    connect(c, &QuicConnection::established, self, [self] {
      self->connecting_ = false;
      self->serveWaiting(QString());
    });
    connect(c, &QuicConnection::streamCredit, self, [self] { self->serveWaiting(QString()); });
    connect(c, &QuicConnection::died, self, [self, c](const QString &why) {
      if (self->connection_ == c) self->connection_ = nullptr;
      self->connecting_ = false;
      self->config_.log->debug(QStringLiteral("QUIC pool connection ended: %1").arg(why));
      self->serveWaiting(why);
    });
  });
}

}  // namespace routeless::nodepass
