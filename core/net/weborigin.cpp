#include "net/weborigin.h"

namespace routeless::net {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// ASCII only, as URLs and header names are compared (QByteArray::toLower() is ASCII-only).
QByteArray lowered(QByteArrayView s) { return s.toByteArray().toLower(); }

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

}  // namespace routeless::net
