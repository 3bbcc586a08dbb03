#pragma once
// QUIC pool transport (type 1, NodePass's quic over quic-go): one QUIC v1 connection from the
// client to the tunnel port over UDP, TLS 1.3 with ALPN "np-quic", each slot one bidirectional
// stream whose first byte (client to server) is 0x00; keep-alive every report interval, idle
// timeout three of them. Built on ngtcp2 with its GnuTLS backend (OpenSSL 3.0 has no QUIC API).
// It must never accept a connection from another IP than the handshake's, nor keep a byte the
// peer has not yet acknowledged anywhere but in its stream's send buffer.
#include <gnutls/gnutls.h>
#include <ngtcp2/ngtcp2.h>
#include <ngtcp2/ngtcp2_crypto.h>
#include <sys/socket.h>

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <memory>

#include "net/udpbatch.h"
#include "net/virtualstream.h"
#include "pooltransport.h"

class QSocketNotifier;

namespace routeless::nodepass {

class QuicConnection;

// What a QUIC pool client remembers of a server for its next connection: the TLS session
// ticket and the transport parameters of the connection that issued it, so that the next one
// resumes and sends its first stream bytes as 0-RTT early data. In memory only, for the tunnel's
// life; it must never be written anywhere or logged (a ticket resumes the TLS session).
class QuicResumeStore final {
 public:
  struct Entry {
    QByteArray session;  // gnutls_session_get_data2
    ngtcp2_transport_params params;
  };
  ~QuicResumeStore();
  // The last ticket `server` issued, or nullptr.
  const Entry *find(const net::SocketAddress &server) const;
  void remember(const net::SocketAddress &server, const QByteArray &session,
                const ngtcp2_transport_params &params);
  void forget(const net::SocketAddress &server);

 private:
  static constexpr int kMaxServers = 16;  // a tunnel dials one name; its addresses are few
  QMap<QString, Entry> entries_;
};

// The server's half of resumption: the session-ticket key (in memory, new for each pool
// server, so tickets of an earlier run are refused and their early data with them) and
// GnuTLS's anti-replay check, backed by a bounded set of ClientHellos already seen, so that a
// replayed 0-RTT flight has its early data refused. It must never accept a ClientHello twice.
class QuicTicketIssuer final {
 public:
  QuicTicketIssuer();
  ~QuicTicketIssuer();
  QuicTicketIssuer(const QuicTicketIssuer &) = delete;
  QuicTicketIssuer &operator=(const QuicTicketIssuer &) = delete;
  bool isValid() const { return valid_; }
  // Readies a server session for tickets and early data.
  bool configure(gnutls_session_t session) const;
  // ClientHellos whose early data was refused as replays (or because the set was full).
  int refusedReplays() const { return refused_; }

 private:
  static int add(void *self, time_t expiry, const gnutls_datum_t *key, const gnutls_datum_t *);
  static constexpr int kMaxSeen = 65536;
  gnutls_datum_t key_{nullptr, 0};
  gnutls_anti_replay_t antiReplay_ = nullptr;
  QHash<QByteArray, time_t> seen_;
  int refused_ = 0;
  bool valid_ = false;
};

// One QUIC stream of the pool as a Stream.
class QuicStream final : public net::VirtualStream {
  Q_OBJECT
 public:
  QuicStream(QuicConnection *connection, qint64 id, QObject *parent = nullptr);
  ~QuicStream() override;
  net::SocketAddress peer() const override;
  net::SocketAddress local() const override;
  QByteArray peerCertificateDer() const override;
  QByteArray tlsExporter(const QByteArray &label, int length) const override;
  QuicConnection *quicConnection() const { return connection_; }

 protected:
  qint64 sendCapacity() const override;
  bool sendBytes(const char *data, qint64 len) override;
  void sendEof() override;
  void abortStream() override;
  void consumed(qint64 n) override;

