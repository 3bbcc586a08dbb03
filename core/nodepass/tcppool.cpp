#include "tcppool.h"

#include <QPointer>
#include <QTimer>

#include "logger.h"
#include "targetdialer.h"
#include "tlscontext.h"

namespace routeless::nodepass {

TcpPoolServer::TcpPoolServer(PoolTransportConfig config, QObject *parent)
    : PoolServerTransport(parent), config_(std::move(config)) {}

void TcpPoolServer::takeConnection(net::SocketStream *conn) {
  conn->setParent(this);
  const net::SocketAddress peer = conn->peer();
  if (config_.peerAllowed && !config_.peerAllowed(peer.address)) {
    config_.log->debug(QStringLiteral("Pool connection from %1 refused: not the handshake client")
                           .arg(peer.toString()));
    conn->deleteLater();
    return;
  }
  if (config_.poolFull && config_.poolFull()) {
    conn->deleteLater();
    return;
  }
  net::setKeepAlive(conn->fd(), qMax(1, config_.keepAliveMs / 1000));
  net::setNoDelay(conn->fd());
  if (config_.tls == 0) {
    Q_EMIT slotReady(conn);
    return;
  }
  auto *timer = new QTimer(conn);
  timer->setSingleShot(true);
  connect(timer, &QTimer::timeout, conn, [conn] { conn->deleteLater(); });
  timer->start(config_.handshakeMs);
  connect(conn, &net::Stream::failed, conn, [this, conn](const QString &why) {
    config_.log->debug(QStringLiteral("Pool connection: %1").arg(why));
    conn->deleteLater();
  });
  connect(conn, &net::Stream::ready, this, [this, conn, timer] {
    delete timer;
    disconnect(conn, nullptr, conn, nullptr);
    disconnect(conn, &net::Stream::ready, this, nullptr);
    Q_EMIT slotReady(conn);
  });
  conn->startTls(config_.serverTls->context(), true, QByteArray(), false);
}

TcpPoolClient::TcpPoolClient(PoolTransportConfig config, QObject *parent)
    : PoolClientTransport(parent), config_(std::move(config)) {}

void TcpPoolClient::openSlot(SlotDone done) {
  QPointer<TcpPoolClient> self(this);
  config_.tunnelDialer->dialTcp(
      config_.handshakeMs, [self, done](net::SocketStream *conn, const QString &error) {
        if (!self) {
          delete conn;
          return;
        }
        if (!conn) return done(nullptr, error);
        const PoolTransportConfig &c = self->config_;
        net::setKeepAlive(conn->fd(), qMax(1, c.keepAliveMs / 1000));
        net::setNoDelay(conn->fd());
        if (c.tls == 0) return done(conn, QString());
        conn->setParent(self);
        auto finished = std::make_shared<bool>(false);
        auto *timer = new QTimer(conn);
        timer->setSingleShot(true);
        auto finish = [self, conn, done, finished, timer](const QString &why) {
          if (*finished) return;
          *finished = true;
          timer->deleteLater();
          QObject::disconnect(conn, nullptr, self, nullptr);
          if (!why.isEmpty()) {
            conn->deleteLater();
            return done(nullptr, why);
          }
          conn->setParent(nullptr);
          done(conn, QString());
        };
        QObject::connect(timer, &QTimer::timeout, self,
                         [finish] { finish(QStringLiteral("TLS handshake timeout")); });
        QObject::connect(conn, &net::Stream::failed, self, finish);
        QObject::connect(conn, &net::Stream::ready, self, [finish] { finish(QString()); });
        timer->start(c.handshakeMs);
        conn->startTls(c.clientTls, false, c.sni.toUtf8(), c.tls == 2);
      });
}

}  // namespace routeless::nodepass
