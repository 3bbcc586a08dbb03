#pragma once
// HTTP/2 pool transport (type 3, NodePass's nph2): one TLS 1.3 connection with ALPN h2 from the
// client to the tunnel port; each slot is one "POST /stream" whose request body carries client to
// server bytes and whose response body carries the other direction, the client's first byte
// being 0x00. It must never serve a request from another IP than the handshake's (403) nor
// buffer more of a slot's input than its flow-control window.
#include <nghttp2/nghttp2.h>

#include <QHash>
#include <QPointer>
#include <QTimer>

#include "net/virtualstream.h"
#include "pooltransport.h"

namespace routeless::nodepass {

class H2Connection;

// One HTTP/2 stream of the pool as a Stream.
class H2Stream final : public net::VirtualStream {
  Q_OBJECT
 public:
  H2Stream(H2Connection *connection, QObject *parent = nullptr);
  ~H2Stream() override;
  net::SocketAddress peer() const override;
  net::SocketAddress local() const override;
  QByteArray peerCertificateDer() const override;
  QByteArray tlsExporter(const QByteArray &label, int length) const override;

 protected:
  qint64 sendCapacity() const override;
  bool sendBytes(const char *data, qint64 len) override;
  void sendEof() override;
  void abortStream() override;
  void consumed(qint64 n) override;

 private:
  friend class H2Connection;
  QPointer<H2Connection> connection_;
  qint32 id_ = -1;
};

// One TLS socket with an nghttp2 session, client or server side.
class H2Connection final : public QObject {
  Q_OBJECT
 public:
  H2Connection(net::SocketStream *socket, bool server, const PoolTransportConfig &config,
               QObject *parent);
  ~H2Connection() override;
  bool isAlive() const { return alive_; }
  // Client: a new POST /stream (its 0x00 queued). Ownership passes to the caller.
  H2Stream *openStream();
  net::SocketStream *socket() const { return socket_; }

  // for H2Stream
  qint64 capacity(qint32 id) const;
  void send(qint32 id, const char *data, qint64 len);
  void sendEof(qint32 id);
  // The stream object is gone: a stream that ended cleanly both ways keeps sending what it
  // queued; any other is reset.
  void release(qint32 id);
  void consume(qint32 id, qint64 n);

 Q_SIGNALS:
  // Server: a POST /stream whose 0x00 arrived; the receiver owns it.
  void streamReady(H2Stream *stream);
  void died(const QString &reason);

 private:
  static ssize_t readData(nghttp2_session *, int32_t id, uint8_t *buf, size_t length,
                          uint32_t *flags, nghttp2_data_source *source, void *user);
  static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user);
  static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
                      size_t namelen, const uint8_t *value, size_t valuelen, uint8_t flags,
                      void *user);
  static int onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *user);
  static int onDataChunk(nghttp2_session *, uint8_t flags, int32_t id, const uint8_t *data,
                         size_t len, void *user);
  static int onStreamClose(nghttp2_session *, int32_t id, uint32_t error, void *user);
  static int onFrameSend(nghttp2_session *, const nghttp2_frame *frame, void *user);

  // What the connection keeps per stream; it outlives the H2Stream so queued bytes still go.
  struct Slot {
    H2Stream *owner = nullptr;
    QByteArray out;
    qsizetype offset = 0;
    bool eofQueued = false;
    bool peerEof = false;
    bool handshakeSeen = false;  // server: the client's 0x00 arrived
    int status = 0;              // client: the response status
    bool resetAfterEof = false;  // owner gone after its end: reset once our END_STREAM is out
  };

  void onReadable();
  void pump();
  void schedulePump();
  void die(const QString &reason);
  void serveRequest(int32_t id);
  void respondError(int32_t id, int status, const char *body);

  struct Request {
    QByteArray method;
    QByteArray path;
  };

  QPointer<net::SocketStream> socket_;
  bool server_;
  PoolTransportConfig config_;
  nghttp2_session *session_ = nullptr;
  QHash<int32_t, Slot> slots_;
  QHash<int32_t, Request> requests_;
  QHash<int32_t, QByteArray> errorBodies_;
  QByteArray out_;
  qsizetype outOffset_ = 0;
  bool alive_ = true;
  bool pumping_ = false;
  int inSession_ = 0;
  bool pumpScheduled_ = false;
  QTimer keepAlive_;
  QTimer idle_;
};

class H2PoolServer final : public PoolServerTransport {
  Q_OBJECT
 public:
  H2PoolServer(PoolTransportConfig config, QObject *parent);
  void takeConnection(net::SocketStream *conn) override;

 private:
  PoolTransportConfig config_;
};

class H2PoolClient final : public PoolClientTransport {
  Q_OBJECT
 public:
  H2PoolClient(PoolTransportConfig config, QObject *parent);
  void openSlot(SlotDone done) override;

 private:
  void connectSession();
  void settle(const QString &error);

  PoolTransportConfig config_;
  QPointer<H2Connection> connection_;
  bool connecting_ = false;
  QList<SlotDone> waiting_;
};

}  // namespace routeless::nodepass
