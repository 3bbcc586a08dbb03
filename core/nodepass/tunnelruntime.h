#pragma once
// TunnelRuntime: one NodePass-compatible tunnel (server or client role) on its engine thread:
// handshake, control channel, pool, listeners, TCP/UDP sessions, restarts. It must never be
// touched from another thread (use queued calls) and never log the key or the bearer token.
#include <openssl/ssl.h>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>

#include "controlseal.h"
#include "handshake.h"
#include "logger.h"
#include "net/pumpthreads.h"
#include "net/ratelimiter.h"
#include "net/stream.h"
#include "poolgreeting.h"
#include "protocol.h"
#include "stats/trafficcounters.h"
#include "tunnelauth.h"
#include "tunnelurl.h"

class QSocketNotifier;

namespace routeless::nodepass {

class PoolClientTransport;
class PoolServerTransport;
struct PoolTransportConfig;
class QuicResumeStore;
class TargetDialer;
class TlsServerContext;
class TunnelPool;
class UdpBridge;

// Timings NodePass reads from NP_* environment variables (defaults as in v1.14.0).
struct Timings {
  int handshakeMs = 5000;
  int tcpDialMs = 5000;
  int udpReadMs = 30000;
  int poolGetMs = 5000;
  int minPoolIntervalMs = 100;
  int maxPoolIntervalMs = 1000;
  int reportMs = 5000;
  int cooldownMs = 3000;
  qint64 reloadMs = 3600 * 1000;
  static Timings fromEnvironment();
};

class TunnelRuntime final : public QObject {
  Q_OBJECT
 public:
  TunnelRuntime(TunnelUrl url, std::shared_ptr<stats::TrafficCounters> counters,
                QObject *parent = nullptr);
  ~TunnelRuntime() override;

  Logger &logger() { return log_; }
  const TunnelUrl &url() const { return url_; }
  // 1/2 as in CHECK_POINT MODE; 0 before start.
  int runMode() const { return runMode_; }

 public Q_SLOTS:
  void start();
  void shutdown();

 Q_SIGNALS:
  // The tunnel cannot run at all (e.g. a forced mode cannot listen). Not emitted for errors
  // that lead to a restart.
  void fatal(const QString &error);
  // The tunnel carries traffic: the control channel is up (or a single-end client listens).
  void controlReady();
  // The peer went away; the runtime retries by itself after a cooldown.
  void linkLost(const QString &reason);

 private:
  enum class Phase { Idle, Handshake, PoolWait, Running, Cooldown, Stopped };
  QString roleName() const;
  bool isServer() const { return url_.role == Role::Server; }
  bool listensUsers() const;
  bool openUserListeners(const HostPort &where, QString *error);
  void setAccepting(bool on);
  void updateAccepting();
  void fail(const QString &reason);
  void teardownCycle();
  void restartAfterCooldown();

  // server
  void beginServerHandshake();
  void onTunnelAcceptable();
  void serveHandshake(net::Stream *conn);
  void onHandshakeOk(net::Stream *conn, bool hardened, const SessionKeys &keys);
  void acceptPoolSlot(net::Stream *slot);
  void assignPoolId(net::Stream *conn, std::function<void()> settled);
  PoolTransportConfig poolTransportConfig() const;

  // client
  void beginClientCycle();
  void startClientHandshake(HandshakeInitiator::Mode mode);
  void onClientHandshakeResult(const HandshakeInitiator &handshake);
  void onClientHandshakeDone(const HandshakeConfig &config, bool framedDatagrams);
  void poolTick();
  void topUpPool();
  // After a session took a pool connection: top up now when the pool runs low, else a moment
  // later, so the new connections' handshakes do not delay that session's target dial.
  void replaceTakenConnection();
  void dialPoolConnection();
  void startSingleEnd();

  // authentication (hardened mode, or NodePass compatibility)
  void useLink(bool hardened, const SessionKeys &keys);
  void warnCompatibility(const QString &peer);
  void logPoolRefusal(const QString &from, const QString &why);

  // control channel
  void setControl(net::Stream *stream);
  void onControlReadable();
  void handleControlLine(const QByteArray &line);
  void sendSignal(const Signal &signal);
  void flushControl();
  void onPingTick();
  void logCheckpoint();
  void sendVerify(int attempt);
  void receiveVerify(const Signal &signal);

