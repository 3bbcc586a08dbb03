#include "net/weborigin.h"

#include "net/hostport.h"

namespace routeless::net {
namespace {

// ASCII only, as URLs and header names are compared (QByteArray::toLower() is ASCII-only).
QByteArray lowered(QByteArrayView s) { return s.toByteArray().toLower(); }

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

int defaultPort(QByteArrayView scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  return -1;
}

// "host[:port]" as an origin or a Host header writes it, read by the one host:port reader:
// a DNS name, a dotted quad or a bracketed IPv6 address (no zone: browsers send none), and a
// port 1-65535 when there is one.
struct Authority {
  QByteArray host;  // lower case; an IPv6 address in brackets; a name keeps its trailing dot
  HostPort parsed;
};

std::optional<Authority> readAuthority(QByteArrayView text) {
  HostPortRules rules;
  rules.portOptional = true;
  std::optional<HostPort> hp = parseHostPort(QString::fromLatin1(text), rules);
  if (!hp) return std::nullopt;
  Authority out;
  if (hp->address.protocol() == QAbstractSocket::IPv6Protocol) {
    if (!hp->address.scopeId().isEmpty()) return std::nullopt;
    out.host = '[' + hp->host.toLatin1() + ']';
  } else {
    out.host = hp->host.toLatin1();
    // "ui.example." is another origin than "ui.example" to a browser, and "localhost." is not
    // the loopback name the Host check accepts: the root dot stays part of the name.
    const QByteArrayView name = hp->hasPort ? text.first(text.lastIndexOf(':')) : text;
    if (hp->address.isNull() && name.endsWith('.')) out.host += '.';
  }
  out.parsed = std::move(*hp);
  return out;
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
  const std::optional<Authority> authority = readAuthority(text.sliced(sep + 3));
  if (!authority) return std::nullopt;
  WebOrigin o;
  o.scheme = lowered(text.first(sep));
  o.host = authority->host;
  o.port = authority->parsed.hasPort ? int(authority->parsed.port) : defaultPort(o.scheme);
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
  const std::optional<Authority> authority = readAuthority(host);
  if (!authority) return false;
  const HostPort &hp = authority->parsed;
  if ((hp.hasPort ? hp.port : 80) != port) return false;
  if (hp.address.protocol() == QAbstractSocket::IPv4Protocol)
    return (hp.address.toIPv4Address() >> 24) == 127;
  if (hp.address.protocol() == QAbstractSocket::IPv6Protocol)
    return hp.address == QHostAddress(QHostAddress::LocalHostIPv6);
  return authority->host == "localhost";
}

}  // namespace routeless::net
