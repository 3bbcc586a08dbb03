#pragma once
// One M-PROXY link (a WebSocket) and the client streams multiplexed over it, shared by the
// relay's device sessions and the device's relay session. It must never let one client stall
// the link: it always reads the link, and throttles each client with pause/resume instead.

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <atomic>

#include "mproxy/packer.h"
#include "mproxy/unpacker.h"

class QWebSocket;

namespace routeless::mproxy {

// Memory and timing bounds of a link and of each client on it.
struct MuxLimits {
  qint64 maxFrameData = 64 * 1024;       // largest body we put in one frame
  qint64 socketReadBuffer = 256 * 1024;  // Qt read buffer of a client socket (then TCP pushes back)
  qint64 clientHighWater = 256 * 1024;   // unsent bytes for one client before we send `pause`
  qint64 clientLowWater = 64 * 1024;     // ... and before we send `resume`
  qint64 clientHardLimit = 64 * 1024 * 1024;  // a peer that ignores `pause` loses the client here
  qint64 linkHighWater = 2 * 1024 * 1024;     // queued link bytes before clients stop being read
  qint64 linkLowWater = 512 * 1024;           // ... and before they are read again
  qint64 linkBatch = 256 * 1024;  // a batch of frames is sent at this size at the latest
  qint64 maxIncomingData = kDefaultMaxDataLength;  // larger frames end the link
  qint64 maxControlBody = 64 * 1024;  // control and error bodies are collected up to this
  int keepaliveMs = 15000;            // ping interval; three silent intervals drop the link
  int connectTimeoutMs = 10000;       // device side: dialling a target
};

// Counters written on the engine thread and read anywhere (atomics, relaxed).
struct MuxCounters {
  std::atomic<quint64> clientsAccepted{0};
  std::atomic<qint64> clientsActive{0};
  std::atomic<quint64> clientsRefused{0};  // no route, no device, bad target, id clash
  std::atomic<quint64> clientsCutOff{0};   // peer ignored `pause` past the hard limit
  std::atomic<quint64> bytesToLink{0};     // client payload read from local sockets
  std::atomic<quint64> bytesFromLink{0};   // client payload written to local sockets
  std::atomic<quint64> pausesSent{0};
  std::atomic<quint64> resumesSent{0};
  std::atomic<quint64> pausesReceived{0};
  std::atomic<quint64> resumesReceived{0};
  std::atomic<quint64> linksUp{0};
  std::atomic<quint64> linksDown{0};
  std::atomic<quint64> linksRefused{0};  // bad hello / bad token
  std::atomic<qint64> bytesQueued{0};    // from the link, not yet taken by client sockets

  struct Snapshot {
    quint64 clientsAccepted, clientsRefused, clientsCutOff, bytesToLink, bytesFromLink, pausesSent,
        resumesSent, pausesReceived, resumesReceived, linksUp, linksDown, linksRefused;
    qint64 clientsActive, bytesQueued;
  };
  Snapshot snapshot() const;
};

class MuxSession;
class TcpChannel;

// One client connection carried over a session: a local TCP socket on this side, frames
// tagged with the client's family,address,port on the link. Each direction closes on its own
// (a FIN becomes `end`, `end` becomes a FIN). It stops reading its socket while the peer has
// paused it or the link is congested, and asks the peer to pause when its socket cannot take
// more.
class MuxStream final : public QObject {
  Q_OBJECT
 public:
  MuxStream(MuxSession *session, TcpChannel *channel, const HeaderTemplate &header);
  ~MuxStream() override;

  const QString &id() const { return m_header.id(); }
  const HeaderTemplate &header() const { return m_header; }
  TcpChannel *channel() const { return m_channel; }
  bool peerPaused() const { return m_peerPaused; }
  bool pauseSent() const { return m_pauseSent; }

  void start();  // begin reading the socket (after the connection frame went out)
  void pump();   // socket -> link, as far as pause and link congestion allow

