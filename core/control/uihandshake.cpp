#include "control/uihandshake.h"

#include "control/envelope.h"
#include "net/secretcompare.h"
#include "net/wsframes.h"

namespace routeless::control {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

QByteArray lowered(QByteArrayView s) {
  QByteArray out(s.size(), Qt::Uninitialized);
  for (qsizetype i = 0; i < s.size(); ++i) out[i] = lower(s[i]);
  return out;
}

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// 1 to 5 digits, 1..65535; -1 otherwise.
int parsePort(QByteArrayView digits) {
  if (digits.isEmpty() || digits.size() > 5) return -1;
  int port = 0;
  for (const char c : digits) {
    if (!isDigit(c)) return -1;
    port = port * 10 + (c - '0');
  }
  return port >= 1 && port <= 65535 ? port : -1;
}

int defaultPort(QByteArrayView scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  return -1;
}

// Splits "host[:port]" where host may be a bracketed IPv6 literal. False when malformed.
bool splitHostPort(QByteArrayView text, QByteArrayView *host, QByteArrayView *port) {
  qsizetype hostEnd;
  if (text.startsWith('[')) {
    const qsizetype close = text.indexOf(']');
    if (close < 2) return false;
    for (const char c : text.sliced(1, close - 1))
      if (!isDigit(c) && !(lower(c) >= 'a' && lower(c) <= 'f') && c != ':' && c != '.')
        return false;
    hostEnd = close + 1;
  } else {
    hostEnd = text.indexOf(':');
    if (hostEnd < 0) hostEnd = text.size();
    if (hostEnd == 0) return false;
    for (const char c : text.first(hostEnd))
      if (!isAlpha(c) && !isDigit(c) && c != '-' && c != '.' && c != '_' && c != '~') return false;
  }
  *host = text.first(hostEnd);
  const QByteArrayView rest = text.sliced(hostEnd);
  if (rest.isEmpty()) {
    *port = QByteArrayView();
    return true;
  }
  if (rest.front() != ':') return false;
  *port = rest.sliced(1);
  return parsePort(*port) > 0;
}

// A dotted quad in 127.0.0.0/8, in its one canonical spelling (no leading zeros, 4 parts).
bool isLoopbackIPv4(QByteArrayView host) {
  int parts = 0;
  int first = -1;
  while (true) {
    const qsizetype dot = host.indexOf('.');
    const QByteArrayView part = dot < 0 ? host : host.first(dot);
    if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) return false;
    int value = 0;
    for (const char c : part) {
      if (!isDigit(c)) return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    if (parts++ == 0) first = value;
    if (dot < 0) break;
    host = host.sliced(dot + 1);
  }
  return parts == 4 && first == 127;
}

UiHandshakeVerdict refuse(int status, QByteArray reason) {
  UiHandshakeVerdict v;
  v.status = status;
  v.reason = std::move(reason);
  return v;
}

bool startsWithIgnoringCase(QByteArrayView s, QByteArrayView prefix) {
  return s.size() >= prefix.size() && lowered(s.first(prefix.size())) == lowered(prefix);
}

}  // namespace

QByteArray WebOrigin::toString() const {
  QByteArray out = scheme + "://" + host;
  if (port >= 0 && port != defaultPort(scheme)) out += ':' + QByteArray::number(port);
  return out;
}

std::optional<WebOrigin> WebOrigin::parse(QByteArrayView text) {
  const qsizetype sep = text.indexOf("://");
  if (sep <= 0 || !isAlpha(text.front())) return std::nullopt;
  for (const char c : text.first(sep))
    if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
  QByteArrayView host, port;
  if (!splitHostPort(text.sliced(sep + 3), &host, &port)) return std::nullopt;
  WebOrigin o;
  o.scheme = lowered(text.first(sep));
  o.host = lowered(host);
  o.port = port.isEmpty() ? defaultPort(o.scheme) : parsePort(port);
  return o;
}

std::optional<QList<WebOrigin>> parseOriginList(QByteArrayView text, QByteArray *error) {
  QList<WebOrigin> out;
  for (QByteArray entry : text.toByteArray().split(',')) {
    entry = entry.trimmed();
    if (entry.isEmpty()) continue;
    const auto o = WebOrigin::parse(entry);
    if (!o) {
      if (error)
        *error = "\"" + entry.left(200) +
                 "\" is not an origin: write scheme://host[:port] without a path, e.g. "
                 "http://localhost:8080";
      return std::nullopt;
    }
    if (!out.contains(*o)) out.append(*o);
  }
  return out;
}

