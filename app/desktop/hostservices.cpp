#include "hostservices.h"

#include <QVariantMap>

#include "stoppedforwards.h"

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

QVariantList HostServices::of(const mesh::HostSpec &host, const QList<mesh::RouteEntry> &table,
                              const IsStopped &isStopped) {
  QVariantList out;
  auto proxy = [&](const char *kind, const QString &label, const QString &listen,
                   const QString &copy, const QString &key) {
    QVariantMap e = entry(kind, label, listen, copy);
    e.insert(QStringLiteral("key"), key);
    e.insert(QStringLiteral("stopped"), isStopped && isStopped(key));
    out.append(e);
  };
  // socks5h: the proxy resolves names, so mesh host names work from the client too.
  if (!host.socksListen.isEmpty())
    proxy("socks", tr("SOCKS proxy"), host.socksListen,
          QStringLiteral("socks5h://") + host.socksListen, StoppedForwards::socksKey(host.name));
  if (!host.httpListen.isEmpty())
    proxy("http", tr("HTTP proxy"), host.httpListen, QStringLiteral("http://") + host.httpListen,
          StoppedForwards::httpKey(host.name));
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
