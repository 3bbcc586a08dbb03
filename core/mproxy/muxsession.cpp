#include "mproxy/muxsession.h"

#include <QWebSocket>

#include "mproxy/jsontext.h"
#include "mproxy/tcpchannel.h"

namespace routeless::mproxy {
namespace {

QByteArray errorJson(const QString &message, const QByteArray &code) {
  return "{\"message\":" + quoteJson(message) +
         ",\"code\":" + quoteJson(QString::fromLatin1(code)) + "}";
}

}  // namespace

MuxCounters::Snapshot MuxCounters::snapshot() const {
  auto r = [](const std::atomic<quint64> &a) { return a.load(std::memory_order_relaxed); };
  Snapshot s{};
  s.clientsAccepted = r(clientsAccepted);
  s.clientsRefused = r(clientsRefused);
  s.clientsCutOff = r(clientsCutOff);
  s.bytesToLink = r(bytesToLink);
  s.bytesFromLink = r(bytesFromLink);
  s.pausesSent = r(pausesSent);
  s.resumesSent = r(resumesSent);
  s.pausesReceived = r(pausesReceived);
  s.resumesReceived = r(resumesReceived);
  s.linksUp = r(linksUp);
  s.linksDown = r(linksDown);
  s.linksRefused = r(linksRefused);
  s.clientsActive = clientsActive.load(std::memory_order_relaxed);
  s.bytesQueued = bytesQueued.load(std::memory_order_relaxed);
  return s;
}

// ---------------------------------------------------------------------------------------------
// MuxStream

MuxStream::MuxStream(MuxSession *session, TcpChannel *channel, const HeaderTemplate &header)
    : QObject(session),
      m_session(session),
      m_counters(&session->counters()),
      m_channel(channel),
      m_header(header) {
  m_channel->setParent(this);
  connect(m_channel, &TcpChannel::readable, this, &MuxStream::pump);
  connect(m_channel, &TcpChannel::wrote, this, &MuxStream::onWrote);
  connect(m_channel, &TcpChannel::failed, this, &MuxStream::onFailed);
  connect(m_channel, &TcpChannel::writeShutDone, this, &MuxStream::maybeFinish);
  if (!m_channel->isConnected()) {
    // Device side: the target is still being dialled.
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
      if (m_channel->isConnected()) return;
      m_channel->abort();
      onFailed("ETIMEDOUT", QStringLiteral("connect ETIMEDOUT %1").arg(m_channel->peerLabel()));
    });
    connect(m_channel, &TcpChannel::connected, m_connectTimer, &QTimer::stop);
    connect(m_channel, &TcpChannel::connected, this, &MuxStream::pump);
    m_connectTimer->start(session->limits().connectTimeoutMs);
  }
  m_counters->clientsAccepted.fetch_add(1, std::memory_order_relaxed);
  m_counters->clientsActive.fetch_add(1, std::memory_order_relaxed);
}

MuxStream::~MuxStream() {
  // May run from the session's QObject destructor: touch nothing of the session here.
  m_counters->clientsActive.fetch_sub(1, std::memory_order_relaxed);
  m_counters->bytesQueued.fetch_sub(m_accountedQueue, std::memory_order_relaxed);
}

void MuxStream::accountQueue() {
  const qint64 now = m_finished ? 0 : m_channel->queuedBytes();
  if (now != m_accountedQueue) {
    m_counters->bytesQueued.fetch_add(now - m_accountedQueue, std::memory_order_relaxed);
    m_accountedQueue = now;
  }
}

void MuxStream::start() {
  m_started = true;
  pump();
}

void MuxStream::pump() {
  if (!m_started || m_finished || m_localEof || !m_channel->isConnected()) return;
  MuxSession &s = *m_session;
  const qint64 maxData = s.limits().maxFrameData;
  while (true) {
    if (m_peerPaused) {
      m_channel->setReadEnabled(false);  // the kernel's window closes on the client
      return;
    }
    if (s.congested()) {
      m_channel->setReadEnabled(false);
      s.blockOnLink(this);
      return;
    }
    m_channel->setReadEnabled(true);
    // Size the frame by what the kernel holds, then read straight into the outgoing batch:
    // the only copy of client bytes on this side.
    qint64 n = m_channel->bytesAvailable();
    if (n <= 0) n = 1;  // nothing announced: a 1-byte read tells data from FIN
    n = qMin(n, maxData);
    QByteArray &out = s.batch();
    const qsizetype frameStart = out.size();
    m_header.appendData(out, n);
    const qsizetype at = out.size();
    out.resize(at + n);
    const qint64 got = m_channel->read(out.data() + at, n);
    if (got != n) {
      const QByteArray data = got > 0 ? out.mid(at, got) : QByteArray();
      out.resize(frameStart);
      if (!data.isEmpty()) {
        m_header.appendData(out, data.size());
        out.append(data);
      }
    }
    if (got > 0) {
      m_counters->bytesToLink.fetch_add(quint64(got), std::memory_order_relaxed);
      s.batchAppended();
      if (got < n) return;  // drained for now
      continue;
    }
    if (got == 0) return;    // would block
    if (m_finished) return;  // failed() already handled it
    if (m_channel->readEof()) localEnded();
    return;
  }
}