bool isLoopbackHost(QByteArrayView host, quint16 port) {
  QByteArrayView name, portText;
  if (!splitHostPort(host, &name, &portText)) return false;
  if ((portText.isEmpty() ? 80 : parsePort(portText)) != int(port)) return false;
  const QByteArray h = lowered(name);
  return h == "localhost" || h == "[::1]" || isLoopbackIPv4(h);
}

UiHandshakeVerdict judgeUiHandshake(const net::HttpRequestHead &head,
                                    const UiAccessPolicy &policy) {
  if (head.method != "GET") return refuse(405, "the UI protocol is a WebSocket: GET only");
  if (head.version != "HTTP/1.1") return refuse(400, "a WebSocket upgrade needs HTTP/1.1");
  if (!head.target.startsWith('/')) return refuse(400, "the request target must be a path");

  // DNS rebinding: a page whose name now resolves to 127.0.0.1 still sends its own name.
  if (!isLoopbackHost(head.field("host"), policy.port))
    return refuse(403, "Host must be 127.0.0.1:" + QByteArray::number(policy.port) +
                           " or localhost:" + QByteArray::number(policy.port));

  // Browsers always send Origin; native clients do not. Only pages the user allowed get in.
  const QList<QByteArray> origins = head.fieldValues("origin");
  if (origins.size() > 1) return refuse(403, "more than one Origin");
  if (origins.size() == 1) {
    const auto origin = WebOrigin::parse(origins.first());
    if (!origin) return refuse(403, "browser page refused: opaque or malformed origin");
    if (!policy.allowedOrigins.contains(*origin))
      return refuse(403, "browser page refused: origin " + origin->toString() +
                             " is not allowed (--ui-allow-origin)");
  }

  if (!head.listHasToken("upgrade", "websocket") || !head.listHasToken("connection", "upgrade"))
    return refuse(400, "not a WebSocket upgrade");
  if (head.fieldCount("sec-websocket-version") != 1 || head.field("sec-websocket-version") != "13")
    return refuse(426, "WebSocket version 13 is required");
  const QByteArray key = head.field("sec-websocket-key");
  const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
  if (head.fieldCount("sec-websocket-key") != 1 || key.size() != 24 || !decoded ||
      decoded.decoded.size() != 16)
    return refuse(400, "malformed Sec-WebSocket-Key");

  const QList<QByteArray> protocols = head.listElements("sec-websocket-protocol");
  if (!protocols.contains(QByteArray(kUiSubprotocol)))
    return refuse(400, QByteArray("the WebSocket subprotocol ") + kUiSubprotocol + " is required");

  QList<QByteArray> presented;
  for (const QByteArray &p : protocols)
    if (p.startsWith(kUiAuthSubprotocolPrefix))
      presented.append(p.sliced(qsizetype(sizeof(kUiAuthSubprotocolPrefix) - 1)));
  for (const QByteArray &a : head.fieldValues("authorization")) {
    if (!startsWithIgnoringCase(a, "bearer "))
      return refuse(401, "only Authorization: Bearer is accepted");
    presented.append(a.sliced(7).trimmed());
  }
  if (presented.isEmpty())
    return refuse(401, "no token: send Authorization: Bearer <token> or the subprotocol " +
                           QByteArray(kUiAuthSubprotocolPrefix) + "<token>");
  if (policy.token.isEmpty()) return refuse(401, "the server has no token configured");
  // Every credential sent must be right; all are compared, none skipped.
  bool right = true;
  for (const QByteArray &p : std::as_const(presented))
    right = net::constantTimeEquals(p, policy.token) && right;
  if (!right) return refuse(401, "wrong token");

  UiHandshakeVerdict v;
  v.status = 101;
  v.reason = "accepted";
  v.acceptKey = net::wsAcceptKey(key);
  return v;
}

QByteArray uiHandshakeResponse(const UiHandshakeVerdict &verdict) {
  if (verdict.status == 101)
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           verdict.acceptKey + "\r\nSec-WebSocket-Protocol: " + QByteArray(kUiSubprotocol) +
           "\r\n\r\n";
  const QByteArray body = verdict.reason + '\n';
  QByteArray extra;
  if (verdict.status == 401) extra = "WWW-Authenticate: Bearer realm=\"Routeless UI\"\r\n";
  if (verdict.status == 426) extra = "Sec-WebSocket-Version: 13\r\n";
  if (verdict.status == 405) extra = "Allow: GET\r\n";
  return "HTTP/1.1 " + QByteArray::number(verdict.status) + ' ' +
         net::httpReasonPhrase(verdict.status) +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
         QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extra + "\r\n" + body;
}

}  // namespace routeless::control
