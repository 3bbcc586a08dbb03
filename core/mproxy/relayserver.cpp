#include "mproxy/relayserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include "mproxy/jsontext.h"
#include "mproxy/relaydevice.h"
#include "mproxy/servername.h"
#include "mproxy/tcpchannel.h"
#include "mproxy/unpacker.h"
#include "net/secretcompare.h"

namespace routeless::mproxy {
namespace {

QString peerOf(const QWebSocket *ws) {
  return QStringLiteral("%1:%2").arg(ws->peerAddress().toString()).arg(ws->peerPort());
}

// A name a device may announce: a host name, or "*." followed by one.
QString normalizeAnnounced(const QString &name) {
  if (name.startsWith(QLatin1String("*."))) {
    const QString rest = normalizeHostName(QStringView(name).sliced(2));
    return rest.isEmpty() ? QString() : QStringLiteral("*.") + rest;
  }
  return normalizeHostName(name);
}

bool loadKey(const QString &path, QSslKey *key, QString *error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read key %1: %2").arg(path, f.errorString());
    return false;
  }
  const QByteArray pem = f.readAll();
  for (QSsl::KeyAlgorithm alg : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
    QSslKey k(pem, alg, QSsl::Pem, QSsl::PrivateKey);
    if (!k.isNull()) {
      *key = k;
      return true;
    }
  }
  *error = QStringLiteral("%1 holds no PEM private key Qt can use (RSA, EC or DSA)").arg(path);
  return false;
}

}  // namespace

// One device link on the relay. Until its hello is accepted it may send only control frames.
class RelayServer::DeviceSession final : public MuxSession {
 public:
  DeviceSession(QWebSocket *ws, RelayServer *server)
      : MuxSession(ws, server->m_config.limits, server->m_counters, server),
        m_server(server),
        m_peer(peerOf(ws)) {
    m_helloTimer.setSingleShot(true);
    QObject::connect(&m_helloTimer, &QTimer::timeout, this, [this] {
      refuse(QStringLiteral("no hello within %1 ms").arg(m_server->m_config.helloTimeoutMs));
    });
    m_helloTimer.start(server->m_config.helloTimeoutMs);
  }

  bool ready() const { return m_ready; }
  const QString &name() const { return m_name; }
  const QString &peer() const { return m_peer; }

 protected:
  bool framesAllowed() const override { return m_ready; }

  void controlReceived(const QByteArray &body) override {
    JsValue msg;
    if (!parseJson(decodeUtf8Lossy(body), &msg) || msg.type != JsValue::Array ||
        msg.items.empty()) {
      if (!m_ready) refuse(QStringLiteral("malformed control message"));
      return;
    }
    if (m_ready) return;  // nothing else is defined after the hello
    // [id, "hello", 254, {"name": ..., "token": ..., "names": [...]}]
    const auto &it = msg.items;
    const JsValue *opts = it.size() >= 4 ? &it[3] : nullptr;
    if (it.size() < 4 || it[1].type != JsValue::String || it[1].string != QLatin1String("hello") ||
        opts->type != JsValue::Object) {
      refuse(QStringLiteral("malformed hello"));
      return;
    }
    const JsValue *name = opts->member(QStringLiteral("name"));
    const QString deviceName = name && name->type == JsValue::String ? name->string : QString();
    const JsValue *token = opts->member(QStringLiteral("token"));
    if (!token || token->type != JsValue::String ||
        !m_server->tokenAccepted(token->string.toUtf8(), deviceName)) {
      refuse(QStringLiteral("bad token"));
      return;
    }
    if (!isValidDeviceName(deviceName)) {
      refuse(QStringLiteral("bad device name (1-64 of A-Z a-z 0-9 . _ -)"));
      return;
    }
    QStringList names;
    if (const JsValue *list = opts->member(QStringLiteral("names"));
        list && list->type == JsValue::Array) {
      for (const JsValue &n : list->items) {
        const QString norm = n.type == JsValue::String ? normalizeAnnounced(n.string) : QString();
        if (norm.isEmpty()) {
          refuse(QStringLiteral("bad announced host name"));
          return;
        }
        names << norm;
      }
    }
    m_helloTimer.stop();
    m_ready = true;
    m_name = name->string;
    sendControl("[" + stringify(it[0]) + ",\"hello\",254,{\"name\":" + quoteJson(m_name) + "}]");
    m_server->registerDevice(this, m_name, names);
  }