 private:
  friend class QuicConnection;
  QPointer<QuicConnection> connection_;
  qint64 id_;
};

// The UDP socket a QUIC endpoint reads and writes (the server's bound one, or a client's
// connected one). It must never be shared across threads.
struct QuicSocket {
  int fd = -1;
  net::SocketAddress local;
};

// One QUIC connection, client or server side.
class QuicConnection final : public QObject {
  Q_OBJECT
 public:
  ~QuicConnection() override;
  // Client: starts the handshake to `remote` over a connected socket (owned).
  static QuicConnection *connectTo(int fd, const net::SocketAddress &remote,
                                   const PoolTransportConfig &config, QObject *parent,
                                   QString *error);
  // Server: a connection for the Initial packet `pkt` from `remote` (fd not owned).
  // `tickets` (optional, outlives the connection) issues session tickets and takes 0-RTT.
  static QuicConnection *accept(int fd, const net::SocketAddress &local,
                                const net::SocketAddress &remote, const uint8_t *pkt, size_t len,
                                gnutls_certificate_credentials_t cred,
                                const PoolTransportConfig &config, QObject *parent, QString *error,
                                const QuicTicketIssuer *tickets = nullptr);

  enum class EarlyData { NotTried, Accepted, Rejected };

  bool isAlive() const { return alive_; }
  bool isEstablished() const { return established_; }
  // Client: whether this connection sent 0-RTT data and the server took it (known once
  // established).
  EarlyData earlyData() const { return earlyData_; }
  // Both sides: whether the TLS session was resumed from a ticket (known once established).
  bool isResumed() const;
  // Server: stream bytes that arrived as 0-RTT early data.
  qint64 earlyBytesReceived() const { return earlyBytes_; }
  // Feeds one datagram that arrived for this connection and answers it.
  void receive(const uint8_t *data, size_t len, const net::SocketAddress &from);
  // Feeds one datagram from `from` (a sockaddr of `fromLen` bytes) without writing: a reader of
  // a batch calls flush() once after its last datagram, so one ACK covers the batch.
  void readPacket(const uint8_t *data, size_t len, const void *from, unsigned fromLen);
  // Writes what ngtcp2 has to send (ACKs, stream data, timers' packets) in one UDP batch.
  void flush();
  // Client: opens a stream with its 0x00 queued, or nullptr when the peer's stream limit is
  // reached for now (streamCredit() announces more).
  QuicStream *openStream();
  QList<QByteArray> connectionIds() const;
  net::SocketAddress remote() const { return remote_; }
  net::SocketAddress local() const { return local_; }
  QByteArray peerCertificateDer() const;
  QByteArray tlsExporter(const QByteArray &label, int length) const;

  // for QuicStream
  qint64 capacity(qint64 id) const;
  void send(qint64 id, const char *data, qint64 len);
  void sendEof(qint64 id);
  void release(qint64 id);
  void consume(qint64 id, qint64 n);

 Q_SIGNALS:
  void established();
  void streamReady(QuicStream *stream);  // server: a stream whose 0x00 arrived
  void streamCredit();                   // client: more streams may be opened
  void died(const QString &reason);
  void connectionIdAdded(const QByteArray &cid);
  void connectionIdRemoved(const QByteArray &cid);

 private:
  struct Slot {
    QuicStream *owner = nullptr;
    QByteArray buf;    // unacknowledged and unsent bytes, from stream offset `base`
    quint64 base = 0;  // stream offset of buf[0]
    quint64 sent = 0;  // stream offset of the next byte to send
    bool eofQueued = false;
    bool finSent = false;
    bool peerEof = false;
    bool handshakeSeen = false;  // server: the client's 0x00 arrived
  };

  QuicConnection(int fd, bool ownsFd, bool server, const PoolTransportConfig &config,
                 QObject *parent);
  bool setUpTls(gnutls_certificate_credentials_t cred, const QuicTicketIssuer *tickets,
                QString *error);
  bool startEarlyData();
  void offerStream(qint64 id);
  void scheduleFlush();
  void armTimer();
  void onTimer();
  void onSocketReadable();
  bool sendPacket(const uint8_t *data, size_t len);
  bool sendQueued();
  void die(const QString &reason);
  void closeWith(const QString &reason);

