#pragma once
// ListenConflicts: finds hosts of a manifest whose agents would run on this machine and listen
// on its loopback together. Each such agent listens on VIP:port for every port of the mesh, so
// two of them take the same addresses and the second one never becomes Ready. It only reads
// the manifest; the cure (loopback.disable on all but one) is the caller's to offer.

#include <QCoreApplication>
#include <QStringList>

#include "mesh/manifest.h"

namespace routeless::desktop {

struct ListenConflict {
  Q_DECLARE_TR_FUNCTIONS(ListenConflict)

 public:
  QStringList hosts;      // the local hosts that listen, in manifest order
  QStringList addresses;  // the VIP:port addresses they would all take
  bool isConflict() const { return hosts.size() > 1 && !addresses.isEmpty(); }
  // "alpha and beta both run on this machine and listen on 127.0.42.2:18080: ..."
  QString text() const;
};

// Whether a host's agent runs on this machine: no command (our own agent), or a command that
// starts routeless-node or norouter directly (not through ssh, docker, kubectl...).
bool runsLocally(const mesh::HostSpec &host);

ListenConflict findListenConflict(const mesh::Manifest &manifest);

// `manifest` with loopback.disable set on every conflicting host but `keep`.
mesh::Manifest withOneListener(mesh::Manifest manifest, const ListenConflict &conflict,
                               const QString &keep);

}  // namespace routeless::desktop
