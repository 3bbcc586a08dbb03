#pragma once
// The NoRouter manifest (YAML): the hosts of a mesh, their VIPs, commands, port forwards,
// proxies and state directories, and the routes through bastions. parseManifest() accepts
// every manifest NoRouter 0.6.5 accepts (plus `/udp` ports) and explains every rejection
// with file, line, field and what would be valid; toYaml() writes one back.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <variant>

#include "mesh/portspec.h"

namespace routeless::mesh {

// A host after the hostTemplate has been applied: what the manager needs to start it.
struct HostSpec {
  QString name;     // 1-253 bytes of UTF-8, no whitespace or control characters
  QString vip;      // canonical dotted quad, never 0/8, 224/4, x.0 nor x.255.255.255
  QStringList cmd;  // argv before "agent --automated"; empty: our own local agent
  QList<PortSpec> ports;
  QString httpListen;  // "ip:port", empty: no HTTP proxy
  QString socksListen;
  // Ours ("allowRemote: true" under http/socks; NoRouter ignores it): the agent may listen on
  // a non-loopback address, which it refuses otherwise.
  bool httpAllowRemote = false;
  bool socksAllowRemote = false;
  bool loopbackDisable = false;
  QString stateDirPath;  // sent verbatim; `~` and ${VAR} are expanded by the agent
  bool stateDirDisable = false;
  QStringList aliases;
  bool writeEtcHosts = false;
  // Ours (NoRouter 0.6.5 ignores the key): the manager probes the host through cmd minus its
  // last word, and copies the agent there when it lacks one (core/mesh/agentinstaller.h).
  bool zeroInstall = false;
  int line = 0;  // where the host's key is in the file (0: not from a file)

  bool sameAs(const HostSpec &o) const;  // equality without `line`
};

// A route: `via` is a host name or an IPv4 address, `to` split into CIDRs and name globs.
struct RouteSpec {
  QString via;
  QStringList toCidr;
  QStringList toHostnameGlob;
  int line = 0;

  bool sameAs(const RouteSpec &o) const;
};

struct Manifest {
  QList<HostSpec> hosts;  // in file order
  QList<RouteSpec> routes;
  QStringList warnings;  // e.g. "unknown field X at line N; ignored"

  bool sameAs(const Manifest &o) const;  // hosts and routes, ignoring lines and warnings
  const HostSpec *host(const QString &name) const;
  // The VIP a route's `via` stands for: a host's VIP, or the literal address itself.
  QString resolveVia(const QString &via) const;
};

struct ManifestError {
  QString file;
  int line = 0;  // 1-based; 0 when the error has no place (e.g. the file cannot be read)
  int column = 0;
  QString field;  // e.g. "hosts.b.vip", empty for syntax errors
  QString message;
  // "FILE:LINE:COL: hosts.b.vip: \"x\" is not an IPv4 address (expected e.g. 127.0.42.101)"
  QString toString() const;
};

using ManifestResult = std::variant<Manifest, ManifestError>;

// Manifests larger than this are refused before parsing (real ones are a few KB).
inline constexpr qsizetype kMaxManifestSize = 1024 * 1024;
// A manifest may hold at most this many YAML nodes once every alias (`*name`, also under a
// merge key `<<`) is expanded: a 1 KB "billion laughs" stops at the alias that crosses it,
// before anything is built. A manifest of 1,000 hosts needs about 30,000.
inline constexpr qsizetype kMaxManifestNodes = 100'000;
// Hosts per manifest: each agent gets every other host's ports and names, so a mesh costs
// (hosts)^2 in configure bytes; beyond this, refused with the limit in the message.
inline constexpr qsizetype kMaxHosts = 1000;
// Warnings kept per manifest (unknown fields, VIPs outside 127/8, ...); the rest are counted.
inline constexpr qsizetype kMaxWarnings = 100;

ManifestResult parseManifest(const QByteArray &yaml, const QString &fileName);
ManifestResult loadManifest(const QString &path);

// NoRouter-valid YAML for `manifest`, written by yaml-cpp's emitter: hosts in order with
// every field spelled out (no hostTemplate), then routes; every string double-quoted.
// parseManifest(toYaml(m)) gives back m for every m that parseManifest returned.
// `headerComment` lines (if any) open the file as `# ` comments.
QByteArray toYaml(const Manifest &manifest, const QStringList &headerComment = {});

// google/shlex-compatible splitting of a `cmd` string: whitespace separates words, '...'
// is literal, "..." and bare text take backslash escapes, '#' at a word start comments out
// the rest of the line. Returns false (and says why) on an unclosed quote or trailing '\'.
bool splitCommandLine(const QString &text, QStringList *words, QString *error);

// A strict dotted quad (no leading zeros, each part 0-255); the canonical form or empty.
QString canonicalIpv4(const QString &text);

}  // namespace routeless::mesh
