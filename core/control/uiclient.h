#pragma once
// A UI's side of the protocol: one WebSocket to the daemon or a node with the Routeless-UIv1
// subprotocol and the user's token (`Authorization: Bearer`), context-id bookkeeping, redirect
// following (reconnect + resend with the same contextId) and falling back to the daemon when
// the node goes away. Used by the CLI, tests, the benchmark, the daemon's launch probe and the
// app. It never interprets payloads beyond `redirect` and never logs the token.

#include <QHash>
#include <QObject>
#include <QWebSocket>
#include <optional>

#include "control/envelope.h"

namespace routeless::control {

class UiClient : public QObject {
  Q_OBJECT
 public:
  explicit UiClient(QObject *parent = nullptr);
  ~UiClient() override;

  // Blocking helpers run a local event loop (CLI, tests, benchmark; never a GUI thread).
  bool connectTo(quint16 port, int timeoutMs, QString *error);
  // Sends a request and waits for the reply with the same contextId. Follows `redirect` to the
  // node when enabled. nullopt on timeout or connection loss (with *error set).
  std::optional<Envelope> transact(const QString &opcode, const QJsonObject &payload, int timeoutMs,
                                   QString *error);
  // Waits for the next broadcast with `opcode` (already received ones count).
  std::optional<Envelope> waitForBroadcast(const QString &opcode, int timeoutMs);

  // Asynchronous use.
  void open(quint16 port);
  quint64 sendRequest(const QString &opcode, const QJsonObject &payload);
  void sendEnvelope(const Envelope &message);
  void sendRawText(const QString &text);
  void close();

  bool isConnected() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
  }
  quint16 currentPort() const { return m_port; }
  // The last connection's error, as QWebSocket words it.
  QString errorString() const { return m_socket ? m_socket->errorString() : QString(); }
  QString subprotocol() const { return m_socket ? m_socket->subprotocol() : QString(); }
  void setFollowRedirects(bool on) { m_followRedirects = on; }
  // The token every handshake carries (see UiTokenFile::read); set before open()/connectTo().
  void setToken(const QByteArray &token) { m_token = token; }
  // Port to fall back to when the node connection closes (set by connectTo on the first call).
  void setDaemonPort(quint16 port) { m_daemonPort = port; }
  void setNextContextId(quint64 id) { m_nextContextId = id; }
  // Asynchronous users that take every message from messageReceived() turn this off so that
  // replies and broadcasts are not also kept for transact()/waitForBroadcast().
  void setKeepMessages(bool on) { m_keepMessages = on; }
  // Broadcasts received and not yet consumed by waitForBroadcast().
  QList<Envelope> takeBroadcasts();

 Q_SIGNALS:
  void connected();
  void disconnected();
  void messageReceived(const routeless::control::Envelope &message);
  void redirected(quint16 port);

 private:
  void attachSocket();
  void onText(const QString &text);
  void onRedirect(const Envelope &redirect);

  QWebSocket *m_socket = nullptr;
  QByteArray m_token;
  quint16 m_port = 0;
  quint16 m_daemonPort = 0;
  quint64 m_nextContextId = 1;
  bool m_followRedirects = true;
  bool m_keepMessages = true;
  bool m_onNode = false;
  bool m_lost = false;                 // closed and not reconnecting
  QHash<quint64, Envelope> m_pending;  // sent requests by contextId (for resending)
  QHash<quint64, Envelope> m_replies;
  QList<Envelope> m_broadcasts;
};

}  // namespace routeless::control
