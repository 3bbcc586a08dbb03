#pragma once
// Loopback-mode forwards of an agent's own ports: host socket to host socket, no netstack.

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <memory>

#include "netstack/hostsocket.h"

namespace routeless::mesh {

// Copies bytes between two host sockets with half-close both ways and bounded buffers
// (reads stop while the other side is not writable). It deletes itself when both
// directions are done or either side fails; it never buffers more than 2 x 64 KiB.
class LocalPump final : public QObject {
  Q_OBJECT
 public:
  // Adopts `acceptedFd` and dials host:port.
  LocalPump(qintptr acceptedFd, const QString &host, quint16 port, QObject *parent);

 private:
  struct Direction {
    netstack::HostSocket *from;
    netstack::HostSocket *to;
    std::unique_ptr<char[]> buffer;
    qint64 begin = 0;
    qint64 end = 0;
    bool eof = false;
    bool done = false;
  };
  void pump(Direction &d);
  void update(Direction &d);
  void fail(const QString &why);
  void maybeFinish();

  netstack::HostSocket m_client;
  netstack::HostSocket m_server;
  Direction m_up;    // client -> server
  Direction m_down;  // server -> client
  bool m_started = false;
  bool m_finished = false;
};

// Listens on the host OS at address:port and pumps each connection to host:port on the host
// (NoRouter's GoLocalForward: local clients of an agent's own forward skip the netstack).
class LocalForward final : public QObject {
  Q_OBJECT
 public:
  explicit LocalForward(QObject *parent = nullptr);
  bool listen(const QHostAddress &address, quint16 port, const QString &connectHost,
              quint16 connectPort, QString *error);

 private:
  netstack::HostListener m_listener;
  QString m_connectHost;
  quint16 m_connectPort = 0;
};

}  // namespace routeless::mesh