void MuxStream::localEnded() {
  m_localEof = true;
  m_header.appendSignal(m_session->batch(), FrameKind::End);
  m_session->batchAppended();
  maybeFinish();
}

void MuxStream::deliver(QByteArrayView piece) {
  if (m_finished || m_peerEnded) return;
  m_channel->write(piece);
  if (m_finished) return;  // the write failed
  MuxSession &s = *m_session;
  m_counters->bytesFromLink.fetch_add(quint64(piece.size()), std::memory_order_relaxed);
  accountQueue();
  const qint64 pending = m_channel->queuedBytes();
  if (pending > s.limits().clientHardLimit) {
    m_counters->clientsCutOff.fetch_add(1, std::memory_order_relaxed);
    m_channel->abort();
    onFailed("E_MPROXY_OVERFLOW",
             QStringLiteral("client %1 fell %2 bytes behind and the peer kept sending after pause")
                 .arg(id())
                 .arg(pending));
    return;
  }
  if (!m_pauseSent && pending > s.limits().clientHighWater) {
    m_pauseSent = true;
    m_header.appendSignal(s.batch(), FrameKind::Pause);
    m_counters->pausesSent.fetch_add(1, std::memory_order_relaxed);
    s.batchAppended();
  }
}

void MuxStream::onWrote(qint64 queued) {
  accountQueue();
  if (!m_pauseSent || m_finished || m_peerEnded) return;
  MuxSession &s = *m_session;
  if (queued > s.limits().clientLowWater) return;
  m_pauseSent = false;
  m_header.appendSignal(s.batch(), FrameKind::Resume);
  m_counters->resumesSent.fetch_add(1, std::memory_order_relaxed);
  s.batchAppended();
}

void MuxStream::peerPause() {
  m_peerPaused = true;
  m_counters->pausesReceived.fetch_add(1, std::memory_order_relaxed);
  m_channel->setReadEnabled(false);
}

void MuxStream::peerResume() {
  m_peerPaused = false;
  m_counters->resumesReceived.fetch_add(1, std::memory_order_relaxed);
  pump();
}

void MuxStream::peerEnd() {
  if (m_finished || m_peerEnded) return;
  m_peerEnded = true;
  m_channel->shutdownWrite();  // FIN once what is queued has gone out; maybeFinish() follows
  maybeFinish();
}

void MuxStream::peerError() {
  if (m_finished) return;
  m_peerEnded = true;
  m_channel->abort();
  finish();
}

void MuxStream::dropSilently() {
  if (m_finished) return;
  m_finished = true;
  accountQueue();
  m_channel->disconnect(this);
  m_channel->abort();
}

void MuxStream::onFailed(const QByteArray &code, const QString &message) {
  if (m_finished) return;
  if (!m_peerEnded && !m_session->isClosed()) {
    m_header.appendError(m_session->batch(), errorJson(message, code));
    m_session->batchAppended();
  }
  finish();
}

void MuxStream::maybeFinish() {
  // Both directions are done: the client sent FIN (we sent `end`), the peer sent `end` and our
  // FIN went out after everything queued.
  if (m_localEof && m_peerEnded && m_channel->writeShut()) finish(/*graceful=*/true);
}

void MuxStream::finish(bool graceful) {
  if (m_finished) return;
  m_finished = true;
  accountQueue();
  m_channel->disconnect(this);
  // After both FINs a plain close: an RST could still destroy data the client has not read.
  if (graceful)
    m_channel->close();
  else
    m_channel->abort();
  m_session->removeStream(this);
}

// ---------------------------------------------------------------------------------------------
// MuxSession