  static int onRecvStreamData(ngtcp2_conn *, uint32_t flags, int64_t id, uint64_t offset,
                              const uint8_t *data, size_t len, void *user, void *);
  static int onAcked(ngtcp2_conn *, int64_t id, uint64_t offset, uint64_t len, void *user, void *);
  static int onStreamOpen(ngtcp2_conn *, int64_t id, void *user);
  static int onStreamClose(ngtcp2_conn *, uint32_t flags, int64_t id, uint64_t code, void *user,
                           void *);
  static int onStreamReset(ngtcp2_conn *, int64_t id, uint64_t size, uint64_t code, void *user,
                           void *);
  static int onExtendStreams(ngtcp2_conn *, uint64_t max, void *user);
  static int onExtendStreamData(ngtcp2_conn *, int64_t id, uint64_t max, void *user, void *);
  static int onHandshakeCompleted(ngtcp2_conn *, void *user);
  static int onNewConnectionId(ngtcp2_conn *, ngtcp2_cid *cid, uint8_t *token, size_t len,
                               void *user);
  static int onRemoveConnectionId(ngtcp2_conn *, const ngtcp2_cid *cid, void *user);
  static ngtcp2_conn *connFromRef(ngtcp2_crypto_conn_ref *ref);
  static int onTicket(gnutls_session_t session, unsigned type, unsigned when, unsigned incoming,
                      const gnutls_datum_t *msg);

  int fd_;
  bool ownsFd_;
  bool server_;
  PoolTransportConfig config_;
  ngtcp2_conn *conn_ = nullptr;
  gnutls_session_t tls_ = nullptr;
  gnutls_certificate_credentials_t clientCred_ = nullptr;
  ngtcp2_crypto_conn_ref ref_;
  net::SocketAddress local_;
  net::SocketAddress remote_;
  sockaddr_storage localSa_;
  sockaddr_storage remoteSa_;
  unsigned localLen_ = 0;
  unsigned remoteLen_ = 0;
  QHash<qint64, Slot> slots_;
  QList<qint64> sendable_;                   // streams with bytes or a FIN to send, round robin
  std::shared_ptr<QuicResumeStore> resume_;  // client: tickets of the tunnel's servers
  bool ticketsIssued_ = false;               // server: sends a session ticket once established
  bool earlyTried_ = false;                  // client: resumes with a ticket, 0-RTT
  QuicStream *earlyStream_ = nullptr;        // client: the 0-RTT stream, not handed out yet
  EarlyData earlyData_ = EarlyData::NotTried;
  qint64 earlyBytes_ = 0;
  // Server: streams whose 0x00 came as early data, handed out only once the handshake is
  // complete (a replayed 0-RTT flight never completes one).
  QList<qint64> held_;
  QSocketNotifier *readNotifier_ = nullptr;
  QSocketNotifier *writeNotifier_ = nullptr;
  net::UdpSender sender_;                       // packets written, not yet taken by the socket
  std::unique_ptr<net::UdpReceiver> receiver_;  // client: reads its connected socket
  QTimer timer_;
  ngtcp2_tstamp armedExpiry_ = 0;  // the expiry timer_ runs for (no re-arm when unchanged)
  bool alive_ = true;
  bool established_ = false;
  bool flushing_ = false;
  bool flushScheduled_ = false;
  int inLibrary_ = 0;
};

class QuicPoolServer final : public PoolServerTransport {
  Q_OBJECT
 public:
  QuicPoolServer(PoolTransportConfig config, QObject *parent);
  ~QuicPoolServer() override;
  bool start(QString *error) override;
  void takeConnection(net::SocketStream *conn) override { delete conn; }
  bool usesTcpListener() const override { return false; }
  // The UDP address it listens on (the port, when started with port 0).
  net::SocketAddress localAddress() const { return local_; }
  // ClientHellos whose 0-RTT data was refused as replays.
  int refusedReplays() const { return tickets_.refusedReplays(); }

 private:
  void onReadable();
  // A datagram for no known connection: a new one when it is an Initial from an allowed peer.
  void acceptInitial(const uint8_t *buf, size_t n, const net::SocketAddress &from,
                     const QByteArray &dcid);
  PoolTransportConfig config_;
  int fd_ = -1;
  net::SocketAddress local_;
  QSocketNotifier *notifier_ = nullptr;
  std::unique_ptr<net::UdpReceiver> receiver_;
  gnutls_certificate_credentials_t cred_ = nullptr;
  QuicTicketIssuer tickets_;
  QHash<QByteArray, QPointer<QuicConnection>> byCid_;
};

class QuicPoolClient final : public PoolClientTransport {
  Q_OBJECT
 public:
  QuicPoolClient(PoolTransportConfig config, QObject *parent);
  void openSlot(SlotDone done) override;

 private:
  void connectSession();
  void serveWaiting(const QString &error);

  PoolTransportConfig config_;
  QPointer<QuicConnection> connection_;
  bool connecting_ = false;
  QList<SlotDone> waiting_;
};

}  // namespace routeless::nodepass
