#pragma once
// The agent's state directory (NoRouter's stateDir): `hosts` and `hostaliases` files that let
// applications on the agent's host resolve mesh names without privileges, and a README.
// Failures are reported for a warning only, as NoRouter does; nothing outside it is touched.

#include <map>
#include <string>

namespace routeless::agent {

// Writes README.md, hosts (the system hosts file minus any earlier mesh block, plus a marked
// block of mesh names) and hostaliases (`name a.b.c.d.nip.io` for names without dots, merged
// with the file $HOSTALIASES names) into `path` (empty: ~/.norouter/agent; `~`, `$VAR` and
// `${VAR}` are expanded here, on the agent). Returns false with *error set on failure.
bool populateStateDir(const std::string &path, const std::map<std::string, std::string> &names,
                      std::string *error);

// `~`, `$VAR` and `${VAR}` expanded with this process's environment.
std::string expandAgentPath(const std::string &path);

// The two files' contents, for tests: `systemHosts` is the current system hosts file and
// `existingAliases` the $HOSTALIASES file ("" when there is none).
std::string hostsFileText(const std::string &systemHosts,
                          const std::map<std::string, std::string> &names);
std::string hostAliasesText(const std::string &existingAliases,
                            const std::map<std::string, std::string> &names);

}  // namespace routeless::agent
