#include "mesh/bridge_local.h"

#include <fcntl.h>

#include <QtDebug>

#include "net/pump.h"
#include "net/sockets.h"
#include "net/socketstream.h"

namespace routeless::mesh {

LocalForward::LocalForward(QObject *parent)
    : QObject(parent), m_listener([this](qintptr fd) { onAccepted(fd); }), m_dns(60 * 1000) {
  m_listener.setParent(this);
  m_dns.setParent(this);
}

bool LocalForward::listen(const QHostAddress &address, quint16 port, const QString &connectHost,
                          quint16 connectPort, QString *error) {
  m_connectHost = connectHost;
  m_connectPort = connectPort;
  return m_listener.listenOn(address, port, error);
}

void LocalForward::onAccepted(qintptr fd) {
  // QTcpServer hands over a blocking descriptor; Stream needs a non-blocking one.
  fcntl(int(fd), F_SETFL, fcntl(int(fd), F_GETFL) | O_NONBLOCK);
  auto *client = new net::SocketStream(int(fd), false, this);
  m_dns.resolve(m_connectHost, [this, client](const QList<QHostAddress> &addresses,
                                              const QString &error) {
    const QString target = QStringLiteral("%1:%2").arg(m_connectHost).arg(m_connectPort);
    if (addresses.isEmpty()) {
      qWarning("local forward: cannot resolve %s: %s", qPrintable(target), qPrintable(error));
      client->deleteLater();  // closes: the client sees an accepted connection end
      return;
    }
    QString why;
    const int sfd = net::connectTcp(addresses.first(), m_connectPort, QHostAddress(), &why);
    if (sfd < 0) {
      qWarning("local forward: connect to %s: %s", qPrintable(target), qPrintable(why));
      client->deleteLater();
      return;
    }
    auto *server = new net::SocketStream(sfd, true, this);
    connect(server, &net::Stream::failed, this, [client, server, target](const QString &reason) {
      qWarning("local forward: connect to %s: %s", qPrintable(target), qPrintable(reason));
      client->deleteLater();
      server->deleteLater();
    });
    connect(server, &net::Stream::ready, this, [this, client, server] {
      server->disconnect(this);
      net::setNoDelay(client->fd());
      net::setNoDelay(server->fd());
      auto *pump = new net::Pump(client, server, net::Pump::Options(), this);
      connect(pump, &net::Pump::finished, this, [pump](const QString &reason) {
        qDebug("local forward: %s", qPrintable(reason));
        pump->deleteLater();
      });
      pump->start();
    });
  });
}

}  // namespace routeless::mesh
