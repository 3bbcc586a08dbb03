#pragma once
// The command table of routeless-node: one function per role.
#include <QStringList>

namespace routeless::node {
int dispatch(const QStringList &args);
int runAgent(const QStringList &args);
int runMesh(const QStringList &args);
int runMproxy(const QStringList &args);
int runRelay(const QStringList &args);
int runRelayDevice(const QStringList &args);
// NodePass roles: args[0] is the whole "server://...", "client://..." or "master://..." URL.
int runNodePass(const QStringList &args);
}  // namespace routeless::node
