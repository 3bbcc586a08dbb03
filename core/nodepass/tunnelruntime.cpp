#include "tunnelruntime.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QHostInfo>
#include <QSocketNotifier>

#include "datagramframing.h"
#include "net/pump.h"
#include "net/sockets.h"
#include "poolgreeting.h"
#include "pooltransport.h"
#include "proxyheader.h"
#include "streamexchange.h"
#include "targetdialer.h"
#include "tlscontext.h"
#include "tunnelpool.h"
#include "udpbridge.h"

namespace routeless::nodepass {
namespace {

constexpr const char *kControlId = "00000000";
constexpr int kMaxControlLine = 1 << 20;
constexpr int kMaxControlQueue = 16 << 20;

int envDurationMs(const char *name, qint64 fallback) {
  const QByteArray v = qgetenv(name);
  if (v.isEmpty()) return int(fallback);
  const auto ms = parseGoDurationMs(QString::fromLatin1(v));
  return ms ? int(qMin<qint64>(*ms, INT_MAX)) : int(fallback);
}

QHostAddress listenAddressFor(const QString &host) {
  if (host.isEmpty()) return QHostAddress(QHostAddress::Any);
  if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
    return QHostAddress(QHostAddress::LocalHost);
  QHostAddress a;
  if (a.setAddress(host)) return a;
  const QHostInfo info = QHostInfo::fromName(host);  // start-up only
  return info.addresses().value(0);
}

// A UDP session without a tunnel (client single-end mode): one connected socket to the target.
class DirectUdpSession final : public QObject {
 public:
  DirectUdpSession(int listenFd, int targetFd, net::SocketAddress peer,
                   stats::TrafficCounters *counters, int idleMs, QObject *parent)
      : QObject(parent), listenFd_(listenFd), fd_(targetFd), counters_(counters) {
    unsigned len = 0;
    sockaddr_storage ss;
    net::toSockaddr(peer.address, peer.port, &ss, &len);
    peer_ = QByteArray(reinterpret_cast<const char *>(&ss), int(len));
    notifier_ = new QSocketNotifier(qintptr(fd_), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, [this] {
      char buf[65536];
      for (int i = 0; i < 64; ++i) {
        const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
        if (n < 0) return;
        activity_.restart();
        const ssize_t s = ::sendto(listenFd_, buf, size_t(n), 0,
                                   reinterpret_cast<const sockaddr *>(peer_.constData()),
                                   socklen_t(peer_.size()));
        if (s > 0) counters_->udpTx.fetch_add(quint64(s), std::memory_order_relaxed);
      }
    });
    activity_.start();
    auto *t = new QTimer(this);
    connect(t, &QTimer::timeout, this, [this, idleMs] {
      if (activity_.elapsed() >= idleMs) deleteLater();
    });
    t->start(qBound(50, idleMs / 4, 5000));
  }
  ~DirectUdpSession() override {
    delete notifier_;
    ::close(fd_);
    counters_->udpSessions.fetch_sub(1, std::memory_order_relaxed);
  }
  void send(const char *data, qint64 len) {
    activity_.restart();
    counters_->udpRx.fetch_add(quint64(len), std::memory_order_relaxed);
    ::send(fd_, data, size_t(len), MSG_NOSIGNAL);
  }

