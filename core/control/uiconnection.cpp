#include "control/uiconnection.h"

#include <QLoggingCategory>
#include <QTcpSocket>

Q_DECLARE_LOGGING_CATEGORY(lcUiServer)

namespace routeless::control {
namespace {

// Qt stops reading from the kernel once this much is buffered, so a peer that sends faster
// than we decode is held back by TCP instead of filling our memory.
constexpr qint64 kReadBufferBytes = 256 * 1024;
// After we started closing, how long the peer gets to take what we sent before the socket is
// torn down.
constexpr int kCloseGraceMs = 2000;

}  // namespace

UiConnection::UiConnection(QTcpSocket *socket, const UiServerLimits &limits, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_frames(limits.maxMessageBytes) {
  socket->setParent(this);
  socket->setReadBufferSize(kReadBufferBytes);
  socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
  m_peer =
      socket->peerAddress().toString() + QLatin1Char(':') + QString::number(socket->peerPort());
  m_deadline.setSingleShot(true);
  connect(&m_deadline, &QTimer::timeout, this, [this] {
    if (m_state == State::Handshake)
      refuse(408, "request head not received in " +
                      QByteArray::number(m_limits.handshakeTimeoutMs) + " ms");
    else if (m_state == State::Closing)
      abort();
  });
  m_deadline.start(limits.handshakeTimeoutMs);
  connect(socket, &QTcpSocket::readyRead, this, &UiConnection::onReadyRead);
  connect(socket, &QTcpSocket::disconnected, this, [this] {
    if (m_finished) return;
    m_finished = true;
    m_state = State::Closing;
    Q_EMIT finished();
    deleteLater();
  });
}

UiConnection::~UiConnection() { m_socket->disconnect(this); }

void UiConnection::onReadyRead() {
  if (m_state == State::Handshake) return readHandshake();
  if (m_state == State::Open) {
    readFrames(m_socket->readAll());
    // The replies to this batch go out now, in one write, instead of one event-loop turn later
    // (a poll() and a write-notifier toggle per reply otherwise).
    if (m_state == State::Open && m_socket->bytesToWrite() > 0) m_socket->flush();
  }
  // Closing: input is left unread; the read buffer limit stops the peer.
}

void UiConnection::readHandshake() {
  while (m_state == State::Handshake && m_socket->bytesAvailable() > 0) {
    const QByteArray bytes = m_socket->read(4096);
    qsizetype used = 0;
    switch (m_head.feed(bytes, &used)) {
      case net::HttpRequestHeadParser::State::NeedMore:
        continue;
      case net::HttpRequestHeadParser::State::Failed:
        return refuse(m_head.errorStatus(), m_head.errorText());
      case net::HttpRequestHeadParser::State::Done:
        m_early = bytes.sliced(used);
        Q_EMIT headReceived(m_head.head());
        return;
    }
  }
}

void UiConnection::refuse(int status, const QByteArray &reason) {
  Q_EMIT handshakeFailed(status, reason);
  UiHandshakeVerdict v;
  v.status = status;
  v.reason = reason;
  answerHandshake(v);
}

void UiConnection::answerHandshake(const UiHandshakeVerdict &verdict) {
  if (m_state != State::Handshake) return;
  m_socket->write(uiHandshakeResponse(verdict));
  if (verdict.status != 101) {
    m_state = State::Closing;
    m_socket->disconnectFromHost();
    m_deadline.start(kCloseGraceMs);
    return;
  }
  m_state = State::Open;
  m_deadline.stop();
  m_socket->flush();
  // Frames a client sent right behind its request are read once the server has announced
  // the new client (queued, so that clientConnected comes first).
  if (!m_early.isEmpty() || m_socket->bytesAvailable() > 0)
    QMetaObject::invokeMethod(
        this,
        [this] {
          if (m_state != State::Open) return;
          QByteArray early;
          early.swap(m_early);
          readFrames(early + m_socket->readAll());
        },
        Qt::QueuedConnection);
}

void UiConnection::readFrames(QByteArrayView bytes) {
  QList<net::WsMessage> messages;
  const bool ok = m_frames.feed(bytes, &messages);
  for (net::WsMessage &m : messages) {
    if (m_state != State::Open) return;  // a handler closed us
    switch (m.opcode) {
      case net::WsOpcode::Text:
        Q_EMIT textReceived(m.payload);
        break;
      case net::WsOpcode::Ping:
        m_socket->write(net::wsServerFrame(net::WsOpcode::Pong, m.payload));
        break;
      case net::WsOpcode::Close:
        // Echo the peer's code (RFC 6455 §5.5.1); 1005 means it gave none.
        closeWith(m.closeCode == net::wsclose::kNoStatus ? net::wsclose::kNormal : m.closeCode,
                  QByteArray());
        return;
      case net::WsOpcode::Binary:
        qCDebug(lcUiServer) << "UI" << m_peer << "sent a binary message of" << m.payload.size()
                            << "bytes; ignoring it";
        break;
      default:  // Pong
        break;
    }
  }
  if (!ok && m_state == State::Open) {
    Q_EMIT violated(m_frames.errorCode(), m_frames.errorReason());
    closeWith(m_frames.errorCode(), m_frames.errorReason());
  }
}

void UiConnection::sendText(const QByteArray &frame) {
  if (m_state != State::Open) return;
  if (m_socket->bytesToWrite() > m_limits.maxSendBacklogBytes) {
    Q_EMIT violated(net::wsclose::kPolicyViolation,
                    "the UI does not read its messages: more than " +
                        QByteArray::number(m_limits.maxSendBacklogBytes) + " bytes unsent");
    return abort();
  }
  m_socket->write(frame);
}

void UiConnection::flush() {
  if (m_state != State::Handshake) m_socket->flush();
}

void UiConnection::closeWith(quint16 code, const QByteArray &reason) {
  if (m_state == State::Closing) return;
  const bool open = m_state == State::Open;
  m_state = State::Closing;
  if (open) m_socket->write(net::wsCloseFrame(code, reason));
  m_socket->flush();
  m_socket->disconnectFromHost();
  if (m_socket->state() != QAbstractSocket::UnconnectedState) m_deadline.start(kCloseGraceMs);
}

void UiConnection::abort() {
  m_state = State::Closing;
  m_deadline.stop();
  m_socket->abort();
  if (!m_finished) {
    m_finished = true;
    Q_EMIT finished();
    deleteLater();
  }
}

}  // namespace routeless::control
