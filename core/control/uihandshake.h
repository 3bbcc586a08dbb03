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
#include "net/weborigin.h"

namespace routeless::control {

// Origins and the Host check live in core/net (the master uses them too).
using net::isLoopbackHost;
using net::parseOriginList;
using net::WebOrigin;

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

}  // namespace routeless::control
