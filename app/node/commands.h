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
}  // namespace routeless::node
