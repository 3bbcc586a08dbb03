#pragma once
// TCP pool transport (type 0): one TCP connection per slot, TLS 1.3 on it for tls=1/2. It must
// never admit a connection from another IP than the handshake's, nor beyond the pool's max.
#include "pooltransport.h"

namespace routeless::nodepass {

class TcpPoolServer final : public PoolServerTransport {
  Q_OBJECT
 public:
  TcpPoolServer(PoolTransportConfig config, QObject *parent);
  void takeConnection(net::SocketStream *conn) override;

 private:
  PoolTransportConfig config_;
};

class TcpPoolClient final : public PoolClientTransport {
  Q_OBJECT
 public:
  TcpPoolClient(PoolTransportConfig config, QObject *parent);
  void openSlot(SlotDone done) override;

 private:
  PoolTransportConfig config_;
};

}  // namespace routeless::nodepass