  // Link -> this client.
  void deliver(QByteArrayView piece);
  void peerPause();
  void peerResume();
  void peerEnd();
  void peerError();
  void dropSilently();  // the link is gone: close without sending anything

 private:
  void onWrote(qint64 queued);
  void onFailed(const QByteArray &code, const QString &message);
  void localEnded();
  void maybeFinish();
  void finish(bool graceful = false);
  void accountQueue();  // keeps MuxCounters::bytesQueued in step with the channel

  MuxSession *m_session;
  MuxCounters *m_counters;
  TcpChannel *m_channel;
  HeaderTemplate m_header;
  QTimer *m_connectTimer = nullptr;
  qint64 m_accountedQueue = 0;
  bool m_started = false;
  bool m_peerPaused = false;
  bool m_pauseSent = false;
  bool m_peerEnded = false;  // `end` or `error` came from the peer
  bool m_localEof = false;   // our socket sent FIN (and we sent `end`)
  bool m_finished = false;
  bool m_blockedOnLink = false;
  friend class MuxSession;
};

// One WebSocket link and the client streams on it: decodes incoming frames straight into the
// streams' sockets and batches outgoing frames. It never stops reading the link for one client.
class MuxSession : public QObject, protected FrameSink {
  Q_OBJECT
 public:
  // Takes ownership of `socket` (an open WebSocket). `counters` outlives the session.
  MuxSession(QWebSocket *socket, const MuxLimits &limits, MuxCounters *counters,
             QObject *parent = nullptr);
  ~MuxSession() override;

  const MuxLimits &limits() const { return m_limits; }
  MuxCounters &counters() { return *m_counters; }
  QWebSocket *webSocket() const { return m_ws; }
  bool isClosed() const { return m_closed; }
  int streamCount() const { return int(m_streams.size()); }
  MuxStream *stream(const QString &id) const { return m_streams.value(id); }
  const QHash<QString, MuxStream *> &streams() const { return m_streams; }

  // Adopts `channel` as a client stream, announced with a `connection` frame when `announce`
  // is set (relay side) and preceded by `initial` (bytes already read from it). nullptr (the
  // channel closed, *error set) when the id is in use or the header would not fit.
  MuxStream *addStream(TcpChannel *channel, const Tun &tun, bool announce, QByteArrayView initial,
                       QString *error);

  void sendControl(const QByteArray &json);
  // Sends what is queued, then closes the WebSocket with `reason` (no more frames accepted).
  void closeGracefully(const QString &reason);
  // Drops the link and every client on it.
  void close(const QString &reason);

  // Frames go into the current batch; it leaves at the end of this event-loop pass.
  QByteArray &batch() { return m_out; }
  void batchAppended();
  void flush();
  bool congested() const;
  void blockOnLink(MuxStream *stream);  // pumped again once the link drains
  void removeStream(MuxStream *stream);

 Q_SIGNALS:
  void closed(const QString &reason);

 protected:
  // Hooks for the two sides.
  virtual bool framesAllowed() const { return true; }  // false: only control until hello
  virtual void controlReceived(const QByteArray &body) = 0;
  virtual void connectionReceived(const FrameHeader &header) = 0;

  void frameBegin(const FrameHeader &header) override;
  void dataPiece(const FrameHeader &header, QByteArrayView piece) override;
  void frameEnd(const FrameHeader &header) override;

 private:
  void onBinaryFrame(const QByteArray &frame);
  void onLinkBytesWritten();
  void onKeepalive();
  void onDisconnected();

  QWebSocket *m_ws;
  MuxLimits m_limits;
  MuxCounters *m_counters;
  FrameDecoder m_decoder;
  QByteArray m_out;
  QByteArray m_small;  // body of the control/error frame being decoded
  QPointer<MuxStream> m_current;
  QHash<QString, MuxStream *> m_streams;
  QList<QPointer<MuxStream>> m_blocked;
  QTimer m_keepalive;
  QElapsedTimer m_lastSeen;
  bool m_flushScheduled = false;
  bool m_closed = false;
  bool m_closing = false;
};

}  // namespace routeless::mproxy
