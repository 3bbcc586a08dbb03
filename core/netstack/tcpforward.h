#pragma once
// TCP port forwards between the host OS and the stack, each accepted connection carried by
// a TcpBridge.

#include <QHostAddress>
#include <QObject>
#include <QString>

#include "netstack/hostsocket.h"

struct tcp_pcb;

namespace routeless::netstack {

// Listens inside the stack on ip:port and bridges every accepted connection to
// connectHost:connectPort on the host OS. Lives and dies on the stack thread; its bridges
// are its children, so deleting it drops their connections.
class StackToHostForward final : public QObject {
  Q_OBJECT
 public:
  explicit StackToHostForward(QObject *parent = nullptr);
  ~StackToHostForward() override;

  // `reuse` lets a routing-mode listener share a port (SO_REUSEADDR inside lwIP).
  bool listen(quint32 ip, quint16 port, const QString &connectHost, quint16 connectPort,
              QString *error, bool reuse = false);
  int activeConnections() const { return m_active; }
  QString description() const;

 Q_SIGNALS:
  // The last bridge ended (routing mode removes its listener then).
  void idle();

 private:
  friend struct StackToHostForwardCallbacks;
  signed char onAccept(struct tcp_pcb *pcb);

  struct tcp_pcb *m_listener = nullptr;
  QString m_connectHost;
  quint16 m_connectPort = 0;
  quint32 m_ip = 0;
  quint16 m_port = 0;
  int m_active = 0;
};

// Listens on the host OS at listenAddress:port and bridges every accepted socket to
// stackIp:stackPort inside the stack (NoRouter's "others" in loopback mode).
class HostToStackForward final : public QObject {
  Q_OBJECT
 public:
  explicit HostToStackForward(QObject *parent = nullptr);

  bool listen(const QHostAddress &listenAddress, quint16 port, quint32 stackIp, quint16 stackPort,
              QString *error);

 private:
  HostListener m_listener;
  quint32 m_stackIp = 0;
  quint16 m_stackPort = 0;
};

}  // namespace routeless::netstack
