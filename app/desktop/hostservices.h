#pragma once
// What the Mesh page lists under a host besides its forwards: its HTTP and SOCKS proxies (with
// the URL a client is given), its built-in DNS (VIP:10053), its UDP forwards (the manifest's
// "/udp" ports) and the routes the manager learned through it. It only reads the manifest and
// the manager's table; it never probes a host.

#include <QCoreApplication>
#include <QList>
#include <QVariantList>
#include <functional>

#include "mesh/manifest.h"
#include "mesh/router.h"

namespace routeless::desktop {

class HostServices {
  Q_DECLARE_TR_FUNCTIONS(HostServices)
 public:
  // NoRouter's built-in DNS listens on every VIP at this port.
  static constexpr int kDnsPort = 10053;

  // One entry per service, in the order shown: {kind: "http"|"socks"|"dns"|"udp"|"route",
  // label (translated), value (what is shown, monospace), copy (what the copy button copies;
  // empty: none)}; the proxies also have key (StoppedForwards' key, for Start / Stop) and
  // stopped (`isStopped(key)`: stopped in this session). `table` is the manager's routing
  // table; learned routes whose `via` is this host's VIP are listed.
  using IsStopped = std::function<bool(const QString &key)>;
  static QVariantList of(const mesh::HostSpec &host, const QList<mesh::RouteEntry> &table,
                         const IsStopped &isStopped = {});
};

}  // namespace routeless::desktop
