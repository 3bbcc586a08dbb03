#include "singleinstance.h"

#include <QCryptographicHash>
#include <QLocalSocket>

namespace routeless::desktop {

SingleInstance::SingleInstance(const QString &configDir, QObject *parent) : QObject(parent) {
  const QByteArray hash =
      QCryptographicHash::hash(configDir.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
  m_name = QStringLiteral("routeless-%1").arg(QString::fromLatin1(hash));
  m_server.setSocketOptions(QLocalServer::UserAccessOption);
  connect(&m_server, &QLocalServer::newConnection, this, [this] {
    while (QLocalSocket *s = m_server.nextPendingConnection()) {
      connect(s, &QLocalSocket::readyRead, s, [this, s] {
        if (s->readAll().contains("show")) Q_EMIT activationRequested();
        s->write("ok\n");
        s->flush();
        s->disconnectFromServer();
      });
      connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
    }
  });
}

bool SingleInstance::claim() {
  QLocalSocket probe;
  probe.connectToServer(m_name);
  if (probe.waitForConnected(500)) {
    probe.write("show\n");
    probe.flush();
    probe.waitForReadyRead(1000);
    return false;
  }
  // Nobody answered: a stale socket from a crash may remain.
  QLocalServer::removeServer(m_name);
  return m_server.listen(m_name);
}

}  // namespace routeless::desktop
