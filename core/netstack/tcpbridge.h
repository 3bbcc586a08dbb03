#pragma once
// One TCP connection carried between a host-OS socket and an lwIP pcb, with real flow
// control both ways and half-close.

#include <QObject>
#include <QString>
#include <deque>

#include "netstack/hostsocket.h"

struct tcp_pcb;
struct pbuf;

namespace routeless::netstack {

class NetStack;

// Bridges a host socket and an lwIP tcp_pcb on the stack thread. Host bytes are read only as
// far as tcp_sndbuf allows (resumed from the `sent` callback), and lwIP receive window is
// reopened (tcp_recved) only as the host socket drains, so memory per connection is bounded
// by the two windows. FIN and RST travel both ways. It deletes itself when done (watch
// QObject::destroyed); it must never touch its pcb after lwIP reported it gone.
class TcpBridge final : public QObject {
  Q_OBJECT
 public:
  // lwIP accepted `pcb`: dial host:port on the host OS and bridge. If the dial fails the
  // accepted connection is closed (NoRouter: "accepted, then closed").
  static TcpBridge *fromStack(struct tcp_pcb *pcb, const QString &host, quint16 port,
                              QObject *parent);
  // The host OS accepted `fd`: connect to ip:port (host order) inside the stack, from the
  // stack's own address and an ephemeral port. If that fails the host socket is closed.
  static TcpBridge *intoStack(qintptr fd, quint32 ip, quint16 port, QObject *parent);

  ~TcpBridge() override;

  quint64 bytesToHost() const { return m_bytesToHost; }
  quint64 bytesToStack() const { return m_bytesToStack; }
  QString description() const;

 private:
  explicit TcpBridge(QObject *parent);

  // lwIP callbacks (C trampolines call these).
  friend struct TcpBridgeCallbacks;
  signed char onRecv(struct pbuf *p);
  signed char onSent();
  signed char onConnected();
  signed char onPoll();
  void onError(signed char err);

  void attach(struct tcp_pcb *pcb);
  void detach();
  void onHostConnected();
  void onHostConnectFailed(const QString &error);
  // host -> stack; false when the bridge failed (and was torn down).
  bool pumpToStack();
  bool writePendingToStack();
  void shutdownStackTx();
  // stack -> host; false when the bridge failed.
  bool flushToHost();
  void ackToStack(quint64 bytes);
  void maybeFinish();
  void fail(const QString &why, bool resetHost);
  void finish();
  void freeQueue();

  struct tcp_pcb *m_pcb = nullptr;
  HostSocket m_host;
  QString m_target;

  // stack -> host: received chains not yet written to the host socket.
  std::deque<struct pbuf *> m_toHost;
  quint32 m_toHostOffset = 0;  // bytes of m_toHost.front() already written
  bool m_stackEof = false;     // FIN received from the stack side
  bool m_hostWriteShut = false;

  // host -> stack
  QByteArray m_pending;  // read from the host, not yet accepted by tcp_write
  bool m_hostEof = false;
  bool m_stackTxShut = false;
  bool m_readPaused = false;

  bool m_stackConnected = false;
  bool m_hostConnected = false;
  bool m_inCallback = false;
  bool m_abortedInCallback = false;
  bool m_finished = false;
  quint64 m_bytesToHost = 0;
  quint64 m_bytesToStack = 0;
};

}  // namespace routeless::netstack
