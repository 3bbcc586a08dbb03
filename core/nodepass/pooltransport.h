#pragma once
// Pool transports: how one pool slot (a byte stream named by a 4-byte ID) is carried between the
// client and the server — a TCP connection (type 0), a QUIC stream (1), a WebSocket (2) or an
// HTTP/2 POST /stream (3). The runtime writes/reads the ID and runs the control channel, the
// handshake proofs and sessions over the streams these yield; a transport must never look at
// the bytes of a slot after it has handed it out.
#include <openssl/ssl.h>

#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>

#include "net/socketstream.h"
#include "tunnelurl.h"

namespace routeless::nodepass {

class Logger;
class QuicResumeStore;
class TargetDialer;
class TlsServerContext;

enum class PoolType { Tcp = 0, Quic = 1, WebSocket = 2, Http2 = 3 };

// Everything a transport needs from its runtime, fixed for one handshake cycle.
struct PoolTransportConfig {
  PoolType type = PoolType::Tcp;
  int tls = 0;
  int maxSlots = 1024;     // the server's max: concurrent streams / idle slots
  int keepAliveMs = 5000;  // NodePass's report interval: keep-alive, idle timeout x3
  int handshakeMs = 5000;  // TLS / upgrade / first-byte deadline for a new slot
  const Logger *log = nullptr;

  // server
  TlsServerContext *serverTls = nullptr;  // tls > 0
  QHostAddress listenAddress;             // QUIC binds UDP here, on `listenPort`
  quint16 listenPort = 0;
  // The handshake client's IP may use the pool; an idle pool at its max takes no more.
  std::function<bool(const QHostAddress &)> peerAllowed;
  std::function<bool()> poolFull;

  // client
  SSL_CTX *clientTls = nullptr;  // tls > 0 (TCP, WebSocket, HTTP/2)
  HostPort tunnel;               // the server as the URL names it
  QString sni;                   // TLS server name / :authority ("none" for IP literals)
  TargetDialer *tunnelDialer = nullptr;
  // QUIC: session tickets for resumption and 0-RTT, kept by the runtime for the tunnel's life
  // (none: every connection makes a full handshake).
  std::shared_ptr<QuicResumeStore> quicResume;
};

// Server side: takes the TCP connections the tunnel port accepts after the handshake (or listens
// on UDP itself for QUIC) and yields ready slots on which the runtime writes the ID.
class PoolServerTransport : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  // Binds what the transport needs beyond the tunnel's TCP listener (QUIC: the UDP socket).
  virtual bool start(QString *error) {
    Q_UNUSED(error);
    return true;
  }
  // Takes ownership of one connection accepted on the tunnel port.
  virtual void takeConnection(net::SocketStream *conn) = 0;
  // False for QUIC: TCP connections on the tunnel port are not part of its pool.
  virtual bool usesTcpListener() const { return true; }

 Q_SIGNALS:
  // A new slot, ready for its ID; the receiver owns it.
  void slotReady(net::Stream *slot);
};

// Client side: opens slots; the runtime reads the ID from each.
class PoolClientTransport : public QObject {
  Q_OBJECT
 public:
  using SlotDone = std::function<void(net::Stream *slot, const QString &error)>;
  using QObject::QObject;
  // One new slot, or nullptr and the reason. `done` is never called after the transport died.
  virtual void openSlot(SlotDone done) = 0;
};

// The transport for `config.type` (its parent is `parent`, one handshake cycle).
PoolServerTransport *makePoolServerTransport(const PoolTransportConfig &config, QObject *parent);
PoolClientTransport *makePoolClientTransport(const PoolTransportConfig &config, QObject *parent);

// An empty ticket store for a client's QUIC pools (PoolTransportConfig::quicResume).
std::shared_ptr<QuicResumeStore> makeQuicResumeStore();

// "TCP", "QUIC", "WebSocket", "HTTP/2".
QString poolTypeName(int type);

}  // namespace routeless::nodepass
