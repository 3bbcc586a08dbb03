#include "pooltransport.h"

#include "h2pool.h"
#include "quicpool.h"
#include "tcppool.h"
#include "wspool.h"

namespace routeless::nodepass {

PoolServerTransport *makePoolServerTransport(const PoolTransportConfig &config, QObject *parent) {
  switch (config.type) {
    case PoolType::Tcp:
      return new TcpPoolServer(config, parent);
    case PoolType::Quic:
      return new QuicPoolServer(config, parent);
    case PoolType::WebSocket:
      return new WsPoolServer(config, parent);
    case PoolType::Http2:
      return new H2PoolServer(config, parent);
  }
  return nullptr;
}

PoolClientTransport *makePoolClientTransport(const PoolTransportConfig &config, QObject *parent) {
  switch (config.type) {
    case PoolType::Tcp:
      return new TcpPoolClient(config, parent);
    case PoolType::Quic:
      return new QuicPoolClient(config, parent);
    case PoolType::WebSocket:
      return new WsPoolClient(config, parent);
    case PoolType::Http2:
      return new H2PoolClient(config, parent);
  }
  return nullptr;
}

QString poolTypeName(int type) {
  switch (type) {
    case 0:
      return QStringLiteral("TCP");
    case 1:
      return QStringLiteral("QUIC");
    case 2:
      return QStringLiteral("WebSocket");
    case 3:
      return QStringLiteral("HTTP/2");
  }
  return QStringLiteral("type %1").arg(type);
}

}  // namespace routeless::nodepass
