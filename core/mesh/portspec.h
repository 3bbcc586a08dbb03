#pragma once
// One entry of a NoRouter host's `ports` ("LISTENPORT:CONNECTHOST:CONNECTPORT[/tcp|/udp]")
// and its only reader, parsePortSpec(), used by the manifest, profiles and the app's host
// editor alike. It never resolves the host nor accepts what NoRouter 0.6.5 would refuse
// (except our `/udp`); every refusal says what is wrong and what would be valid.
#include <QString>
#include <optional>

namespace routeless::mesh {

// One "LISTENPORT:CONNECTHOST:CONNECTPORT[/tcp|/udp]" entry of a host's `ports`.
struct PortSpec {
  quint16 listenPort = 0;
  QString connectHost;  // an IPv4 address or a host name, resolved on the agent's host
  quint16 connectPort = 0;
  QString proto = QStringLiteral("tcp");  // "tcp" (NoRouter) or "udp" (our extension)

  bool operator==(const PortSpec &) const = default;
  QString toString() const;  // back in manifest form, "8080:127.0.0.1:80" (+ "/udp")
};

// As NoRouter reads a `ports` entry: exactly three ':'-separated parts (so no IPv6 connect
// address and no listen address), ports 1-65535 as plain digits, the connect host a strict
// dotted quad or a host name of letters, digits, '-', '_' and '.', then optionally /tcp or
// /udp. No trimming: the caller splits and trims lists. On failure *error (when given) says
// why, quoting the input, e.g. "\"80:80\" is not LISTENPORT:CONNECTHOST:CONNECTPORT (...)".
std::optional<PortSpec> parsePortSpec(const QString &text, QString *error = nullptr);

}  // namespace routeless::mesh
