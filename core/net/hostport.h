#pragma once
// parseHostPort: the one reader of "HOST:PORT" for every address a person or a peer writes
// (URLs, command lines, manifests, targets): "db.internal:5432", "10.0.0.1:80", "[::1]:80", and
// where the caller allows them ":80", "80" or a legacy "::1:80". It never resolves a name and
// never guesses: an IPv6 address without brackets, a port out of range, a host no DNS name or
// IP address looks like are each an error saying what is wrong and what would be valid. Error
// texts quote input only through a printable form (control bytes escaped).
#include <QHostAddress>
#include <QString>
#include <QStringView>
#include <optional>

namespace routeless::net {

struct HostPort {
  // A lower-case DNS name without its trailing dot, or the IP address in its canonical text
  // (IPv6 without brackets); empty when the caller allowed an empty host.
  QString host;
  quint16 port = 0;
  QHostAddress address;  // the host as an IP address; null for a name or an empty host
  bool hasPort = true;   // false (port 0) for a host alone, where the caller allowed it

  bool operator==(const HostPort &other) const {
    return host == other.host && port == other.port && address == other.address &&
           hasPort == other.hasPort;
  }
};

struct HostPortRules {
  enum class Host {
    NameOrAddress,  // a DNS name (ASCII letters, digits, '-', '_', dot-separated labels) or IP
    Address,        // an IPv4 or IPv6 address only
  };
  Host host = Host::NameOrAddress;
  bool emptyHost = false;     // ":80" (e.g. a listener on every address)
  bool portOnly = false;      // "80", read as ":80" (needs emptyHost)
  bool portZero = false;      // port 0 (e.g. "pick a free port")
  bool bareIpv6 = false;      // "::1:80": the last colon splits (legacy syntaxes only)
  bool portOptional = false;  // "host" or "[::1]" alone (an HTTP Host or an origin's authority)
};

// On failure *error (when given) says why, e.g. "missing port; valid: HOST:PORT".
std::optional<HostPort> parseHostPort(QStringView text, const HostPortRules &rules = {},
                                      QString *error = nullptr);

// "host:port", with an IPv6 address in brackets: what parseHostPort reads back.
QString formatHostPort(const QString &host, quint16 port);

}  // namespace routeless::net