  void connectionReceived(const FrameHeader &h) override {
    // Devices do not open connections towards the relay's clients.
    if (!m_warnedConnection)
      Q_EMIT m_server->log(QStringLiteral("relay: device \"%1\" sent a connection frame for %2; "
                                          "ignored")
                               .arg(m_name, h.id()));
    m_warnedConnection = true;
  }

 private:
  void refuse(const QString &why) {
    m_helloTimer.stop();
    m_server->m_counters->linksRefused.fetch_add(1, std::memory_order_relaxed);
    Q_EMIT m_server->log(QStringLiteral("relay: device link from %1 refused: %2").arg(m_peer, why));
    sendControl(QByteArrayLiteral("[-1,\"[Error] bad hello\"]"));
    closeGracefully(QStringLiteral("bad hello"));
  }

  RelayServer *m_server;
  QString m_peer;
  QString m_name;
  QTimer m_helloTimer;
  bool m_ready = false;
  bool m_warnedConnection = false;
};

// A client on a by-name listener, until its first bytes name a host. Those bytes are kept
// and go to the device first, untouched.
class RelayServer::PendingClient final : public QObject {
 public:
  PendingClient(RelayServer *server, TcpChannel *channel, int listener)
      : QObject(server), m_server(server), m_channel(channel), m_listener(listener) {
    ++m_server->m_pendingClients;
    m_channel->setParent(this);
    connect(m_channel, &TcpChannel::readable, this, &PendingClient::look);
    connect(m_channel, &TcpChannel::failed, this, &QObject::deleteLater);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { decide(QString(), QStringLiteral("tcp")); });
    m_timer.start(server->m_config.sniffTimeoutMs);
  }
  ~PendingClient() override {
    if (m_alive) --m_server->m_pendingClients;  // not while the server itself is being destroyed
  }

 private:
  void look() {
    if (m_decided) return;
    const qint64 max = m_server->m_config.sniffMaxBytes;
    char buf[4096];
    while (m_head.size() < max) {
      const qint64 got = m_channel->read(buf, qMin<qint64>(sizeof buf, max - m_head.size()));
      if (got > 0) {
        m_head.append(buf, got);
        continue;
      }
      if (got == 0) break;                // nothing more for now
      if (!m_channel->readEof()) return;  // failed: deleteLater is on its way
      // The client said all it will say; route it with what there is, FIN included.
      const ServerNameSniff s = sniffServerName(m_head);
      decide(s.name, s.protocol.isEmpty() ? QStringLiteral("tcp") : s.protocol);
      return;
    }
    const ServerNameSniff s = sniffServerName(m_head);
    if (s.status == ServerNameSniff::Done)
      decide(s.name, s.protocol);
    else if (m_head.size() >= max)
      decide(QString(), s.protocol.isEmpty() ? QStringLiteral("tcp") : s.protocol);
  }

  void decide(const QString &name, const QString &protocol) {
    if (m_decided) return;
    m_decided = true;
    m_timer.stop();
    m_channel->disconnect(this);
    m_channel->setParent(nullptr);
    m_server->attachClient(m_channel, m_listener, name, protocol, m_head);
    deleteLater();
  }

  RelayServer *m_server;
  QPointer<RelayServer> m_alive{m_server};
  TcpChannel *m_channel;
  int m_listener;
  QByteArray m_head;
  QTimer m_timer;
  bool m_decided = false;
};

RelayServer::RelayServer(const RelayConfig &config, MuxCounters *counters, QObject *parent)
    : QObject(parent), m_config(config), m_counters(counters) {
  for (const RelayToken &t : m_config.tokens)
    m_tokenDigests.append(
        {QCryptographicHash::hash(t.secret, QCryptographicHash::Sha256), t.device});
  m_config.tokens.clear();  // only digests are kept
}

RelayServer::~RelayServer() { stop(); }

bool RelayServer::tokenAccepted(QByteArrayView token, const QString &device) const {
  if (token.isEmpty()) return false;
  const QByteArray digest = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
  bool ok = false;
  for (const auto &[d, only] : m_tokenDigests) {  // every entry is compared, match or not
    const bool same = net::constantTimeEquals(d, digest);
    ok |= same && (only.isEmpty() || only == device);
  }
  return ok;
}

