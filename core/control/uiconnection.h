#pragma once
// One TCP connection to the UI server: it reads the upgrade request's head with the strict
// parser (under a deadline), lets its server judge it, then speaks WebSocket frames (masked
// client frames only, one message of at most the limit buffered, ping answered, close
// handshake). It never buffers more than the head limit or one message, never lets a peer that
// does not read grow our send queue without bound, and never writes after it started closing.

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include "control/uihandshake.h"
#include "net/httphead.h"
#include "net/wsframes.h"

class QTcpSocket;

namespace routeless::control {

struct UiServerLimits {
  qint64 maxMessageBytes = 1024 * 1024;           // per incoming message (and frame)
  int maxClients = 64;                            // authenticated connections at once
  int maxPendingHandshakes = 64;                  // connections still in their handshake
  int handshakeTimeoutMs = 5000;                  // accept to a complete request head
  qint64 maxSendBacklogBytes = 16 * 1024 * 1024;  // unsent bytes before a UI is dropped
};

class UiConnection : public QObject {
  Q_OBJECT
 public:
  enum class State { Handshake, Open, Closing };

  // Takes `socket` (reparented to this connection).
  UiConnection(QTcpSocket *socket, const UiServerLimits &limits, QObject *parent = nullptr);
  ~UiConnection() override;

  State state() const { return m_state; }
  // "127.0.0.1:54321", for logs.
  QString peer() const { return m_peer; }

  // Answers the request head: 101 enters Open, anything else is written and the socket closed.
  void answerHandshake(const UiHandshakeVerdict &verdict);
  // Open: one text frame. Drops the connection when the peer lets too much pile up unsent.
  void sendText(const QByteArray &frame);
  // Writes any queued bytes to the socket now.
  void flush();
  // Sends a Close frame with `code` and `reason`, then closes; later input is not read.
  void closeWith(quint16 code, const QByteArray &reason);
  // Closes the socket at once, with nothing more sent.
  void abort();

 Q_SIGNALS:
  // Handshake: the request head is complete and well-formed; answerHandshake() must follow.
  void headReceived(const routeless::net::HttpRequestHead &head);
  // Handshake: the connection ended before it was judged (bad head, deadline, peer gone).
  void handshakeFailed(int status, const QByteArray &reason);
  // Open: a complete text message (valid UTF-8).
  void textReceived(const QByteArray &utf8);
  // The peer broke the protocol or a limit; the connection is closing with `code`.
  void violated(quint16 code, const QByteArray &reason);
  // The socket is gone; the connection deletes itself after this.
  void finished();

 private:
  void onReadyRead();
  void readHandshake();
  void readFrames(QByteArrayView bytes);
  void refuse(int status, const QByteArray &reason);

  QTcpSocket *m_socket;
  UiServerLimits m_limits;
  State m_state = State::Handshake;
  QString m_peer;
  net::HttpRequestHeadParser m_head;
  net::WsFrameDecoder m_frames;
  QByteArray m_early;  // bytes after the request head, sent before our answer
  QTimer m_deadline;
  bool m_finished = false;
};

}  // namespace routeless::control