MuxSession::MuxSession(QWebSocket *socket, const MuxLimits &limits, MuxCounters *counters,
                       QObject *parent)
    : QObject(parent),
      m_ws(socket),
      m_limits(limits),
      m_counters(counters),
      m_decoder(limits.maxIncomingData) {
  m_ws->setParent(this);
  const quint64 wsLimit = quint64(limits.maxIncomingData) + 1024 * 1024;
  m_ws->setMaxAllowedIncomingFrameSize(wsLimit);
  m_ws->setMaxAllowedIncomingMessageSize(wsLimit);
  connect(m_ws, &QWebSocket::binaryFrameReceived, this, &MuxSession::onBinaryFrame);
  connect(m_ws, &QWebSocket::textMessageReceived, this,
          [this] { close(QStringLiteral("text message on an M-PROXY link")); });
  connect(m_ws, &QWebSocket::bytesWritten, this, &MuxSession::onLinkBytesWritten);
  connect(m_ws, &QWebSocket::disconnected, this, &MuxSession::onDisconnected);
  connect(m_ws, &QWebSocket::pong, this, [this] { m_lastSeen.restart(); });
  connect(&m_keepalive, &QTimer::timeout, this, &MuxSession::onKeepalive);
  m_lastSeen.start();
  if (m_limits.keepaliveMs > 0) m_keepalive.start(m_limits.keepaliveMs);
}

MuxSession::~MuxSession() {
  // Streams are children; they must not call back into a half-destroyed session.
  for (MuxStream *s : std::as_const(m_streams)) s->dropSilently();
}

MuxStream *MuxSession::addStream(TcpChannel *channel, const Tun &tun, bool announce,
                                 QByteArrayView initial, QString *error) {
  const HeaderTemplate header(tun, m_limits.maxFrameData);
  QString why;
  if (m_closed)
    why = QStringLiteral("link is closed");
  else if (!header.isValid())
    why = header.error();
  else if (m_streams.contains(header.id()))
    why = QStringLiteral("client id %1 is already in use on this link").arg(header.id());
  if (!why.isEmpty()) {
    if (error) *error = why;
    m_counters->clientsRefused.fetch_add(1, std::memory_order_relaxed);
    channel->abort();
    channel->deleteLater();
    return nullptr;
  }
  auto *s = new MuxStream(this, channel, header);
  m_streams.insert(header.id(), s);
  if (announce) header.appendSignal(m_out, FrameKind::Connection);
  while (!initial.isEmpty()) {
    const QByteArrayView piece =
        initial.first(qMin<qsizetype>(initial.size(), m_limits.maxFrameData));
    header.appendData(m_out, piece.size());
    m_out.append(piece.data(), piece.size());
    m_counters->bytesToLink.fetch_add(quint64(piece.size()), std::memory_order_relaxed);
    initial = initial.sliced(piece.size());
  }
  batchAppended();
  s->start();
  return s;
}

void MuxSession::sendControl(const QByteArray &json) {
  if (m_closed) return;
  appendFrame(m_out, FrameKind::Control, Tun(), json);
  batchAppended();
}

void MuxSession::batchAppended() {
  if (m_out.size() >= m_limits.linkBatch) {
    flush();
    return;
  }
  if (m_flushScheduled) return;
  m_flushScheduled = true;
  QMetaObject::invokeMethod(this, &MuxSession::flush, Qt::QueuedConnection);
}

void MuxSession::flush() {
  m_flushScheduled = false;
  if (m_closed || m_out.isEmpty()) return;
  m_ws->sendBinaryMessage(m_out);
  m_out.resize(0);  // keeps the capacity for the next batch
}

bool MuxSession::congested() const {
  return m_ws->bytesToWrite() + m_out.size() > m_limits.linkHighWater;
}

void MuxSession::blockOnLink(MuxStream *stream) {
  if (stream->m_blockedOnLink) return;
  stream->m_blockedOnLink = true;
  m_blocked.append(stream);
}

void MuxSession::onLinkBytesWritten() {
  if (m_blocked.isEmpty() || m_closed) return;
  if (m_ws->bytesToWrite() + m_out.size() > m_limits.linkLowWater) return;
  // Round robin: each waiting client gets one turn, in the order they had to wait.
  QList<QPointer<MuxStream>> waiting;
  waiting.swap(m_blocked);
  for (qsizetype i = 0; i < waiting.size(); ++i) {
    MuxStream *s = waiting[i];
    if (!s) continue;
    if (congested()) {
      for (qsizetype j = i; j < waiting.size(); ++j)
        if (waiting[j]) m_blocked.append(waiting[j]);
      return;
    }
    s->m_blockedOnLink = false;
    s->pump();
  }
}

