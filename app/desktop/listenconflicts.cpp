#include "listenconflicts.h"

#include <QFileInfo>

namespace routeless::desktop {

bool runsLocally(const mesh::HostSpec &host) {
  if (host.cmd.isEmpty()) return true;
  const QString program = QFileInfo(host.cmd.first()).completeBaseName();
  return program == QLatin1String("routeless-node") || program == QLatin1String("norouter");
}

ListenConflict findListenConflict(const mesh::Manifest &m) {
  ListenConflict c;
  for (const auto &h : m.hosts)
    if (runsLocally(h) && !h.loopbackDisable) c.hosts << h.name;
  if (c.hosts.size() < 2) return {};
  // A listening agent takes its own ports on its VIP and every other host's on theirs: all of
  // the mesh's TCP ports.
  for (const auto &h : m.hosts)
    for (const auto &p : h.ports)
      if (p.proto != QLatin1String("udp"))
        c.addresses << QStringLiteral("%1:%2").arg(h.vip).arg(p.listenPort);
  return c.isConflict() ? c : ListenConflict{};
}

QString ListenConflict::text() const {
  QStringList shown = addresses.mid(0, 3);
  if (addresses.size() > 3) shown << tr("%n more", nullptr, int(addresses.size() - 3));
  return tr("%1 all run on this machine and would all listen on %2; only the first can. Let one "
            "of them listen and set \"Do not listen on this machine's loopback\" for the others.")
      .arg(hosts.join(QStringLiteral(", ")), shown.join(QStringLiteral(", ")));
}

mesh::Manifest withOneListener(mesh::Manifest m, const ListenConflict &conflict,
                               const QString &keep) {
  for (auto &h : m.hosts)
    if (conflict.hosts.contains(h.name) && h.name != keep) h.loopbackDisable = true;
  return m;
}

}  // namespace routeless::desktop
