#include "hostservices.h"

#include <QVariantMap>

namespace routeless::desktop {
namespace {

QVariantMap entry(const char *kind, const QString &label, const QString &value,
                  const QString &copy) {
  return {{QStringLiteral("kind"), QLatin1String(kind)},
          {QStringLiteral("label"), label},
          {QStringLiteral("value"), value},
          {QStringLiteral("copy"), copy}};
}

}  // namespace

QVariantList HostServices::of(const mesh::HostSpec &host, const QList<mesh::RouteEntry> &table) {
  QVariantList out;
  // socks5h: the proxy resolves names, so mesh host names work from the client too.
  if (!host.socksListen.isEmpty())
    out.append(entry("socks", tr("SOCKS proxy"), host.socksListen,
                     QStringLiteral("socks5h://") + host.socksListen));
  if (!host.httpListen.isEmpty())
    out.append(entry("http", tr("HTTP proxy"), host.httpListen,
                     QStringLiteral("http://") + host.httpListen));
  const QString dns = QStringLiteral("%1:%2").arg(host.vip).arg(kDnsPort);
  out.append(entry("dns", tr("DNS"), dns, dns));
  for (const mesh::PortSpec &p : host.ports) {
    if (p.proto != QLatin1String("udp")) continue;
    const QString listen = QStringLiteral("%1:%2").arg(host.vip).arg(p.listenPort);
    out.append(entry("udp", tr("UDP forward"),
                     tr("%1 → %2:%3").arg(listen, p.connectHost).arg(p.connectPort), listen));
  }
  for (const mesh::RouteEntry &r : table) {
    if (r.kind != QLatin1String("learned") || r.via != host.vip) continue;
    out.append(
        entry("route", tr("Learned route"), tr("%1 via this host").arg(r.destination), QString()));
  }
  return out;
}

}  // namespace routeless::desktop
