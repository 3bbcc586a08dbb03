#pragma once
// A non-blocking TCP socket for the relay's clients and the device's targets, with what
// QTcpSocket lacks here: half-close (a FIN is reported, the socket stays writable, and M-PROXY's
// `end` becomes a FIN the other way) and reads straight into the caller's buffer. It has no
// read buffer of its own and never grows one: while reading is disabled the kernel pushes back.
// The socket is a net::SocketStream (core/net's one socket layer); this class adds the write
// queue, the dial over several addresses and Node's error codes.

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <deque>

class QTcpServer;

namespace routeless::net {
class SocketStream;
}

namespace routeless::mproxy {

// See the top of this file. It never reads into a buffer of its own and never emits a signal
// after abort() or close().
class TcpChannel final : public QObject {
  Q_OBJECT
 public:
  // Takes ownership of a connected socket (e.g. from TcpListener).
  static TcpChannel *adopt(qintptr fd, QObject *parent = nullptr);
  // Starts a non-blocking connect; connected() or failed() follows. `host` may be a name.
  static TcpChannel *dial(const QString &host, quint16 port, QObject *parent = nullptr);
  ~TcpChannel() override;

  bool isConnected() const { return m_stream && m_connected; }
  bool isOpen() const { return m_stream != nullptr; }
  bool readEof() const { return m_readEof; }
  QHostAddress peerAddress() const { return m_peer; }
  quint16 peerPort() const { return m_peerPort; }
  quint16 localPort() const { return m_localPort; }
  QString peerLabel() const;  // "host:port" as dialled or accepted

  // Reads up to `max` bytes into `buf`: > 0 bytes read, 0 nothing available now, -1 the peer
  // sent FIN (readEof()) or the socket failed (failed() was emitted).
  qint64 read(char *buf, qint64 max);
  qint64 peek(char *buf, qint64 max);
  qint64 bytesAvailable() const;  // what the kernel holds for reading now
  // While disabled, readable() is not emitted and the kernel's window closes on the peer.
  void setReadEnabled(bool enabled);

  // Sends what the kernel takes now and queues the rest (copied once).
  void write(QByteArrayView data);
  qint64 queuedBytes() const { return m_queued; }
  // FIN once everything queued is sent; reading goes on.
  void shutdownWrite();
  bool writeShut() const { return m_shutdownSent; }
  // RST, close; no signal follows.
  void abort();
  // Plain close (after both FINs); no signal follows.
  void close();

 Q_SIGNALS:
  void connected();
  void readable();
  void wrote(qint64 stillQueued);  // some queued bytes went out
  void writeShutDone();            // the FIN asked for by shutdownWrite() went out
  void failed(const QByteArray &code, const QString &message);  // socket closed afterwards

 private:
  explicit TcpChannel(QObject *parent);
  void attach(net::SocketStream *stream);
  void startConnect(const QList<QHostAddress> &addresses, quint16 port);
  void onStreamReady();
  void onStreamFailed();
  void flushQueue();
  void fail(int err, const char *during);
  void closeStream();
  void finishShutdownIfDrained();

  net::SocketStream *m_stream = nullptr;
  std::deque<QByteArray> m_queue;
  qsizetype m_headOffset = 0;
  qint64 m_queued = 0;
  QHostAddress m_peer;
  QString m_peerName;
  quint16 m_peerPort = 0;
  quint16 m_localPort = 0;
  QList<QHostAddress> m_candidates;  // addresses still to try while dialling
  bool m_connected = false;
  bool m_closed = false;  // closed or failed: nothing more is accepted
  bool m_readEnabled = true;
  bool m_readEof = false;
  bool m_shutdownWanted = false;
  bool m_shutdownSent = false;
};

// A listening socket that hands out raw accepted descriptors (TcpChannel::adopt), so that no
// QTcpSocket with its own buffering sits in between.
class TcpListener final : public QObject {
  Q_OBJECT
 public:
  explicit TcpListener(QObject *parent = nullptr);
  ~TcpListener() override;
  bool listen(const QHostAddress &address, quint16 port);
  QString errorString() const;
  quint16 serverPort() const;
  void close();

 Q_SIGNALS:
  void accepted(qintptr fd);

 private:
  QTcpServer *m_server;
};

}  // namespace routeless::mproxy
