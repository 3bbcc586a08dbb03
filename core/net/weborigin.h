#pragma once
// Where a browser request comes from and which name it used: web origins (RFC 6454) parsed
// exactly, allow-lists of them, and the loopback Host check against DNS rebinding. Shared by
// every listener a browser can reach (the UI protocol, the NodePass master). Pure functions;
// an origin is never matched by prefix and a Host is never resolved.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace routeless::net {

// A web origin as browsers send it (RFC 6454 §6.1): scheme, host and port. Parsing lower-cases
// scheme and host and makes the default port of http/ws (80) and https/wss (443) explicit, so
// "http://localhost" and "http://LOCALHOST:80" are the same origin.
struct WebOrigin {
  QByteArray scheme;
  QByteArray host;  // an IPv6 literal keeps its brackets
  int port = -1;    // -1: no port and a scheme without a default one

  bool operator==(const WebOrigin &other) const = default;
  QByteArray toString() const;
  // "scheme://host[:port]" only: "null", a path (even "/"), user info, a query or an empty
  // host give nullopt.
  static std::optional<WebOrigin> parse(QByteArrayView text);
};

// Parses a comma-separated allow-list ("http://localhost:8080, https://ui.example"); nullopt
// with *error naming the first entry that is not an origin.
std::optional<QList<WebOrigin>> parseOriginList(QByteArrayView text, QByteArray *error);

// Whether a Host header names a loopback address literal (127.0.0.0/8, [::1]) or "localhost",
// with `port` (a missing port means 80).
bool isLoopbackHost(QByteArrayView host, quint16 port);

}  // namespace routeless::net
