#include "mesh/bridge_local.h"

#include <QtDebug>

namespace routeless::mesh {
namespace {
constexpr qint64 kBufferSize = 64 * 1024;
}

LocalPump::LocalPump(qintptr acceptedFd, const QString &host, quint16 port, QObject *parent)
    : QObject(parent) {
  m_up.from = &m_client;
  m_up.to = &m_server;
  m_down.from = &m_server;
  m_down.to = &m_client;
  m_up.buffer.reset(new char[kBufferSize]);
  m_down.buffer.reset(new char[kBufferSize]);
  if (!m_client.adopt(acceptedFd)) {
    qWarning("local forward: %s", qPrintable(m_client.errorString()));
    deleteLater();
    m_finished = true;
    return;
  }
  connect(&m_client, &netstack::HostSocket::readable, this, [this] { pump(m_up); });
  connect(&m_client, &netstack::HostSocket::writable, this, [this] { pump(m_down); });
  connect(&m_server, &netstack::HostSocket::readable, this, [this] { pump(m_down); });
  connect(&m_server, &netstack::HostSocket::writable, this, [this] { pump(m_up); });
  connect(&m_server, &netstack::HostSocket::connected, this, [this] {
    m_started = true;
    update(m_up);
    update(m_down);
  });
  connect(&m_server, &netstack::HostSocket::connectFailed, this, [this](const QString &error) {
    // As NoRouter: the accepted connection is closed (not reset) when the dial fails.
    qWarning("%s", qPrintable(error));
    m_finished = true;
    m_client.close();
    deleteLater();
  });
  m_server.connectToHost(host, port);
}

void LocalPump::pump(Direction &d) {
  if (m_finished || !m_started) return;
  // Read while there is room, write while there is data; stop at would-block.
  for (;;) {
    bool progress = false;
    if (!d.eof && d.end < kBufferSize) {
      const qint64 n = d.from->read(d.buffer.get() + d.end, kBufferSize - d.end);
      if (n == netstack::HostSocket::Error) return fail(d.from->errorString());
      if (n == 0) d.eof = true;
      if (n > 0) {
        d.end += n;
        progress = true;
      }
    }
    if (d.begin < d.end) {
      const netstack::ConstBuffer b{d.buffer.get() + d.begin, size_t(d.end - d.begin)};
      const qint64 n = d.to->write(&b, 1);
      if (n == netstack::HostSocket::Error) return fail(d.to->errorString());
      d.begin += n;
      if (d.begin == d.end) d.begin = d.end = 0;
      if (n > 0) progress = true;
    }
    if (!progress) break;
  }
  update(d);
  maybeFinish();
}

void LocalPump::update(Direction &d) {
  if (m_finished) return;
  if (d.eof && d.begin == d.end && !d.done) {
    d.to->shutdownWrite();
    d.done = true;
  }
  d.from->setReadNotifications(!d.eof && d.end < kBufferSize);
  d.to->setWriteNotifications(d.begin < d.end);
}

void LocalPump::fail(const QString &why) {
  if (m_finished) return;
  qDebug("local forward: %s", qPrintable(why));
  m_finished = true;
  m_client.abort();
  m_server.abort();
  deleteLater();
}

void LocalPump::maybeFinish() {
  if (m_finished || !m_up.done || !m_down.done) return;
  m_finished = true;
  m_client.close();
  m_server.close();
  deleteLater();
}

LocalForward::LocalForward(QObject *parent)
    : QObject(parent),
      m_listener([this](qintptr fd) { new LocalPump(fd, m_connectHost, m_connectPort, this); }) {
  m_listener.setParent(this);
}

bool LocalForward::listen(const QHostAddress &address, quint16 port, const QString &connectHost,
                          quint16 connectPort, QString *error) {
  m_connectHost = connectHost;
  m_connectPort = connectPort;
  return m_listener.listenOn(address, port, error);
}

}  // namespace routeless::mesh
