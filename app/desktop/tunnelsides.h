#pragma once
// TunnelSides: which addresses a tunnel listens on and which it connects to, in words, for the
// tunnel form and the Tunnels list (NodePass's server/client modes decide it; "auto" is
// resolved once the tunnel reports its mode). It only reads a URL; it never opens a socket.

#include <QCoreApplication>
#include <QString>

namespace routeless::desktop {

struct TunnelSides {
  Q_DECLARE_TR_FUNCTIONS(TunnelSides)

 public:
  QString roleText;  // "Server", "Client", "Device link"
  QString listens;   // "Listens on 0.0.0.0:10101 for the client"
  QString connects;  // "Connects to 127.0.0.1:8080"
  // The pool transport: "TCP", "QUIC", "WebSocket", "HTTP/2" for a server (its URL's type),
  // "transport from the server" for a client (it learns it in the handshake), empty for a device
  // link.
  QString transport;
  // PROXY header to the target: empty (none), "PROXY v1", "PROXY v2".
  QString proxy;

  // `url` may have its key masked. `runtimeMode` is the NodePass mode the running tunnel
  // reported (1 or 2), 0 when not known yet.
  static TunnelSides of(const QString &url, int runtimeMode = 0);
  // NodePass's pool `type` 0-3 in words; empty for anything else.
  static QString transportName(int type);
};

}  // namespace routeless::desktop
