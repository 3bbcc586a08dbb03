#pragma once
// The relay ("poor man's VPN / port-forward router"): devices dial in over WebSocket and
// authenticate with a token in a `control` hello; public TCP listeners hand each client to a
// device, chosen by listener port or by the TLS SNI / HTTP Host name the client sends. It
// never logs a token and never listens beyond 127.0.0.1 unless told to.

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

#include "mproxy/muxsession.h"

class QWebSocketServer;

namespace routeless::mproxy {

class TcpChannel;
class TcpListener;

// A public TCP listener of the relay.
struct RelayListener {
  QHostAddress address{QHostAddress::LocalHost};
  quint16 port = 0;     // 0: any free port (see RelayServer::listenerPorts())
  QString device;       // port routing: every client goes here; by name: the fallback
  bool byName = false;  // route by TLS SNI / HTTP Host to the device that announced the name
};

// A token a device may present in its hello; never logged.
struct RelayToken {
  QByteArray secret;
  QString device;  // empty: any device name; otherwise only this one
};

// Everything a relay needs.
struct RelayConfig {
  QHostAddress linkAddress{QHostAddress::LocalHost};
  quint16 linkPort = 0;
  QList<RelayToken> tokens;
  QString certFile;  // with keyFile: device links are wss:// (TLS via OpenSSL)
  QString keyFile;
  QList<RelayListener> listeners;
  MuxLimits limits;
  int helloTimeoutMs = 10000;
  int sniffTimeoutMs = 5000;
  int sniffMaxBytes = 20 * 1024;
  int maxUnauthenticatedLinks = 64;
  int maxPendingClients = 1024;  // by-name clients still being sniffed
  bool verbose = false;          // one log line per client
};

// The relay engine: the WebSocket endpoint for devices, the public listeners and the routing
// table between them. It keeps token digests only and never routes to an unauthenticated link.
class RelayServer final : public QObject {
  Q_OBJECT
 public:
  // `counters` must outlive the server.
  RelayServer(const RelayConfig &config, MuxCounters *counters, QObject *parent = nullptr);
  ~RelayServer() override;

  // Binds the link endpoint and the public listeners (call on the server's thread).
  bool start(QString *error);
  void stop();

  quint16 linkPort() const;
  QList<quint16> listenerPorts() const;  // in the order of RelayConfig::listeners
  bool isSecure() const { return m_secure; }
  QStringList deviceNames() const { return m_devices.keys(); }

  // Constant-time token check (SHA-256 of both sides compared with net::constantTimeEquals, every
  // configured token compared): does `token` allow a device called `device`?
  bool tokenAccepted(QByteArrayView token, const QString &device) const;

 Q_SIGNALS:
  void log(const QString &line);
  void deviceLinked(const QString &name);
  void deviceUnlinked(const QString &name, const QString &reason);

 private:
  class DeviceSession;
  class PendingClient;
  friend class DeviceSession;
  friend class PendingClient;

  void onLinkConnection();
  void onPublicConnection(int listenerIndex, qintptr fd);
  void registerDevice(DeviceSession *session, const QString &name, const QStringList &names);
  void onSessionClosed(DeviceSession *session, const QString &reason);
  DeviceSession *route(const RelayListener &listener, const QString &name) const;
  void attachClient(TcpChannel *channel, int listenerIndex, const QString &name,
                    const QString &protocol, const QByteArray &initial);

  RelayConfig m_config;
  MuxCounters *m_counters;
  QList<QPair<QByteArray, QString>> m_tokenDigests;  // SHA-256, device (empty: any)
  qint64 m_lastRefusalLog = 0;                       // rate limit for per-client refusals
  int m_refusalsNotLogged = 0;
  QWebSocketServer *m_linkServer = nullptr;
  QList<TcpListener *> m_listeners;
  QHash<QString, DeviceSession *> m_devices;            // by device name
  QList<QPair<QString, DeviceSession *>> m_hostRoutes;  // announced names / *.patterns
  QList<DeviceSession *> m_sessions;                    // every link, authenticated or not
  int m_pendingClients = 0;
  bool m_secure = false;
};

}  // namespace routeless::mproxy