bool RelayServer::start(QString *error) {
  m_secure = !m_config.certFile.isEmpty() || !m_config.keyFile.isEmpty();
  if (m_tokenDigests.isEmpty()) {
    *error = QStringLiteral("no device token configured");
    return false;
  }
  m_linkServer = new QWebSocketServer(
      QStringLiteral("routeless-relay"),
      m_secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
  if (m_secure) {
    if (m_config.certFile.isEmpty() || m_config.keyFile.isEmpty()) {
      *error = QStringLiteral("TLS needs both a certificate and a key");
      return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(m_config.certFile);
    if (chain.isEmpty()) {
      *error = QStringLiteral("no PEM certificate in %1").arg(m_config.certFile);
      return false;
    }
    QSslKey key;
    if (!loadKey(m_config.keyFile, &key, error)) return false;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);  // devices prove themselves with the token
    m_linkServer->setSslConfiguration(tls);
  }
  connect(m_linkServer, &QWebSocketServer::newConnection, this, &RelayServer::onLinkConnection);
  if (!m_linkServer->listen(m_config.linkAddress, m_config.linkPort)) {
    *error = QStringLiteral("cannot listen for device links on %1:%2: %3")
                 .arg(m_config.linkAddress.toString())
                 .arg(m_config.linkPort)
                 .arg(m_linkServer->errorString());
    return false;
  }
  for (int i = 0; i < m_config.listeners.size(); ++i) {
    const RelayListener &l = m_config.listeners[i];
    auto *server = new TcpListener(this);
    if (!server->listen(l.address, l.port)) {
      *error = QStringLiteral("cannot listen on %1:%2: %3")
                   .arg(l.address.toString())
                   .arg(l.port)
                   .arg(server->errorString());
      return false;
    }
    connect(server, &TcpListener::accepted, this,
            [this, i](qintptr fd) { onPublicConnection(i, fd); });
    m_listeners << server;
  }
  return true;
}

void RelayServer::stop() {
  if (m_linkServer) m_linkServer->close();
  for (TcpListener *s : std::as_const(m_listeners)) s->close();
  const QList<DeviceSession *> sessions = m_sessions;
  for (DeviceSession *s : sessions) s->close(QStringLiteral("relay stopping"));
}

quint16 RelayServer::linkPort() const { return m_linkServer ? m_linkServer->serverPort() : 0; }

QList<quint16> RelayServer::listenerPorts() const {
  QList<quint16> ports;
  for (const TcpListener *s : m_listeners) ports << s->serverPort();
  return ports;
}

void RelayServer::onLinkConnection() {
  while (m_linkServer->hasPendingConnections()) {
    QWebSocket *ws = m_linkServer->nextPendingConnection();
    int unauthenticated = 0;
    for (const DeviceSession *s : std::as_const(m_sessions)) unauthenticated += !s->ready();
    if (unauthenticated >= m_config.maxUnauthenticatedLinks) {
      Q_EMIT log(
          QStringLiteral("relay: too many links without a hello; refusing %1").arg(peerOf(ws)));
      ws->abort();
      ws->deleteLater();
      continue;
    }
    auto *session = new DeviceSession(ws, this);
    m_sessions << session;
    connect(session, &MuxSession::closed, this,
            [this, session](const QString &reason) { onSessionClosed(session, reason); });
  }
}

void RelayServer::registerDevice(DeviceSession *session, const QString &name,
                                 const QStringList &names) {
  if (DeviceSession *old = m_devices.value(name); old && old != session) {
    // The device reconnected before this side noticed the old link die.
    old->close(QStringLiteral("replaced by a new link for device \"%1\"").arg(name));
  }
  m_devices.insert(name, session);
  for (const QString &n : names) {
    for (qsizetype i = m_hostRoutes.size() - 1; i >= 0; --i) {
      if (m_hostRoutes[i].first != n) continue;
      if (m_hostRoutes[i].second->name() != name)
        Q_EMIT log(QStringLiteral("relay: \"%1\" moves from device \"%2\" to \"%3\"")
                       .arg(n, m_hostRoutes[i].second->name(), name));
      m_hostRoutes.removeAt(i);  // the newest claim wins
    }
    m_hostRoutes.append({n, session});
  }
  m_counters->linksUp.fetch_add(1, std::memory_order_relaxed);
  Q_EMIT log(QStringLiteral("relay: device \"%1\" linked from %2%3")
                 .arg(name, session->peer(),
                      names.isEmpty() ? QString()
                                      : QStringLiteral(" (names: %1)").arg(names.join(u", "))));
  Q_EMIT deviceLinked(name);
}

void RelayServer::onSessionClosed(DeviceSession *session, const QString &reason) {
  m_sessions.removeAll(session);
  for (qsizetype i = m_hostRoutes.size() - 1; i >= 0; --i)
    if (m_hostRoutes[i].second == session) m_hostRoutes.removeAt(i);
  if (session->ready() && m_devices.value(session->name()) == session) {
    m_devices.remove(session->name());
    m_counters->linksDown.fetch_add(1, std::memory_order_relaxed);
    Q_EMIT log(QStringLiteral("relay: device \"%1\" unlinked: %2").arg(session->name(), reason));
    Q_EMIT deviceUnlinked(session->name(), reason);
  }
  session->deleteLater();
}

RelayServer::DeviceSession *RelayServer::route(const RelayListener &listener,
                                               const QString &name) const {
  if (listener.byName && !name.isEmpty()) {
    for (const auto &r : m_hostRoutes)
      if (r.first == name) return r.second;
    DeviceSession *best = nullptr;
    qsizetype bestLen = -1;
    for (const auto &r : m_hostRoutes) {
      if (r.first.startsWith(QLatin1String("*.")) && hostNameMatches(r.first, name) &&
          r.first.size() > bestLen) {
        best = r.second;
        bestLen = r.first.size();
      }
    }
    if (best) return best;
  }
  return listener.device.isEmpty() ? nullptr : m_devices.value(listener.device);
}

void RelayServer::onPublicConnection(int index, qintptr fd) {
  TcpChannel *channel = TcpChannel::adopt(fd);
  if (m_config.listeners[index].byName && m_pendingClients >= m_config.maxPendingClients) {
    // Clients that name nothing yet hold a sniff buffer each: their number is bounded.
    m_counters->clientsRefused.fetch_add(1, std::memory_order_relaxed);
    channel->abort();
    delete channel;
  } else if (m_config.listeners[index].byName) {
    new PendingClient(this, channel, index);
  } else
    attachClient(channel, index, QString(), QStringLiteral("tcp"), QByteArray());
}

void RelayServer::attachClient(TcpChannel *channel, int index, const QString &name,
                               const QString &protocol, const QByteArray &initial) {
  const RelayListener &l = m_config.listeners[index];
  Tun tun = socketToTun(channel->peerAddress(), channel->peerPort(), channel->localPort());
  tun.service = protocol;
  tun.name = name;
  DeviceSession *session = route(l, name);
  QString error;
  if (!session) {
    error = l.byName ? QStringLiteral("no device serves \"%1\"").arg(name)
                     : QStringLiteral("device \"%1\" is not linked").arg(l.device);
    m_counters->clientsRefused.fetch_add(1, std::memory_order_relaxed);
    channel->abort();
    channel->deleteLater();
  } else if (session->addStream(channel, tun, /*announce=*/true, initial, &error)) {
    if (m_config.verbose)
      Q_EMIT log(QStringLiteral("relay: client %1 on port %2 -> device \"%3\"%4")
                     .arg(addrToId(tun), tun.serviceport, session->name(),
                          name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(name)));
    return;
  }
  // At most one line a second, so that a flood of clients cannot flood the log.
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  if (!m_config.verbose && now - m_lastRefusalLog < 1000) {
    ++m_refusalsNotLogged;
    return;
  }
  const QString more =
      m_refusalsNotLogged
          ? QStringLiteral(" (%1 more refused since the last line)").arg(m_refusalsNotLogged)
          : QString();
  m_lastRefusalLog = now;
  m_refusalsNotLogged = 0;
  Q_EMIT log(QStringLiteral("relay: client %1 on port %2 refused: %3%4")
                 .arg(addrToId(tun), tun.serviceport, error, more));
}

}  // namespace routeless::mproxy
