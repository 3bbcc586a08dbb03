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

namespace {

// "alpha", "alpha and beta", "alpha, beta and gamma": names read as a list in a sentence.
QString listOfNames(const QStringList &names) {
  if (names.size() < 2) return names.value(0);
  QString head = names.first();
  for (int i = 1; i < names.size() - 1; ++i)
    head = ListenConflict::tr("%1, %2", "a list of host names").arg(head, names[i]);
  return ListenConflict::tr("%1 and %2", "the last two of a list of host names")
      .arg(head, names.last());
}

}  // namespace

QString ListenConflict::text() const {
  QStringList shown = addresses.mid(0, 3);
  if (addresses.size() > 3) shown << tr("%n more", nullptr, int(addresses.size() - 3));
  const QString where = shown.join(QStringLiteral(", "));
  const QString advice =
      tr("Let one of them listen and set \"Do not listen on this machine's "
         "loopback\" for the others.");
  // Two hosts read "both", more read "all"; Qt's plural forms cannot tell two from many in
  // English, hence two sentences.
  if (hosts.size() == 2)
    return tr("%1 both run on this machine and would both listen on %2; only one of them can.")
               .arg(listOfNames(hosts), where) +
           QLatin1Char(' ') + advice;
  return tr("All %n hosts, %1, run on this machine and would all listen on %2; only one of them "
            "can.",
            nullptr, int(hosts.size()))
             .arg(listOfNames(hosts), where) +
         QLatin1Char(' ') + advice;
}

mesh::Manifest withOneListener(mesh::Manifest m, const ListenConflict &conflict,
                               const QString &keep) {
  for (auto &h : m.hosts)
    if (conflict.hosts.contains(h.name) && h.name != keep) h.loopbackDisable = true;
  return m;
}

}  // namespace routeless::desktop
