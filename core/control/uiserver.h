#pragma once
// The UI protocol's WebSocket endpoint: listens on 127.0.0.1 only, refuses at the HTTP handshake
// every client that does not offer the Routeless-UIv1 subprotocol (or that comes from a web page),
// decodes text frames into envelopes and answers malformed ones as the unmarshal table says.
// It knows no opcodes; it never drops a client for bad traffic and never binds another address.

#include <QHash>
#include <QObject>
#include <QPointer>

#include "control/envelope.h"

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace routeless::control {

class UiServer : public QObject {
  Q_OBJECT
 public:
  explicit UiServer(QObject *parent = nullptr);
  ~UiServer() override;

  // Port 0 picks a free one. False (with the reason) when the port is taken.
  bool listen(quint16 port, QString *error);
  quint16 port() const;
  void close();

  void send(int clientId, const Envelope &message);
  // To every client, or every client but `exceptClient`.
  void broadcast(const Envelope &message, int exceptClient = -1);
  int clientCount() const { return int(m_clients.size()); }
  // Waits (bounded) until queued frames to `clientId` are written; used before exiting.
  void flush(int clientId);

 Q_SIGNALS:
  // A well-formed envelope from a UI (malformed ones are answered here and not emitted).
  void messageReceived(int clientId, const routeless::control::Envelope &message);
  void clientConnected(int clientId);
  void clientDisconnected(int clientId);

 private:
  void onTcpConnection();
  void inspectHandshake(QTcpSocket *socket);
  void refuse(QTcpSocket *socket, const QByteArray &why);
  void onWebSocket();
  void onText(int clientId, const QString &text);

  QTcpServer *m_tcp = nullptr;
  QWebSocketServer *m_ws = nullptr;
  QHash<int, QWebSocket *> m_clients;
  int m_nextClientId = 0;
};

}  // namespace routeless::control
