#pragma once
// The command table of routeless-node: one function per role.
#include <QStringList>
#include <string>
#include <vector>

namespace routeless::node {
int dispatch(const QStringList &args);
// The mesh agent; `args` are every argument after the program name (`--debug`, `agent`, ...).
int runAgent(const std::vector<std::string> &args);
int runMesh(const QStringList &args);
int runMproxy(const QStringList &args);
int runRelay(const QStringList &args);
int runRelayDevice(const QStringList &args);
// NodePass roles: args[0] is the whole "server://..." or "client://..." URL.
int runNodePass(const QStringList &args);
// NodePass master API: args[0] is the whole "master://..." URL.
int runMaster(const QStringList &args);
// Control plane: the UI protocol daemon, the engine (node) it launches, and the CLI client.
int runDaemon(const QStringList &args);
int runEngine(const QStringList &args);
int runCtl(const QStringList &args);
}  // namespace routeless::node