 private:
  int listenFd_;
  int fd_;
  stats::TrafficCounters *counters_;
  QByteArray peer_;
  QSocketNotifier *notifier_;
  QElapsedTimer activity_;
};

}  // namespace

Timings Timings::fromEnvironment() {
  Timings t;
  t.handshakeMs = envDurationMs("NP_HANDSHAKE_TIMEOUT", t.handshakeMs);
  t.tcpDialMs = envDurationMs("NP_TCP_DIAL_TIMEOUT", t.tcpDialMs);
  t.udpReadMs = envDurationMs("NP_UDP_READ_TIMEOUT", t.udpReadMs);
  t.poolGetMs = envDurationMs("NP_POOL_GET_TIMEOUT", t.poolGetMs);
  t.minPoolIntervalMs = envDurationMs("NP_MIN_POOL_INTERVAL", t.minPoolIntervalMs);
  t.maxPoolIntervalMs = envDurationMs("NP_MAX_POOL_INTERVAL", t.maxPoolIntervalMs);
  t.reportMs = qMax(100, envDurationMs("NP_REPORT_INTERVAL", t.reportMs));
  t.cooldownMs = envDurationMs("NP_SERVICE_COOLDOWN", t.cooldownMs);
  t.reloadMs = envDurationMs("NP_RELOAD_INTERVAL", t.reloadMs);
  return t;
}

TunnelRuntime::TunnelRuntime(TunnelUrl url, std::shared_ptr<stats::TrafficCounters> counters,
                             QObject *parent)
    : QObject(parent),
      url_(std::move(url)),
      key_(url_.key.toUtf8()),
      token_(tunnelToken(key_)),
      keySchedule_(key_),
      log_(url_.log),
      timings_(Timings::fromEnvironment()),
      counters_(counters ? std::move(counters) : std::make_shared<stats::TrafficCounters>()) {
  if (url_.rateMbps > 0) {
    readLimit_ = std::make_unique<net::RateLimiter>(url_.rateMbps * 125000);
    writeLimit_ = std::make_unique<net::RateLimiter>(url_.rateMbps * 125000);
  }
  dialer_ = new TargetDialer(url_.targets, url_.dnsTtlMs, url_.dialAddress, &log_, this);
  tunnelDialer_ = new TargetDialer({url_.tunnel}, url_.dnsTtlMs, QHostAddress(), &log_, this);
  quicResume_ = makeQuicResumeStore();
  pingTimer_.setParent(this);
  watchdog_.setParent(this);
  poolWaitTimer_.setParent(this);
  cooldownTimer_.setParent(this);
  poolTimer_.setParent(this);
  replaceTimer_.setParent(this);
  watchdog_.setSingleShot(true);
  poolWaitTimer_.setSingleShot(true);
  cooldownTimer_.setSingleShot(true);
  poolTimer_.setSingleShot(true);
  replaceTimer_.setSingleShot(true);
  connect(&pingTimer_, &QTimer::timeout, this, &TunnelRuntime::onPingTick);
  connect(&watchdog_, &QTimer::timeout, this,
          [this] { fail(QStringLiteral("control channel read timeout")); });
  connect(&poolWaitTimer_, &QTimer::timeout, this,
          [this] { fail(QStringLiteral("tunnel pool not ready: no control connection")); });
  connect(&cooldownTimer_, &QTimer::timeout, this, &TunnelRuntime::restartAfterCooldown);
  connect(&poolTimer_, &QTimer::timeout, this, &TunnelRuntime::poolTick);
  connect(&replaceTimer_, &QTimer::timeout, this, [this] {
    if (phase_ == Phase::Running) topUpPool();
  });
}

TunnelRuntime::~TunnelRuntime() { shutdown(); }

QString TunnelRuntime::roleName() const {
  return isServer() ? QStringLiteral("Server") : QStringLiteral("Client");
}

bool TunnelRuntime::listensUsers() const {
  if (isServer()) return flow_ == QLatin1String("-");
  return runMode_ == 1 || flow_ == QLatin1String("+");
}

// ---------------------------------------------------------------------------------------------
// start / stop

void TunnelRuntime::start() {
  log_.info(QStringLiteral("%1 started: %2").arg(roleName(), url_.describe()));
  if (url_.keyDerived && !(url_.role == Role::Client && url_.mode == 1))
    log_.warn(
        QStringLiteral("No key in the URL: the tunnel key is derived from the port number, "
                       "which anyone can do, so no handshake can keep others out"));
  QString error;
  if (isServer()) {
    tls_ = url_.tls;
    poolType_ = url_.type;
    // QUIC and HTTP/2 pools run inside TLS 1.3: tls=0 means the in-memory certificate.
    if (tls_ == 0 && (poolType_ == int(PoolType::Quic) || poolType_ == int(PoolType::Http2)))
      tls_ = 1;
    if (tls_ == 0) {
      log_.warn(QStringLiteral("TLS code-0: unencrypted"));
    } else {
      serverTls_ = std::make_unique<TlsServerContext>();
      serverTls_->setReloadIntervalMs(timings_.reloadMs);
      QString warning;
      if (poolType_ == int(PoolType::Http2)) serverTls_->setAlpn(QByteArrayLiteral("h2"));
      if (!serverTls_->init(tls_, url_.crtPath, url_.keyPath, &error, &warning)) {
        log_.error(QStringLiteral("Server error: %1").arg(error));
        Q_EMIT fatal(error);
        return;
      }
      if (!warning.isEmpty()) log_.warn(warning);
      tls_ = serverTls_->mode();
      log_.info(
          QStringLiteral("TLS code-%1: %2 with TLS 1.3").arg(tls_).arg(serverTls_->description()));
    }
    maxPool_ = url_.maxPool > 0 ? url_.maxPool : 1;
    const HostPort &target = url_.targets.first();
    if (url_.mode == 2) {
      flow_ = QStringLiteral("+");
    } else if (openUserListeners(target, &error)) {
      flow_ = QStringLiteral("-");
    } else if (url_.mode == 1) {
      log_.error(QStringLiteral("Server error: mode=1 needs to listen on target %1: %2")
                     .arg(target.toString(), error));
      Q_EMIT fatal(error);
      return;
    } else {
      flow_ = QStringLiteral("+");
    }
    runMode_ = flow_ == QLatin1String("-") ? 1 : 2;
    counters_->mode.store(runMode_);
    tunnelFd_ = net::listenTcp(listenAddressFor(url_.tunnel.host), url_.tunnel.port, &error);
    if (tunnelFd_ < 0) {
      log_.error(QStringLiteral("Server error: listen on tunnel address %1: %2")
                     .arg(url_.tunnel.toString(), error));
      Q_EMIT fatal(error);
      return;
    }
    tunnelNotifier_ = new QSocketNotifier(qintptr(tunnelFd_), QSocketNotifier::Read, this);
    connect(tunnelNotifier_, &QSocketNotifier::activated, this, &TunnelRuntime::onTunnelAcceptable);
    beginServerHandshake();
    return;
  }
  // client
  if (url_.mode == 2) {
    runMode_ = 2;
  } else if (openUserListeners(url_.tunnel, &error)) {
    runMode_ = 1;
  } else if (url_.mode == 1) {
    log_.error(QStringLiteral("Client error: mode=1 needs to listen on %1: %2")
                   .arg(url_.tunnel.toString(), error));
    Q_EMIT fatal(error);
    return;
  } else {
    runMode_ = 2;
  }
  counters_->mode.store(runMode_);
  if (runMode_ == 1)
    startSingleEnd();
  else
    beginClientCycle();
}

void TunnelRuntime::shutdown() {
  if (phase_ == Phase::Stopped) return;
  const bool wasStarted = phase_ != Phase::Idle || tcpListenFd_ >= 0;
  phase_ = Phase::Stopped;
  pingTimer_.stop();
  watchdog_.stop();
  poolWaitTimer_.stop();
  cooldownTimer_.stop();
  poolTimer_.stop();
  replaceTimer_.stop();
  teardownCycle();
  delete tcpNotifier_;
  delete udpNotifier_;
  delete tunnelNotifier_;
  tcpNotifier_ = udpNotifier_ = tunnelNotifier_ = nullptr;
  net::closeFd(tcpListenFd_);
  net::closeFd(udpListenFd_);
  net::closeFd(tunnelFd_);
  tcpListenFd_ = udpListenFd_ = tunnelFd_ = -1;
  // Sessions are children of this object or run on the pump threads; end them now.
  if (pumpThreads_) pumpThreads_->stopAll();
  const auto kids = children();
  for (QObject *child : kids) {
    if (qobject_cast<net::Pump *>(child) || qobject_cast<UdpBridge *>(child) ||
        qobject_cast<net::Stream *>(child) || dynamic_cast<DirectUdpSession *>(child))
      delete child;
  }
  if (clientTls_) {
    SSL_CTX_free(clientTls_);
    clientTls_ = nullptr;
  }
  if (wasStarted) log_.info(QStringLiteral("%1 shutdown complete").arg(roleName()));
}

bool TunnelRuntime::openUserListeners(const HostPort &where, QString *error) {
  const QHostAddress addr = listenAddressFor(where.host);
  if (addr.isNull()) {
    *error = QStringLiteral("cannot resolve %1").arg(where.host);
    return false;
  }
  if (!url_.notcp) {
    tcpListenFd_ = net::listenTcp(addr, where.port, error);
    if (tcpListenFd_ < 0) return false;
  }
  if (!url_.noudp) {
    udpListenFd_ = net::bindUdp(addr, where.port, error);
    if (udpListenFd_ >= 0) net::setUdpBuffers(udpListenFd_, 4 << 20);
    if (udpListenFd_ < 0) {
      net::closeFd(tcpListenFd_);
      tcpListenFd_ = -1;
      return false;
    }
  }
  listeningOn_ = where;
  if (tcpListenFd_ >= 0) {
    tcpNotifier_ = new QSocketNotifier(qintptr(tcpListenFd_), QSocketNotifier::Read, this);
    tcpNotifier_->setEnabled(false);
    connect(tcpNotifier_, &QSocketNotifier::activated, this, &TunnelRuntime::onUserAcceptable);
  }
  if (udpListenFd_ >= 0) {
    udpNotifier_ = new QSocketNotifier(qintptr(udpListenFd_), QSocketNotifier::Read, this);
    udpNotifier_->setEnabled(false);
    connect(udpNotifier_, &QSocketNotifier::activated, this, &TunnelRuntime::onUdpReadable);
  }
  return true;
}

void TunnelRuntime::setAccepting(bool on) {
  if (tcpNotifier_ && tcpNotifier_->isEnabled() != on) tcpNotifier_->setEnabled(on);
  if (udpNotifier_ && udpNotifier_->isEnabled() != on) udpNotifier_->setEnabled(on);
}

void TunnelRuntime::updateAccepting() {
  if (!listensUsers()) return;
  if (runMode_ == 1 && !isServer()) return setAccepting(true);
  // A tunnelled listener serves users only with a live control channel, and with TLS only once
  // the peer's certificate fingerprint has been verified (as NodePass gates it).
  setAccepting(phase_ == Phase::Running && control_ && (tls_ == 0 || peerVerified_));
}

void TunnelRuntime::fail(const QString &reason) {
  if (phase_ == Phase::Cooldown || phase_ == Phase::Stopped || phase_ == Phase::Idle) return;
  log_.error(QStringLiteral("%1 error: %2").arg(roleName(), reason));
  const bool wasLinked = phase_ == Phase::Running;
  teardownCycle();
  phase_ = Phase::Cooldown;
  updateAccepting();
  setAccepting(false);
  cooldownTimer_.start(timings_.cooldownMs);
  if (wasLinked) Q_EMIT linkLost(reason);
}

void TunnelRuntime::teardownCycle() {
  pingTimer_.stop();
  watchdog_.stop();
  poolWaitTimer_.stop();
  poolTimer_.stop();
  if (pool_) pool_->clear();
  if (control_) control_->close();
  if (cycle_) cycle_->deleteLater();
  cycle_ = nullptr;
  pool_ = nullptr;
  control_ = nullptr;
  controlIn_.clear();
  controlOut_.clear();
  peerVerified_ = false;
  framedUdp_ = false;
  controlAssigned_ = false;
  pendingGreetings_ = 0;
  useLink(false, {});
  clientIp_.clear();
  inflight_ = 0;
  counters_->pool.store(0);
}

void TunnelRuntime::restartAfterCooldown() {
  if (phase_ != Phase::Cooldown) return;
  log_.info(QStringLiteral("%1 restart: %2").arg(roleName(), url_.describe()));
  if (isServer())
    beginServerHandshake();
  else
    beginClientCycle();
}

// ---------------------------------------------------------------------------------------------
// server: handshake and pool accept

void TunnelRuntime::beginServerHandshake() {
  cycle_ = new QObject(this);
  pool_ = new TunnelPool(cycle_);
  connect(pool_, &TunnelPool::sizeChanged, this, [this](int n) { counters_->pool.store(n); });
  phase_ = Phase::Handshake;
  handshakeClock_.start();
  log_.info(QStringLiteral("Pending tunnel handshake..."));
}

void TunnelRuntime::onTunnelAcceptable() {
  for (int i = 0; i < 256; ++i) {
    net::SocketAddress peer;
    const int fd = net::acceptTcp(tunnelFd_, &peer);
    if (fd < 0) return;
    if (phase_ == Phase::Handshake) {
      serveHandshake(new net::SocketStream(fd, false, cycle_));
    } else if ((phase_ == Phase::PoolWait || phase_ == Phase::Running) && cycle_) {
      if (poolServer_ && poolServer_->usesTcpListener())
        poolServer_->takeConnection(new net::SocketStream(fd, false, cycle_));
      else
        ::close(fd);
    } else {
      ::close(fd);
    }
  }
}

void TunnelRuntime::serveHandshake(net::Stream *conn) {
  const QString from = conn->peer().toString();
  const QString ip = conn->peer().address.toString();
  auto *responder = new HandshakeResponder(keySchedule_, token_, url_.auth,
                                           HandshakeConfig{flow_, url_.maxPool, tls_, url_.type});
  auto *exchange =
      new StreamExchange(conn, std::unique_ptr<ByteExchange>(responder), timings_.handshakeMs);
  connect(exchange, &StreamExchange::finished, this,
          [this, conn, responder, from, ip](bool ok, const QString &error) {
            if (!ok) {
              if (responder->legacyRefused()) {
                const QString line =
                    QStringLiteral("Tunnel handshake from %1 refused: %2").arg(from, error);
                if (!strictRefused_.contains(ip)) {
                  strictRefused_.insert(ip);
                  log_.warn(line);
                } else {
                  log_.debug(line);
                }
              } else if (responder->outcome() == HandshakeResponder::Outcome::Rejected) {
                log_.warn(QStringLiteral("Tunnel handshake from %1 rejected: %2").arg(from, error));
              } else if (responder->status() == 0 && !error.startsWith(QLatin1String("conn"))) {
                log_.warn(QStringLiteral("Tunnel handshake from %1 timed out").arg(from));
              } else {
                log_.debug(QStringLiteral("Tunnel handshake from %1 ended: %2").arg(from, error));
              }
              conn->deleteLater();
              return;
            }
            conn->shutdownWrite();
            conn->deleteLater();
            if (phase_ != Phase::Handshake) return;
            const bool hardened = responder->outcome() == HandshakeResponder::Outcome::Hardened;
            if (!hardened) warnCompatibility(ip);
            framedUdp_ = responder->framedDatagrams();
            onHandshakeOk(conn, hardened, responder->sessionKeys());
            if (framedUdp_) log_.info(QStringLiteral("Datagram framing: on (Routeless peer)"));
          });
  exchange->start();
}

void TunnelRuntime::onHandshakeOk(net::Stream *conn, bool hardened, const SessionKeys &keys) {
  clientIp_ = conn->peer().address;
  useLink(hardened, keys);
  log_.info(QStringLiteral("Sending tunnel config: FLOW=%1|MAX=%2|TLS=%3|TYPE=%4")
                .arg(flow_)
                .arg(url_.maxPool)
                .arg(tls_)
                .arg(url_.type));
  // Other connections still in the handshake are closed, as NodePass closes its HTTP server.
  const auto kids = cycle_->children();
  for (QObject *o : kids) {
    if (auto *s = qobject_cast<net::Stream *>(o); s && s != conn) s->deleteLater();
  }
  phase_ = Phase::PoolWait;
  controlAssigned_ = false;
  poolServer_ = makePoolServerTransport(poolTransportConfig(), cycle_);
  connect(poolServer_, &PoolServerTransport::slotReady, this, &TunnelRuntime::acceptPoolSlot);
  QString error;
  if (!poolServer_->start(&error)) return fail(error);
  log_.info(QStringLiteral("Getting tunnel pool ready..."));
  poolWaitTimer_.start(timings_.handshakeMs);
}

void TunnelRuntime::acceptPoolSlot(net::Stream *slot) {
  // Counted until the slot is in the pool or gone, whichever comes first; the transport has
  // done TLS, the peer check and the pool-full check, the greeting has its own deadline.
  ++pendingGreetings_;
  QPointer<QObject> cycle = cycle_;
  auto settledFlag = std::make_shared<bool>(false);
  auto settled = [this, cycle, settledFlag] {
    if (*settledFlag) return;
    *settledFlag = true;
    if (cycle && cycle == cycle_) --pendingGreetings_;
  };
  connect(slot, &QObject::destroyed, this, settled);
  assignPoolId(slot, settled);
}

PoolTransportConfig TunnelRuntime::poolTransportConfig() const {
  PoolTransportConfig c;
  c.type = PoolType(poolType_);
  c.tls = tls_;
  c.maxSlots = maxPool_;
  c.keepAliveMs = timings_.reportMs;
  c.handshakeMs = timings_.handshakeMs;
  c.log = &log_;
  if (isServer()) {
    c.serverTls = serverTls_.get();
    c.listenAddress = listenAddressFor(url_.tunnel.host);
    c.listenPort = url_.tunnel.port;
    const QHostAddress client = clientIp_;
    c.peerAllowed = [client](const QHostAddress &ip) {
      return ip.isEqual(client, QHostAddress::TolerantConversion);
    };
    // Slots still proving the key count, so a burst of strangers cannot queue past the max.
    QPointer<TunnelPool> pool = pool_;
    const int max = maxPool_;
    const int *pending = &pendingGreetings_;
    c.poolFull = [pool, max, pending] { return pool && pool->size() + *pending >= max; };
  } else {
    c.clientTls = clientTls_;
    c.tunnel = url_.tunnel;
    c.sni = url_.sni;
    c.tunnelDialer = tunnelDialer_;
    c.quicResume = quicResume_;
  }
  return c;
}

void TunnelRuntime::assignPoolId(net::Stream *conn, std::function<void()> settled) {
  QPointer<QObject> cycle = cycle_;
  // The ID is picked when the greeting needs it: at once for NodePass, only after the key was
  // proved in hardened mode, so a stranger gets no ID and cannot take the control ID (the first
  // one, 00000000) from the client.
  auto isControl = std::make_shared<bool>(false);
  auto assignId = [this, cycle, isControl]() -> QByteArray {
    if (cycle && cycle == cycle_ && !controlAssigned_) {
      controlAssigned_ = true;
      *isControl = true;
      return QByteArray(kPoolIdBytes, '\0');
    }
    QByteArray raw;
    do {
      raw = randomBytes(kPoolIdBytes);
    } while (raw == QByteArray(kPoolIdBytes, '\0') ||
             (pool_ && pool_->contains(QString::fromLatin1(raw.toHex()))));
    return raw;
  };
  auto *greeting = hardened_ ? new PoolGreeting(assignId, session_.pool,
                                                tlsChannelBinding(*conn, tls_ > 0), &replayWindow_)
                             : new PoolGreeting(assignId, {}, {}, nullptr);
  auto *exchange =
      new StreamExchange(conn, std::unique_ptr<ByteExchange>(greeting), timings_.handshakeMs);
  connect(exchange, &StreamExchange::finished, this,
          [this, conn, greeting, cycle, isControl, settled](bool ok, const QString &error) {
            settled();
            const bool current = cycle && cycle == cycle_;
            if (!ok || !current || !pool_) {
              if (!ok && current) logPoolRefusal(conn->peer().toString(), error);
              if (*isControl && current) controlAssigned_ = false;  // the next one, then
              conn->deleteLater();
              return;
            }
            if (*isControl)
              setControl(conn);
            else
              pool_->add(greeting->id(), conn);
          });
  exchange->start();
}

// ---------------------------------------------------------------------------------------------
// client: handshake and pool manager

void TunnelRuntime::beginClientCycle() {
  cycle_ = new QObject(this);
  pool_ = new TunnelPool(cycle_);
  connect(pool_, &TunnelPool::sizeChanged, this, [this](int n) { counters_->pool.store(n); });
  phase_ = Phase::Handshake;
  handshakeClock_.start();
  log_.info(QStringLiteral("Pending tunnel handshake..."));
  // Always the hardened hello first: it carries no token, so a NodePass server costs one
  // extra request and a Routeless server never sees the static token on the wire.
  startClientHandshake(HandshakeInitiator::Mode::Hardened);
}

void TunnelRuntime::startClientHandshake(HandshakeInitiator::Mode mode) {
  QPointer<QObject> cycle = cycle_;
  tunnelDialer_->dialTcp(
      timings_.handshakeMs, [this, cycle, mode](net::Stream *conn, const QString &error) {
        if (!cycle || cycle != cycle_) {
          delete conn;
          return;
        }
        if (!conn) return fail(QStringLiteral("tunnel handshake: %1").arg(error));
        conn->setParent(cycle_);
        auto *handshake = new HandshakeInitiator(mode, keySchedule_, token_, url_.sni, true);
        auto *exchange = new StreamExchange(conn, std::unique_ptr<ByteExchange>(handshake),
                                            timings_.handshakeMs);
        connect(exchange, &StreamExchange::finished, this,
                [this, cycle, conn, handshake](bool ok, const QString &why) {
                  conn->deleteLater();
                  if (!cycle || cycle != cycle_) return;
                  if (!ok) {
                    if (handshake->state() == ByteExchange::State::Failed)
                      return fail(handshake->error());
                    return fail(QStringLiteral("tunnel handshake: %1").arg(why));
                  }
                  onClientHandshakeResult(*handshake);
                });
        exchange->start();
      });
}

void TunnelRuntime::onClientHandshakeResult(const HandshakeInitiator &handshake) {
  const QString server = url_.tunnel.toString();
  switch (handshake.outcome()) {
    case HandshakeInitiator::Outcome::LegacyServer:
      if (url_.auth == AuthPolicy::Strict)
        return fail(QStringLiteral("tunnel handshake: server %1 answered like NodePass v1.14.0 "
                                   "(no Routeless challenge) and auth=strict refuses NodePass "
                                   "peers")
                        .arg(server));
      if (serverWasHardened_)
        return fail(QStringLiteral("tunnel handshake: server %1 proved the key in hardened mode "
                                   "before and now answers like NodePass; not falling back (a "
                                   "relay may be stripping the challenge; restart the client if "
                                   "the server really is NodePass now)")
                        .arg(server));
      log_.debug(QStringLiteral("Server %1 gave no Routeless challenge: NodePass handshake next")
                     .arg(server));
      return startClientHandshake(HandshakeInitiator::Mode::Legacy);
    case HandshakeInitiator::Outcome::Legacy:
      if (handshake.serverAdvertisedHardened())
        return fail(QStringLiteral("tunnel handshake: server %1 is a Routeless server but our "
                                   "hello got no challenge: something in between forces NodePass "
                                   "compatibility mode; link refused")
                        .arg(server));
      warnCompatibility(server);
      useLink(false, {});
      return onClientHandshakeDone(handshake.config(), handshake.framedDatagrams());
    case HandshakeInitiator::Outcome::Hardened:
      serverWasHardened_ = true;
      useLink(true, handshake.sessionKeys());
      return onClientHandshakeDone(handshake.config(), handshake.framedDatagrams());
    default:
      return fail(handshake.error());
  }
}

void TunnelRuntime::onClientHandshakeDone(const HandshakeConfig &config, bool framedDatagrams) {
  framedUdp_ = framedDatagrams;
  if (framedUdp_) log_.info(QStringLiteral("Datagram framing: on (Routeless peer)"));
  log_.info(QStringLiteral("Loading tunnel config: FLOW=%1|MAX=%2|TLS=%3|TYPE=%4")
                .arg(config.flow)
                .arg(config.max)
                .arg(config.tls)
                .arg(config.type));
  if (config.type < 0 || config.type > 3)
    return fail(QStringLiteral("server uses unknown pool type %1; valid: 0-3").arg(config.type));
  poolType_ = config.type;
  flow_ = config.flow;
  tls_ = config.tls;
  maxPool_ = config.max > 0 ? config.max : 1;
  if (tls_ > 0) {
    if (clientTls_) SSL_CTX_free(clientTls_);
    clientTls_ = makeClientTlsContext(tls_ == 2);
  }
  if (flow_ == QLatin1String("+") && tcpListenFd_ < 0 && udpListenFd_ < 0) {
    QString error;
    if (!openUserListeners(url_.targets.first(), &error)) {
      return fail(
          QStringLiteral("listen on target %1: %2").arg(url_.targets.first().toString(), error));
    }
  }
  log_.info(QStringLiteral("Getting tunnel pool ready..."));
  phase_ = Phase::PoolWait;
  capacity_ = qMin(url_.minPool, maxPool_);
  intervalMs_ = timings_.minPoolIntervalMs;
  poolClient_ = makePoolClientTransport(poolTransportConfig(), cycle_);
  created_ = 0;
  poolWaitTimer_.start(timings_.handshakeMs);
  poolTick();
}

void TunnelRuntime::poolTick() {
  if ((phase_ != Phase::PoolWait && phase_ != Phase::Running) || !pool_) return;
  const int idle = pool_->size();
  topUpPool();
  if (capacity_ > 0) {
    const double ratio = double(created_) / double(capacity_);
    if (ratio < 0.2 && capacity_ > url_.minPool)
      --capacity_;
    else if (ratio > 0.8 && capacity_ < maxPool_)
      ++capacity_;
    if (idle < capacity_ / 5)
      intervalMs_ -= 100;
    else if (idle > capacity_ * 4 / 5)
      intervalMs_ += 100;
    intervalMs_ = qBound(timings_.minPoolIntervalMs, intervalMs_, timings_.maxPoolIntervalMs);
  }
  created_ = 0;
  poolTimer_.start(intervalMs_);
}

void TunnelRuntime::topUpPool() {
  if (!pool_) return;
  const int need = capacity_ - pool_->size() - inflight_;
  for (int i = 0; i < need; ++i) dialPoolConnection();
}

void TunnelRuntime::replaceTakenConnection() {
  if (isServer() || phase_ != Phase::Running || !pool_) return;
  // A quarter of the pool idle is plenty for the next sessions: the replacements can wait for
  // the taker's target connect (a loopback connect completes well inside the delay); a TLS
  // ClientHello costs a few hundred microseconds of this thread. 10 ms gathers a burst's
  // replacements into one moment instead of one just before each next connect (connects every
  // 2-3 ms, tls=1, added p50: 2 ms 0.85-1.02 ms, 10 ms 0.49-0.64, 20 ms 0.49-0.58; p99 2.0-3.8,
  // 3.2-5.1, 5.8-10.8).
  constexpr int kReplaceDelayMs = 10;
  if (pool_->size() * 4 < capacity_) {
    replaceTimer_.stop();
    topUpPool();
  } else if (!replaceTimer_.isActive()) {
    replaceTimer_.start(kReplaceDelayMs);
  }
}

void TunnelRuntime::dialPoolConnection() {
  ++inflight_;
  QPointer<QObject> cycle = cycle_;
  auto release = [this, cycle] {
    if (cycle && cycle == cycle_) --inflight_;
  };
  if (!poolClient_) return release();
  poolClient_->openSlot([this, cycle, release](net::Stream *conn, const QString &error) {
    if (!cycle || cycle != cycle_) {
      delete conn;
      return;
    }
    if (!conn) {
      release();
      log_.debug(QStringLiteral("Pool connection failed: %1").arg(error));
      return;
    }
    conn->setParent(cycle_);
    auto *timer = new QTimer(conn);
    timer->setSingleShot(true);
    timer->start(60000);
    auto done = std::make_shared<bool>(false);
    auto abandon = [this, conn, release, done](const QString &why) {
      if (*done) return;
      *done = true;
      release();
      log_.debug(QStringLiteral("Pool connection dropped: %1").arg(why));
      conn->deleteLater();
    };
    connect(timer, &QTimer::timeout, conn, [abandon] { abandon(QStringLiteral("no ID")); });
    connect(conn, &net::Stream::failed, conn, abandon);
    // The transport has finished TLS (if any), so the exporter of this slot's session is there.
    auto *greeting = hardened_ ? new PoolGreeting(++poolSequence_, session_.pool,
                                                  tlsChannelBinding(*conn, tls_ > 0))
                               : new PoolGreeting(0, {}, {});
    const bool hardened = greeting->hardened();
    auto *exchange = new StreamExchange(conn, std::unique_ptr<ByteExchange>(greeting), 60000);
    connect(exchange, &StreamExchange::finished, conn,
            [this, conn, greeting, hardened, timer, release, done, abandon](bool ok,
                                                                            const QString &why) {
              if (*done) return;
              if (!ok) {
                if (hardened && greeting->state() == ByteExchange::State::Failed)
                  logPoolRefusal(conn->peer().toString(), why);
                return abandon(why);
              }
              *done = true;
              timer->stop();
              disconnect(conn, nullptr, conn, nullptr);
              release();
              ++created_;
              const QString id = greeting->id();
              if (id == QLatin1String(kControlId)) {
                if (control_)
                  conn->deleteLater();
                else
                  setControl(conn);
              } else if (pool_) {
                pool_->add(id, conn);
              } else {
                conn->deleteLater();
              }
            });
    exchange->start();
  });
}

void TunnelRuntime::startSingleEnd() {
  phase_ = Phase::Running;
  updateAccepting();
  // CHECK_POINT with PING = connect time to the next target.
  auto report = [this] {
    if (runMode_ != 1) return;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    dialer_->dialTcp(timings_.tcpDialMs, [this, clock](net::Stream *s, const QString &) {
      if (s) {
        counters_->pingMs.store(int(clock->elapsed()));
        delete s;
      }
      logCheckpoint();
    });
  };
  connect(&pingTimer_, &QTimer::timeout, this, report);
  pingTimer_.start(timings_.reportMs);
  report();  // as NodePass: the first CHECK_POINT at once, not one interval later
  Q_EMIT controlReady();
}

// ---------------------------------------------------------------------------------------------
// authentication

void TunnelRuntime::useLink(bool hardened, const SessionKeys &keys) {
  hardened_ = hardened;
  session_ = keys;
  replayWindow_ = PoolReplayWindow();
  poolSequence_ = 0;
  sealer_.reset();
  opener_.reset();
  if (!hardened) return;
  const ControlDirection out =
      isServer() ? ControlDirection::ServerToClient : ControlDirection::ClientToServer;
  const ControlDirection in =
      isServer() ? ControlDirection::ClientToServer : ControlDirection::ServerToClient;
  auto keyFor = [&keys](ControlDirection d) {
    return d == ControlDirection::ClientToServer ? keys.clientToServer : keys.serverToClient;
  };
  sealer_ = std::make_unique<ControlLineSealer>(keyFor(out), out);
  opener_ = std::make_unique<ControlLineOpener>(keyFor(in), in);
  log_.info(
      QStringLiteral("Tunnel peer authenticated in hardened mode: challenge-response "
                     "handshake, key proof on every pool connection, sealed control lines"));
}

void TunnelRuntime::warnCompatibility(const QString &peer) {
  if (compatWarned_.contains(peer)) return;
  compatWarned_.insert(peer);
  log_.warn(QStringLiteral(
                "Tunnel peer %1 runs in NodePass compatibility mode (NodePass v1.14.0 handshake): "
                "its bearer token is static and sent in clear, so a recorded handshake can be "
                "replayed; pool connections carry no proof of the key, so anyone sharing its IP "
                "can take user sessions; control lines are only XOR-ed with the key. Routeless on "
                "both ends negotiates the hardened mode; auth=strict refuses NodePass peers")
                .arg(peer));
}

void TunnelRuntime::logPoolRefusal(const QString &from, const QString &why) {
  // A stranger can open connections in a loop: one line per second at most, with a count.
  if (refusalReport_.isValid() && refusalReport_.elapsed() < 1000) {
    ++refusalsUnreported_;
    return;
  }
  const QString more =
      refusalsUnreported_ > 0
          ? QStringLiteral(" (%1 more refused since the last report)").arg(refusalsUnreported_)
          : QString();
  log_.warn(QStringLiteral("Pool connection %1 refused: %2%3").arg(from, why, more));
  refusalsUnreported_ = 0;
  refusalReport_.start();
}

// ---------------------------------------------------------------------------------------------
// control channel

void TunnelRuntime::setControl(net::Stream *stream) {
  poolWaitTimer_.stop();
  control_ = stream;
  stream->setParent(cycle_);
  connect(stream, &net::Stream::readable, this, &TunnelRuntime::onControlReadable);
  connect(stream, &net::Stream::writable, this, &TunnelRuntime::flushControl);
  connect(stream, &net::Stream::failed, this,
          [this](const QString &why) { fail(QStringLiteral("control channel: %1").arg(why)); });
  stream->setReadWatch(true);
  phase_ = Phase::Running;
  log_.info(QStringLiteral("Marking tunnel handshake as complete in %1ms")
                .arg(handshakeClock_.elapsed()));
  watchdog_.start(3 * timings_.reportMs);
  pingTimer_.start(timings_.reportMs);
  onPingTick();  // as NodePass: ping at once, so the first CHECK_POINT follows one round trip
  if (tls_ > 0) {
    log_.info(QStringLiteral("TLS certificate fingerprint verifying..."));
    sendVerify(0);
  }
  updateAccepting();
  Q_EMIT controlReady();
  onControlReadable();  // TLS may already hold decrypted bytes
}

void TunnelRuntime::onControlReadable() {
  if (!control_) return;
  QPointer<net::Stream> ctl = control_;
  char buf[16384];
  for (;;) {
    const qint64 n = ctl->read(buf, sizeof(buf));
    if (n == net::Stream::WouldBlock) break;
    if (n == 0) return fail(QStringLiteral("control channel closed by peer"));
    if (n < 0) return fail(QStringLiteral("control channel: %1").arg(ctl->errorString()));
    watchdog_.start(3 * timings_.reportMs);
    controlIn_.append(buf, int(n));
    qsizetype start = 0;
    for (;;) {
      const qsizetype nl = controlIn_.indexOf('\n', start);
      if (nl < 0) break;
      const QByteArray line = controlIn_.mid(start, nl - start);
      start = nl + 1;
      handleControlLine(line);
      if (!ctl || ctl != control_) return;  // the line ended this cycle
    }
    controlIn_.remove(0, start);
    if (controlIn_.size() > kMaxControlLine) {
      log_.warn(QStringLiteral("Control line longer than %1 bytes discarded").arg(kMaxControlLine));
      controlIn_.clear();
    }
  }
}

void TunnelRuntime::handleControlLine(const QByteArray &line) {
  if (line.trimmed().isEmpty()) return;
  QString error;
  std::optional<Signal> signal;
  if (hardened_) {
    // A line that fails here was forged, replayed or reordered: the channel is not trusted
    // any more, so the link restarts rather than skipping the line.
    const auto json = opener_->open(line, &error);
    if (json) signal = signalFromJson(*json, &error);
    if (!signal) return fail(QStringLiteral("control channel: %1").arg(error));
  } else {
    signal = decodeSignal(line, key_, &error);
  }
  if (!signal) {
    log_.warn(QStringLiteral("Control signal ignored: %1").arg(error));
    return;
  }
  const QString &a = signal->action;
  if (a == QLatin1String("ping")) {
    sendSignal(Signal{QStringLiteral("pong"), {}, {}, {}});
  } else if (a == QLatin1String("pong")) {
    if (pingSent_.isValid()) counters_->pingMs.store(int(pingSent_.elapsed()));
    logCheckpoint();
  } else if (a == QLatin1String("tcp")) {
    if (!url_.notcp) handleTcpSignal(*signal);
  } else if (a == QLatin1String("udp")) {
    if (!url_.noudp) handleUdpSignal(*signal);
  } else if (a == QLatin1String("flush")) {
    if (pool_) pool_->flush();
    getErrors_ = 0;
    log_.debug(QStringLiteral("Tunnel pool flushed on peer request"));
  } else if (a == QLatin1String("verify")) {
    receiveVerify(*signal);
  } else {
    log_.debug(QStringLiteral("Control signal with unknown action ignored"));
  }
}

void TunnelRuntime::sendSignal(const Signal &signal) {
  if (!control_) return;
  controlOut_ += hardened_ ? sealer_->seal(signal.toJson()) : encodeSignal(signal, key_);
  if (controlOut_.size() > kMaxControlQueue)
    return fail(QStringLiteral("control channel: peer is not reading"));
  flushControl();
}

void TunnelRuntime::flushControl() {
  if (!control_) return;
  while (!controlOut_.isEmpty()) {
    const qint64 n = control_->write(controlOut_.constData(), controlOut_.size());
    if (n == net::Stream::WouldBlock) {
      control_->setWriteWatch(true);
      return;
    }
    if (n < 0) return fail(QStringLiteral("control channel: %1").arg(control_->errorString()));
    controlOut_.remove(0, n);
  }
  control_->setWriteWatch(false);
}

void TunnelRuntime::onPingTick() {
  if (!control_ || phase_ != Phase::Running) return;
  if (pool_ && getErrors_ > 0 && getErrors_ > pool_->size() / 2) {
    log_.debug(QStringLiteral("Tunnel pool flush: %1 get errors").arg(getErrors_));
    sendSignal(Signal{QStringLiteral("flush"), {}, {}, {}});
    pool_->flush();
    getErrors_ = 0;
  }
  pingSent_.start();
  sendSignal(Signal{QStringLiteral("ping"), {}, {}, {}});
}

void TunnelRuntime::logCheckpoint() {
  const auto s = counters_->snapshot();
  log_.event(QStringLiteral("CHECK_POINT|MODE=%1|PING=%2ms|POOL=%3|TCPS=%4|UDPS=%5|TCPRX=%6|"
                            "TCPTX=%7|UDPRX=%8|UDPTX=%9")
                 .arg(runMode_)
                 .arg(s.pingMs)
                 .arg(s.pool)
                 .arg(s.tcpSessions)
                 .arg(s.udpSessions)
                 .arg(s.tcpRx)
                 .arg(s.tcpTx)
                 .arg(s.udpRx)
                 .arg(s.udpTx));
}

void TunnelRuntime::sendVerify(int attempt) {
  if (!pool_ || !control_) return;
  if (pool_->size() == 0) {
    if (attempt < 100) {
      QPointer<QObject> cycle = cycle_;
      QTimer::singleShot(100, this, [this, cycle, attempt] {
        if (cycle && cycle == cycle_) sendVerify(attempt + 1);
      });
    }
    return;
  }
  pool_->takeAny(0, [this](net::Stream *conn, const QString &id) {
    if (!conn) return;
    const QString fp =
        isServer() ? serverTls_->fingerprint() : certificateFingerprint(conn->peerCertificateDer());
    sendSignal(Signal{QStringLiteral("verify"), {}, id, fp});
    // Closed a little later so a peer still looking the ID up can find it.
    conn->setParent(this);
    QTimer::singleShot(timings_.poolGetMs, conn, &QObject::deleteLater);
  });
}

void TunnelRuntime::receiveVerify(const Signal &signal) {
  if (tls_ == 0) return;
  if (signal.fp.isEmpty()) return fail(QStringLiteral("no fingerprint in verify signal"));
  if (!pool_ || !control_) return;
  // The named connection only has to leave the pool (NodePass closes it right after the
  // signal; a session must never start on it): it is swallowed whenever it shows up. The
  // check itself does not wait for it: the server compares its own certificate, a client the
  // one the control channel saw (every pool connection sees the same server certificate).
  pool_->take(signal.id, timings_.poolGetMs,
              [](net::Stream *conn, const QString &) { delete conn; });
  const QString own = isServer() ? serverTls_->fingerprint()
                                 : certificateFingerprint(control_->peerCertificateDer());
  if (own != signal.fp)
    return fail(QStringLiteral("TLS certificate fingerprint mismatch: peer %1, local %2")
                    .arg(signal.fp, own));
  log_.info(QStringLiteral("TLS certificate fingerprint verified: %1").arg(signal.fp));
  peerVerified_ = true;
  updateAccepting();
}

// ---------------------------------------------------------------------------------------------
// data plane

bool TunnelRuntime::slotAvailable() const {
  if (url_.slot <= 0) return true;
  return counters_->tcpSessions.load() + counters_->udpSessions.load() < url_.slot;
}

void TunnelRuntime::onUserAcceptable() {
  for (int i = 0; i < 256; ++i) {
    net::SocketAddress peer;
    const int fd = net::acceptTcp(tcpListenFd_, &peer);
    if (fd < 0) return;
    if (!slotAvailable()) {
      log_.error(QStringLiteral("TCP slot limit reached: %1/%2")
                     .arg(counters_->tcpSessions.load() + counters_->udpSessions.load())
                     .arg(url_.slot));
      ::close(fd);
      continue;
    }
    counters_->tcpSessions.fetch_add(1);
    net::setNoDelay(fd);
    inspectThenForward(new net::SocketStream(fd, false, this));
  }
}

void TunnelRuntime::inspectThenForward(net::Stream *user) {
  if (!url_.blockSocks && !url_.blockHttp && !url_.blockTls) return forwardUser(user);
  // Peek up to 8 bytes without consuming them; decide once 8 arrived, at EOF, or after 1 s.
  auto *timer = new QTimer(user);
  timer->setSingleShot(true);
  auto decided = std::make_shared<bool>(false);
  auto decide = [this, user, decided](bool final) {
    if (*decided) return;
    unsigned char b[8];
    const qint64 n = user->peek(reinterpret_cast<char *>(b), 8);
    if (n == net::Stream::WouldBlock && !final) return;
    if (n < 8 && n != 0 && !final) return;
    *decided = true;
    user->setReadWatch(false);
    disconnect(user, nullptr, this, nullptr);
    QString proto;
    if (n >= 2 && url_.blockSocks) {
      if (b[0] == 0x04 && (b[1] == 0x01 || b[1] == 0x02)) proto = QStringLiteral("SOCKS4");
      if (b[0] == 0x05 && b[1] >= 0x01 && b[1] <= 0x03) proto = QStringLiteral("SOCKS5");
    }
    if (proto.isEmpty() && url_.blockHttp && n >= 4 && b[0] >= 'A' && b[0] <= 'Z') {
      for (qint64 i = 1; i < n; ++i) {
        if (b[i] == ' ') {
          proto = QStringLiteral("HTTP");
          break;
        }
        if (b[i] < 'A' || b[i] > 'Z' || i - 1 >= 7) break;
      }
    }
    if (proto.isEmpty() && url_.blockTls && n >= 1 && b[0] == 0x16) proto = QStringLiteral("TLS");
    if (!proto.isEmpty()) {
      log_.warn(QStringLiteral("blocked %1 protocol from %2").arg(proto, user->peer().toString()));
      counters_->tcpSessions.fetch_sub(1);
      user->deleteLater();
      return;
    }
    forwardUser(user);
  };
  connect(user, &net::Stream::readable, this, [decide] { decide(false); });
  connect(timer, &QTimer::timeout, this, [decide] { decide(true); });
  timer->start(1000);
  user->setReadWatch(true);
}

void TunnelRuntime::forwardUser(net::Stream *user) {
  QPointer<net::Stream> guard(user);
  if (!isServer() && runMode_ == 1) {
    dialer_->dialTcp(timings_.tcpDialMs, [this, guard](net::Stream *target, const QString &err) {
      if (!guard) {
        delete target;
        return;
      }
      if (!target) {
        log_.error(QStringLiteral("Dial target failed: %1").arg(err));
        counters_->tcpSessions.fetch_sub(1);
        guard->deleteLater();
        return;
      }
      target->setParent(this);
      startPump(guard, target,
                url_.proxy ? proxyHeader(guard->peer().toString(), target->peer()) : QByteArray());
    });
    return;
  }
  if (!pool_) {
    counters_->tcpSessions.fetch_sub(1);
    user->deleteLater();
    return;
  }
  pool_->takeAny(timings_.poolGetMs, [this, guard](net::Stream *conn, const QString &id) {
    if (!guard || !conn) {
      if (!conn) log_.warn(QStringLiteral("Tunnel pool request timeout: no idle connection"));
      delete conn;
      counters_->tcpSessions.fetch_sub(1);
      if (guard) guard->deleteLater();
      return;
    }
    conn->setParent(this);
    sendSignal(Signal{QStringLiteral("tcp"), guard->peer().toString(), id, {}});
    startPump(guard, conn, QByteArray());
    replaceTakenConnection();
  });
}

void TunnelRuntime::startPump(net::Stream *userSide, net::Stream *other, const QByteArray &prefix) {
  net::setNoDelay(userSide->fd());
  net::setNoDelay(other->fd());
  net::Pump::Options o;
  o.rxA = &counters_->tcpRx;
  o.txA = &counters_->tcpTx;
  o.readLimitA = readLimit_.get();
  o.writeLimitA = writeLimit_.get();
  o.idleTimeoutMs = url_.readTimeoutMs;
  o.prefixToA = prefix;
  // NodePass fully closes a QUIC/WebSocket/HTTP/2 slot at the first end of stream and never
  // ends the other direction (its HTTP/2 server never finishes a response): do the same with
  // it. Two Routeless ends keep half-close.
  o.closeOnFirstEof = other->fd() < 0 && !framedUdp_;
  const QString a = userSide->peer().toString();
  const QString b = other->peer().toString();
  const bool threaded = !readLimit_ && !writeLimit_ && net::PumpThreads::canCarry(userSide, other);
  // Nothing here listens to the streams any more; the pump alone does from now on.
  for (net::Stream *s : {userSide, other}) {
    disconnect(s, &net::Stream::readable, nullptr, nullptr);
    disconnect(s, &net::Stream::writable, nullptr, nullptr);
    disconnect(s, &net::Stream::failed, nullptr, nullptr);
    s->setReadWatch(false);
    s->setWriteWatch(false);
  }
  auto *pump = new net::Pump(userSide, other, o);
  log_.info(QStringLiteral("Starting exchange: %1 <-> %2").arg(a, b));
  // Queued when the pump runs on a worker thread; the pump deletes itself where it runs.
  connect(pump, &net::Pump::finished, this, [this](const QString &reason) {
    log_.info(QStringLiteral("Exchange complete: %1").arg(reason));
    counters_->tcpSessions.fetch_sub(1);
  });
  if (threaded) {
    if (!pumpThreads_)
      pumpThreads_ = std::make_unique<net::PumpThreads>(net::PumpThreads::defaultCount());
    if (pumpThreads_->run(pump)) return;
  }
  pump->setParent(this);
  connect(pump, &net::Pump::finished, pump, &QObject::deleteLater);
  pump->start();
}

QByteArray TunnelRuntime::proxyHeader(const QString &remote,
                                      const net::SocketAddress &target) const {
  QHostAddress src;
  quint16 srcPort = 0;
  if (!splitHostPort(remote, &src, &srcPort)) return QByteArray();
  if (url_.proxy == 2)
    return proxyV2Header(ProxyTransport::Tcp, src, srcPort, target.address, target.port);
  return proxyV1Header(src, srcPort, target.address, target.port);
}

void TunnelRuntime::takeSessionConnection(const Signal &signal, const char *kind,
                                          std::atomic<int> &sessions,
                                          std::function<void(net::Stream *)> use) {
  if (!pool_) return;
  if (!slotAvailable()) {
    log_.error(QStringLiteral("%1 slot limit reached: %2/%3")
                   .arg(QLatin1String(kind))
                   .arg(counters_->tcpSessions.load() + counters_->udpSessions.load())
                   .arg(url_.slot));
    pool_->take(signal.id, timings_.poolGetMs, [](net::Stream *c, const QString &) { delete c; });
    return;
  }
  sessions.fetch_add(1);
  pool_->take(signal.id, timings_.poolGetMs,
              [this, &sessions, use = std::move(use)](net::Stream *conn, const QString &id) {
                if (!conn) {
                  ++getErrors_;
                  log_.warn(QStringLiteral("Tunnel connection %1 not found in pool").arg(id));
                  sessions.fetch_sub(1);
                  return;
                }
                use(conn);
                // Replace the connection now rather than at the next pool tick (100-1000 ms
                // away): a burst of new connections would otherwise wait for the tick.
                replaceTakenConnection();
              });
}

void TunnelRuntime::handleTcpSignal(const Signal &signal) {
  const QString remote = signal.remote;
  takeSessionConnection(signal, "TCP", counters_->tcpSessions, [this, remote](net::Stream *conn) {
    conn->setParent(this);
    QPointer<net::Stream> guard(conn);
    dialer_->dialTcp(
        timings_.tcpDialMs, [this, guard, remote](net::Stream *target, const QString &err) {
          if (!guard || !target) {
            if (!target) log_.error(QStringLiteral("Dial target failed: %1").arg(err));
            delete target;
            if (guard) guard->deleteLater();
            counters_->tcpSessions.fetch_sub(1);
            return;
          }
          target->setParent(this);
          startPump(target, guard, url_.proxy ? proxyHeader(remote, target->peer()) : QByteArray());
        });
  });
}

void TunnelRuntime::onUdpReadable() {
  char buf[65536];
  for (int i = 0; i < 64; ++i) {
    sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    const ssize_t n =
        ::recvfrom(udpListenFd_, buf, sizeof(buf), 0, reinterpret_cast<sockaddr *>(&ss), &len);
    if (n < 0) return;
    const net::SocketAddress peer = net::fromSockaddr(&ss);
    const QString key = peer.toString();
    QObject *session = udpSessions_.value(key);
    if (session) {
      if (auto *bridge = qobject_cast<UdpBridge *>(session))
        bridge->fromUser(buf, n);
      else
        static_cast<DirectUdpSession *>(session)->send(buf, n);
      continue;
    }
    if (udpPending_.contains(key)) continue;  // session being set up: drop, as UDP may
    if (!slotAvailable()) {
      log_.error(QStringLiteral("UDP slot limit reached: %1/%2")
                     .arg(counters_->tcpSessions.load() + counters_->udpSessions.load())
                     .arg(url_.slot));
      continue;
    }
    counters_->udpSessions.fetch_add(1);
    const QByteArray first(buf, int(n));
    if (!isServer() && runMode_ == 1) {
      udpPending_.insert(key);
      dialer_->nextUdpAddress([this, key, peer, first](const net::SocketAddress &target,
                                                       const QString &err) {
        udpPending_.remove(key);
        QString why = err;
        const int fd = target.port
                           ? net::connectUdp(target.address, target.port, dialer_->source(), &why)
                           : -1;
        if (fd < 0) {
          log_.error(QStringLiteral("Dial UDP target failed: %1").arg(why));
          counters_->udpSessions.fetch_sub(1);
          return;
        }
        auto *s =
            new DirectUdpSession(udpListenFd_, fd, peer, counters_.get(), timings_.udpReadMs, this);
        udpSessions_.insert(key, s);
        connect(s, &QObject::destroyed, this, [this, key] { udpSessions_.remove(key); });
        s->send(first.constData(), first.size());
      });
      continue;
    }
    if (!pool_) {
      counters_->udpSessions.fetch_sub(1);
      continue;
    }
    udpPending_.insert(key);
    pool_->takeAny(
        timings_.poolGetMs, [this, key, peer, first](net::Stream *conn, const QString &id) {
          udpPending_.remove(key);
          if (!conn) {
            log_.warn(QStringLiteral("Tunnel pool request timeout for UDP %1").arg(key));
            counters_->udpSessions.fetch_sub(1);
            return;
          }
          sendSignal(Signal{QStringLiteral("udp"), key, id, {}});
          UdpBridge::Options o;
          o.rx = &counters_->udpRx;
          o.tx = &counters_->udpTx;
          o.readLimit = readLimit_.get();
          o.writeLimit = writeLimit_.get();
          o.idleTimeoutMs = timings_.udpReadMs;
          o.framed = framedUdp_;
          auto *bridge = new UdpBridge(conn, udpListenFd_, false, peer, o, this);
          udpSessions_.insert(key, bridge);
          log_.info(
              QStringLiteral("Starting UDP exchange: %1 <-> %2").arg(key, conn->peer().toString()));
          connect(bridge, &UdpBridge::finished, this, [this, key, bridge](const QString &reason) {
            log_.info(QStringLiteral("UDP exchange complete: %1").arg(reason));
            udpSessions_.remove(key);
            counters_->udpSessions.fetch_sub(1);
            bridge->deleteLater();
          });
          bridge->start();
          bridge->fromUser(first.constData(), first.size());
        });
  }
}

void TunnelRuntime::handleUdpSignal(const Signal &signal) {
  const QString remote = signal.remote;
  takeSessionConnection(signal, "UDP", counters_->udpSessions, [this, remote](net::Stream *conn) {
    conn->setParent(this);
    QPointer<net::Stream> guard(conn);
    dialer_->nextUdpAddress([this, guard, remote](const net::SocketAddress &target,
                                                  const QString &err) {
      QString why = err;
      const int fd = (guard && target.port)
                         ? net::connectUdp(target.address, target.port, dialer_->source(), &why)
                         : -1;
      if (fd >= 0) net::setUdpBuffers(fd, 1 << 20);
      if (fd < 0) {
        if (guard) {
          log_.error(QStringLiteral("Dial UDP target failed: %1").arg(why));
          guard->deleteLater();
        }
        counters_->udpSessions.fetch_sub(1);
        return;
      }
      UdpBridge::Options o;
      o.rx = &counters_->udpRx;
      o.tx = &counters_->udpTx;
      o.readLimit = readLimit_.get();
      o.writeLimit = writeLimit_.get();
      o.idleTimeoutMs = timings_.udpReadMs;
      o.framed = framedUdp_;
      auto *bridge = new UdpBridge(guard, fd, true, {}, o, this);
      log_.info(QStringLiteral("Starting UDP exchange: %1 <-> %2").arg(remote, target.toString()));
      connect(bridge, &UdpBridge::finished, this, [this, bridge](const QString &reason) {
        log_.info(QStringLiteral("UDP exchange complete: %1").arg(reason));
        counters_->udpSessions.fetch_sub(1);
        bridge->deleteLater();
      });
      bridge->start();
    });
  });
}

}  // namespace routeless::nodepass