void MuxSession::removeStream(MuxStream *stream) {
  auto it = m_streams.find(stream->id());
  if (it != m_streams.end() && it.value() == stream) m_streams.erase(it);
  if (m_current == stream) m_current = nullptr;
  stream->deleteLater();
}

void MuxSession::closeGracefully(const QString &reason) {
  if (m_closed || m_closing) return;
  flush();
  m_closing = true;
  m_decoder.fail(reason);
  for (MuxStream *s : std::as_const(m_streams)) {
    s->dropSilently();
    s->deleteLater();
  }
  m_streams.clear();
  m_ws->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
  QTimer::singleShot(5000, this, [this, reason] { close(reason); });
}

void MuxSession::close(const QString &reason) {
  if (m_closed) return;
  m_closed = true;
  m_keepalive.stop();
  m_decoder.fail(reason);
  for (MuxStream *s : std::as_const(m_streams)) s->dropSilently();
  // Deleted later: close() may run inside a stream's own signal handler.
  for (MuxStream *s : std::as_const(m_streams)) s->deleteLater();
  m_streams.clear();
  m_blocked.clear();
  m_out.clear();
  m_ws->disconnect(this);
  m_ws->abort();
  Q_EMIT closed(reason);
}

void MuxSession::onDisconnected() {
  const QString why = m_ws->closeReason().isEmpty()
                          ? QStringLiteral("link closed (%1)").arg(m_ws->errorString())
                          : QStringLiteral("link closed by the peer: %1").arg(m_ws->closeReason());
  close(why);
}

void MuxSession::onKeepalive() {
  if (m_lastSeen.elapsed() > 3LL * m_limits.keepaliveMs) {
    close(QStringLiteral("no traffic from the peer for %1 ms").arg(m_lastSeen.elapsed()));
    return;
  }
  m_ws->ping();
}

void MuxSession::onBinaryFrame(const QByteArray &frame) {
  if (m_closed || m_closing) return;
  m_lastSeen.restart();
  if (!m_decoder.feed(frame, *this) && !m_closed && !m_closing)
    close(QStringLiteral("bad M-PROXY stream: %1").arg(m_decoder.error()));
}

void MuxSession::frameBegin(const FrameHeader &h) {
  m_current = nullptr;
  m_small.clear();
  if (!framesAllowed() && h.kind != FrameKind::Control) {
    m_decoder.fail(
        QStringLiteral("%1 frame before the hello")
            .arg(QLatin1String(h.kind == FrameKind::Message ? QByteArray("data")
                                                            : serviceWord(h.kind).toLatin1())));
    return;
  }
  if (h.kind == FrameKind::Message) m_current = m_streams.value(h.id());
}

void MuxSession::dataPiece(const FrameHeader &h, QByteArrayView piece) {
  switch (h.kind) {
    case FrameKind::Message:
      if (m_current) m_current->deliver(piece);
      return;
    case FrameKind::Control:
    case FrameKind::Error:
      if (m_small.size() + piece.size() > m_limits.maxControlBody) {
        m_decoder.fail(QStringLiteral("%1 body over %2 bytes")
                           .arg(serviceWord(h.kind))
                           .arg(m_limits.maxControlBody));
        return;
      }
      m_small.append(piece.data(), piece.size());
      return;
    default:
      return;  // proxy-packer's pack() sends " " with end/pause/resume/connection
  }
}

void MuxSession::frameEnd(const FrameHeader &h) {
  switch (h.kind) {
    case FrameKind::Message:
      m_current = nullptr;
      return;
    case FrameKind::Control:
      controlReceived(m_small);
      return;
    case FrameKind::Connection:
      connectionReceived(h);
      return;
    default:
      break;
  }
  MuxStream *s = m_streams.value(h.id());
  if (!s) return;  // a client that is already gone
  switch (h.kind) {
    case FrameKind::Pause:
      s->peerPause();
      break;
    case FrameKind::Resume:
      s->peerResume();
      break;
    case FrameKind::End:
      s->peerEnd();
      break;
    case FrameKind::Error:
      s->peerError();
      break;
    default:
      break;
  }
}

}  // namespace routeless::mproxy
