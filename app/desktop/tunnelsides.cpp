#include "tunnelsides.h"

#include "mproxy/deviceurl.h"
#include "nodepass/tunnelurl.h"

namespace routeless::desktop {

namespace {
QString hostPort(const nodepass::HostPort &hp) {
  return hp.host.isEmpty() ? QStringLiteral("*:%1").arg(hp.port) : hp.toString();
}
}  // namespace

QString TunnelSides::transportName(int type) {
  switch (type) {
    case 0:
      return tr("TCP");
    case 1:
      return tr("QUIC");
    case 2:
      return tr("WebSocket");
    case 3:
      return tr("HTTP/2");
  }
  return {};
}

TunnelSides TunnelSides::of(const QString &url, int runtimeMode) {
  TunnelSides s;
  QString why;
  if (mproxy::isDeviceUrl(url)) {
    s.roleText = tr("Device link");
    const auto config = mproxy::parseDeviceUrl(url, &why);
    if (!config) return s;
    QStringList targets;
    for (const auto &t : config->targets)
      targets << (t.host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2")
                                                    : QStringLiteral("%1:%2"))
                     .arg(t.host)
                     .arg(t.port);
    s.listens = tr("Listens on nothing here: the relay's listeners take the clients");
    s.connects = tr("Connects to the relay %1:%2, then to %3 for each client")
                     .arg(config->relayUrl.host())
                     .arg(config->relayUrl.port())
                     .arg(targets.join(QStringLiteral(", ")));
    return s;
  }
  const auto u = nodepass::parseTunnelUrl(url, &why);
  if (!u) return s;
  QStringList targetList;
  for (const auto &t : u->targets) targetList << hostPort(t);
  const QString tunnel = hostPort(u->tunnel);
  const QString targets = targetList.join(QStringLiteral(", "));
  const int mode = runtimeMode ? runtimeMode : u->mode;
  s.transport =
      u->role == nodepass::Role::Server ? transportName(u->type) : tr("transport from the server");
  if (u->proxy) s.proxy = tr("PROXY v%1").arg(u->proxy);
  if (u->role == nodepass::Role::Server) {
    s.roleText = tr("Server");
    switch (mode) {
      case 1:
        s.listens = tr("Listens on %1 for the client and on %2 for users").arg(tunnel, targets);
        s.connects = tr("Connects to nothing: the client connects to its target");
        break;
      case 2:
        s.listens = tr("Listens on %1 for the client").arg(tunnel);
        s.connects = tr("Connects to %1 for the client's users").arg(targets);
        break;
      default:
        s.listens = tr("Listens on %1 for the client, and on %2 for users if that address is "
                       "free here")
                        .arg(tunnel, targets);
        s.connects = tr("Otherwise connects to %1 for the client's users").arg(targets);
    }
  } else {
    s.roleText = tr("Client");
    switch (mode) {
      case 1:
        s.listens = tr("Listens on %1 for users (no server: a plain forwarder)").arg(tunnel);
        s.connects = tr("Connects to %1").arg(targets);
        break;
      case 2:
        s.listens =
            tr("Listens on %1 for users when the server connects to its target").arg(targets);
        s.connects = tr("Connects to the server at %1; connects to %2 when the server listens "
                        "for users")
                         .arg(tunnel, targets);
        break;
      default:
        s.listens = tr("Listens on %1 for users if that address is free here (then no server is "
                       "needed)")
                        .arg(tunnel);
        s.connects = tr("Otherwise connects to the server at %1; %2 is this side's target")
                         .arg(tunnel, targets);
    }
  }
  return s;
}

}  // namespace routeless::desktop
