#pragma once
// WebSocket pool transport (type 2, NodePass's npws): one WebSocket per slot on the tunnel port,
// ws:// for tls=0 and wss:// for tls 1/2 (or port 443), binary messages carrying a byte stream,
// the 4-byte ID as the first message. It must never upgrade a connection from another IP (403)
// or beyond the pool's max (503), and never deliver bytes of a text or malformed frame.
#include <QPointer>

#include "net/virtualstream.h"
#include "pooltransport.h"
#include "wsframe.h"

namespace routeless::nodepass {

// One WebSocket over a (TLS) socket as a Stream: each write is one binary message.
class WsStream final : public net::VirtualStream {
  Q_OBJECT
 public:
  // Takes ownership of `socket` (open, upgrade done). `initial` holds bytes read past the head.
  WsStream(net::SocketStream *socket, bool clientSide, const QByteArray &initial,
           QObject *parent = nullptr);
  ~WsStream() override;
  // Owns its socket and framing: it may follow its pump to a worker thread.
  bool canMoveThread() const override { return true; }
  net::SocketAddress peer() const override { return peer_; }
  net::SocketAddress local() const override { return local_; }
  QByteArray peerCertificateDer() const override;
  QByteArray tlsExporter(const QByteArray &label, int length) const override {
    return socket_ ? socket_->tlsExporter(label, length) : QByteArray();
  }
  void start();

 protected:
  qint64 sendCapacity() const override;
  bool sendBytes(const char *data, qint64 len) override;
  void sendEof() override;
  void abortStream() override;
  void consumed(qint64 n) override;

 private:
  void onSocketReadable();
  void flush();
  void queueFrame(int opcode, const char *data, qint64 len);
  void onControl(int opcode, const QByteArray &payload);

  QPointer<net::SocketStream> socket_;
  bool client_;
  WsFrameDecoder decoder_;
  WsFrameDecoder::Handler handler_;
  QByteArray initial_;
  QByteArray out_;
  qsizetype outOffset_ = 0;
  bool closeSent_ = false;
  bool closeReceived_ = false;
  bool readPaused_ = false;
  net::SocketAddress peer_;
  net::SocketAddress local_;
};

class WsPoolServer final : public PoolServerTransport {
  Q_OBJECT
 public:
  WsPoolServer(PoolTransportConfig config, QObject *parent);
  void takeConnection(net::SocketStream *conn) override;

 private:
  void serveUpgrade(net::SocketStream *conn);
  PoolTransportConfig config_;
};

class WsPoolClient final : public PoolClientTransport {
  Q_OBJECT
 public:
  WsPoolClient(PoolTransportConfig config, QObject *parent);
  void openSlot(SlotDone done) override;

 private:
  void upgrade(net::SocketStream *conn, SlotDone done);
  PoolTransportConfig config_;
  bool useTls_ = false;
  QByteArray hostHeader_;
};

// The upgrade request a client sends (exposed for tests and the fuzz target).
QByteArray buildWsUpgradeRequest(const QByteArray &host, const QByteArray &key);

}  // namespace routeless::nodepass
