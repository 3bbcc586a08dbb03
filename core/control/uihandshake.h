#pragma once
// The UI protocol's WebSocket upgrade judged from a parsed request head: from where (the Host
// must name a loopback address and our port; a browser's Origin must be in the user's
// allow-list), how (a valid RFC 6455 upgrade offering Routeless-UIv1) and by whom (the user's
// token, compared in constant time). Pure functions over bytes, so they can be fuzzed; they
// never log, and never put the token or a presented credential into a reason.

#include <QByteArray>
#include <QList>
#include <optional>

#include "net/httphead.h"

namespace routeless::control {

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

// The prefix of the subprotocol value that carries the token: "routeless-auth.<token>".
inline constexpr char kUiAuthSubprotocolPrefix[] = "routeless-auth.";

struct UiAccessPolicy {
  QByteArray token;                 // empty: nobody is let in
  QList<WebOrigin> allowedOrigins;  // pages that may connect; empty: no browser page
  quint16 port = 0;                 // where we listen: the Host header must name it
};

struct UiHandshakeVerdict {
  int status = 400;      // 101: accept; else 400, 401, 403, 405, 426 (or 503 from the server)
  QByteArray reason;     // short ASCII, for the log and the refusal's body; never a secret
  QByteArray acceptKey;  // Sec-WebSocket-Accept, when 101
};

// Checks, in this order: method and version (405, 400), Host (403), Origin (403), the
// WebSocket upgrade fields (400, or 426 for another version), the Routeless-UIv1 subprotocol
// (400), the token from `Authorization: Bearer` and/or a `routeless-auth.` subprotocol (401).
UiHandshakeVerdict judgeUiHandshake(const net::HttpRequestHead &head, const UiAccessPolicy &policy);

// The bytes that answer a verdict: 101 with Routeless-UIv1 as the only subprotocol, or the
// refusal (text body, `Connection: close`, WWW-Authenticate for 401, the version for 426).
QByteArray uiHandshakeResponse(const UiHandshakeVerdict &verdict);

// Whether a Host header names a loopback address literal (127.0.0.0/8, [::1]) or "localhost",
// with `port` (a missing port means 80).
bool isLoopbackHost(QByteArrayView host, quint16 port);

}  // namespace routeless::control
