#pragma once
// The UI protocol's WebSocket endpoint on 127.0.0.1: it admits a connection only through the
// handshake judgement (loopback Host, allowed Origin, Routeless-UIv1, the user's token), keeps
// the number of pending and of authenticated connections bounded, decodes text frames into
// envelopes and answers malformed ones as the unmarshal table says. It knows no opcodes; it
// never listens without a token, never binds another address, never logs a credential, and
// never drops a client for bad JSON (only for breaking WebSocket rules or limits).

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include "control/envelope.h"
#include "control/uiconnection.h"
#include "control/uihandshake.h"

class QTcpServer;

namespace routeless::control {

class UiServer : public QObject {
  Q_OBJECT
 public:
  explicit UiServer(QObject *parent = nullptr);
  ~UiServer() override;

  // Who may connect: the token (required before listen()) and the web origins whose pages may
  // (none by default). Applies to connections that arrive afterwards.
  void setAccess(const QByteArray &token, const QList<WebOrigin> &allowedOrigins = {});
  void setLimits(const UiServerLimits &limits) { m_limits = limits; }
  const UiServerLimits &limits() const { return m_limits; }

  // Port 0 picks a free one. False (with the reason) when the port is taken or no token is set.
  bool listen(quint16 port, QString *error);
  quint16 port() const;
  void close();

  void send(int clientId, const Envelope &message);
  // To every client, or every client but `exceptClient`.
  void broadcast(const Envelope &message, int exceptClient = -1);
  int clientCount() const { return int(m_clients.size()); }
  int pendingCount() const { return int(m_pending.size()); }
  // Hands queued frames to `clientId` to the kernel now; used before exiting.
  void flush(int clientId);

 Q_SIGNALS:
  // A well-formed envelope from a UI (malformed ones are answered here and not emitted).
  void messageReceived(int clientId, const routeless::control::Envelope &message);
  void clientConnected(int clientId);
  void clientDisconnected(int clientId);

 private:
  void onTcpConnection();
  void judge(UiConnection *connection, const net::HttpRequestHead &head);
  void onText(int clientId, const QByteArray &utf8);
  // Refusals come from anyone who can reach the port: log a few, then count the rest.
  void logRefusal(const QString &line);

  QTcpServer *m_tcp = nullptr;
  UiAccessPolicy m_policy;
  UiServerLimits m_limits;
  QList<UiConnection *> m_pending;  // oldest first
  QHash<int, UiConnection *> m_clients;
  int m_nextClientId = 0;
  QElapsedTimer m_logWindow;
  int m_loggedInWindow = 0;
  int m_suppressed = 0;
};

}  // namespace routeless::control