  // data plane
  void onUserAcceptable();
  void inspectThenForward(net::Stream *user);
  void forwardUser(net::Stream *user);
  void onUdpReadable();
  // Takes the pool connection a tcp/udp signal names, within the slot limit, and hands it to
  // `use`; counts the session in `sessions` (undone when the pool has no such connection).
  void takeSessionConnection(const Signal &signal, const char *kind, std::atomic<int> &sessions,
                             std::function<void(net::Stream *)> use);
  void handleTcpSignal(const Signal &signal);
  void handleUdpSignal(const Signal &signal);
  void startPump(net::Stream *userSide, net::Stream *other, const QByteArray &prefix);
  bool slotAvailable() const;
  QByteArray proxyHeader(const QString &remote, const net::SocketAddress &target) const;

  TunnelUrl url_;
  QByteArray key_;
  QByteArray token_;
  TunnelKeySchedule keySchedule_;
  Logger log_;
  Timings timings_;
  std::shared_ptr<stats::TrafficCounters> counters_;
  std::unique_ptr<net::RateLimiter> readLimit_;
  std::unique_ptr<net::RateLimiter> writeLimit_;
  // TCP sessions whose both sockets can move run there (not with rate limits, which this thread
  // owns); declared after the counters the pumps add to, so it ends them first.
  std::unique_ptr<net::PumpThreads> pumpThreads_;
  TargetDialer *dialer_ = nullptr;
  TargetDialer *tunnelDialer_ = nullptr;  // client: resolves and dials the tunnel address
  // client: QUIC session tickets, kept across handshake cycles so a reconnection resumes
  std::shared_ptr<QuicResumeStore> quicResume_;
  std::unique_ptr<TlsServerContext> serverTls_;
  SSL_CTX *clientTls_ = nullptr;

  Phase phase_ = Phase::Idle;
  int runMode_ = 0;
  QString flow_;
  int tls_ = 0;
  int maxPool_ = 1024;
  int poolType_ = 0;

  // user-facing listeners (server flow "-", client flow "+", client single-end)
  int tcpListenFd_ = -1;
  int udpListenFd_ = -1;
  QSocketNotifier *tcpNotifier_ = nullptr;
  QSocketNotifier *udpNotifier_ = nullptr;
  HostPort listeningOn_;
  QHash<QString, QPointer<QObject>> udpSessions_;  // key: user "ip:port"
  QSet<QString> udpPending_;

  // server tunnel listener
  int tunnelFd_ = -1;
  QSocketNotifier *tunnelNotifier_ = nullptr;
  QHostAddress clientIp_;
  bool controlAssigned_ = false;
  int pendingGreetings_ = 0;  // pool connections accepted but not yet in the pool

  // one handshake cycle: everything below dies with it
  QPointer<QObject> cycle_;
  QPointer<TunnelPool> pool_;
  QPointer<PoolServerTransport> poolServer_;
  QPointer<PoolClientTransport> poolClient_;
  QPointer<net::Stream> control_;
  QByteArray controlIn_;
  QByteArray controlOut_;
  QTimer pingTimer_;
  QTimer watchdog_;
  QTimer poolWaitTimer_;
  QTimer cooldownTimer_;
  QTimer poolTimer_;
  QTimer replaceTimer_;  // replaceTakenConnection()'s moment later, one for a burst
  QElapsedTimer pingSent_;
  QElapsedTimer handshakeClock_;
  bool peerVerified_ = false;
  // this cycle's link: hardened (keys from the handshake) or NodePass compatibility
  bool hardened_ = false;
  SessionKeys session_;
  std::unique_ptr<ControlLineSealer> sealer_;
  std::unique_ptr<ControlLineOpener> opener_;
  PoolReplayWindow replayWindow_;  // server: pool greetings accepted this session
  quint64 poolSequence_ = 0;       // client: the last pool greeting's sequence number
  bool framedUdp_ = false;         // both ends offered length-prefixed datagrams this cycle
  // across cycles
  bool serverWasHardened_ = false;  // client: never fall back once the server proved the key
  QSet<QString> compatWarned_;      // peers told once that they run in compatibility mode
  QSet<QString> strictRefused_;     // peers told once that auth=strict refuses them
  QElapsedTimer refusalReport_;
  int refusalsUnreported_ = 0;
  int getErrors_ = 0;
  int capacity_ = 0;
  int intervalMs_ = 100;
  int inflight_ = 0;
  int created_ = 0;
};

}  // namespace routeless::nodepass
