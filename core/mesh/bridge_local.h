#pragma once
// Loopback-mode forwards of an agent's own ports: host socket to host socket, no netstack.

#include <QHostAddress>
#include <QObject>
#include <QString>

#include "net/dnscache.h"
#include "netstack/hostsocket.h"

namespace routeless::mesh {

// Listens on the host OS at address:port and relays each connection to connectHost:connectPort
// on the host with core/net's Pump (half-close both ways, splice on Linux), as NoRouter's
// GoLocalForward does: local clients of an agent's own forward skip the netstack. A failed
// dial closes the accepted connection. It never touches lwIP.
class LocalForward final : public QObject {
  Q_OBJECT
 public:
  explicit LocalForward(QObject *parent = nullptr);
  bool listen(const QHostAddress &address, quint16 port, const QString &connectHost,
              quint16 connectPort, QString *error);

 private:
  void onAccepted(qintptr fd);

  netstack::HostListener m_listener;
  net::DnsCache m_dns;
  QString m_connectHost;
  quint16 m_connectPort = 0;
};

}  // namespace routeless::mesh
