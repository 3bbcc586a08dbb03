#pragma once
// The agent's state directory (NoRouter's stateDir): `hosts` and `hostaliases` files that let
// applications on the agent's host resolve mesh names without privileges.

#include <QMap>
#include <QString>

namespace routeless::mesh {

// Writes README.md, hosts (the system hosts file plus a marked block of mesh names) and
// hostaliases (`name a.b.c.d.nip.io` for names without dots, merged with $HOSTALIASES) into
// `path` (empty: ~/.norouter/agent; `~` and ${VAR} are expanded here, on the agent).
// Returns false with *error set on failure; callers only warn, as NoRouter does.
bool populateStateDir(const QString &path, const QMap<QString, QString> &hostnameMap,
                      QString *error);

// `~`, `$VAR` and `${VAR}` expanded with this process's environment.
QString expandAgentPath(const QString &path);

}  // namespace routeless::mesh
