#include "control/uihandshake.h"

#include "control/envelope.h"
#include "net/secretcompare.h"
#include "net/wsframes.h"

namespace routeless::control {
namespace {

UiHandshakeVerdict refuse(int status, QByteArray reason) {
  UiHandshakeVerdict v;
  v.status = status;
  v.reason = std::move(reason);
  return v;
}

bool startsWithIgnoringCase(QByteArrayView s, QByteArrayView prefix) {
  return s.size() >= prefix.size() &&
         s.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

}  // namespace

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
