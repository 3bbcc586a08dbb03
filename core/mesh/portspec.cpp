#include "mesh/portspec.h"

#include "mesh/manifest.h"
#include "mesh/textrules.h"

namespace routeless::mesh {
namespace {

using text::quoted;

// Digits and dots only: meant as an IPv4 address, so it must be a valid one.
bool looksLikeIpv4Attempt(const QString &s) {
  if (s.isEmpty()) return false;
  for (const QChar c : s)
    if (!(c == QLatin1Char('.') || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))) return false;
  return true;
}

// A host name as NoRouter passes it to the agent's resolver: letters, digits, '-', '_', '.'.
bool isHostName(const QString &s) {
  if (s.isEmpty() || s.size() > 253) return false;
  for (const QChar c : s) {
    const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                    (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                    (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
                    c == QLatin1Char('_') || c == QLatin1Char('.');
    if (!ok) return false;
  }
  return true;
}

std::optional<quint16> port(const QString &part, const QString &whole, const char *which,
                            QString *error) {
  bool ok = false;
  const int v = text::isPlainDigits(part, 5) ? part.toInt(&ok) : -1;
  if (ok && v >= 1 && v <= 65535) return quint16(v);
  if (error)
    *error = QStringLiteral(
                 "%1: the %2 port %3 is not a port number 1-65535 (expected e.g. "
                 "8080:127.0.0.1:80)")
                 .arg(quoted(whole), QLatin1String(which), quoted(part));
  return std::nullopt;
}

std::optional<PortSpec> refuse(QString *error, const QString &why) {
  if (error) *error = why;
  return std::nullopt;
}

}  // namespace

std::optional<PortSpec> parsePortSpec(const QString &text, QString *error) {
  PortSpec p;
  QString s = text;
  if (s.endsWith(QLatin1String("/tcp"))) {
    s.chop(4);
  } else if (s.endsWith(QLatin1String("/udp"))) {
    s.chop(4);
    p.proto = QStringLiteral("udp");
  }
  if (s.contains(QLatin1Char('/')))
    return refuse(error, QStringLiteral("%1 has an unknown protocol suffix (expected /tcp, /udp "
                                        "or none, e.g. 8080:127.0.0.1:80/tcp)")
                             .arg(quoted(text)));
  const QStringList parts = s.split(QLatin1Char(':'));
  if (parts.size() != 3)
    return refuse(error, QStringLiteral("%1 is not LISTENPORT:CONNECTHOST:CONNECTPORT (expected "
                                        "e.g. 8080:127.0.0.1:80; IPv6 connect addresses cannot "
                                        "be written)")
                             .arg(quoted(text)));
  const auto listen = port(parts[0], text, "listen", error);
  if (!listen) return std::nullopt;
  p.listenPort = *listen;
  p.connectHost = parts[1];
  if (p.connectHost.isEmpty())
    return refuse(error, QStringLiteral("%1 has no connect host (expected e.g. 8080:127.0.0.1:80)")
                             .arg(quoted(text)));
  if (looksLikeIpv4Attempt(p.connectHost) ? canonicalIpv4(p.connectHost).isEmpty()
                                          : !isHostName(p.connectHost))
    return refuse(error, QStringLiteral("%1: the connect host %2 is neither an IPv4 address nor "
                                        "a host name (expected e.g. 127.0.0.1 or db.internal)")
                             .arg(quoted(text), quoted(p.connectHost)));
  const auto connect = port(parts[2], text, "connect", error);
  if (!connect) return std::nullopt;
  p.connectPort = *connect;
  return p;
}

QString PortSpec::toString() const {
  QString s = QStringLiteral("%1:%2:%3").arg(listenPort).arg(connectHost).arg(connectPort);
  if (proto != QLatin1String("tcp")) s += QLatin1Char('/') + proto;
  return s;
}

}  // namespace routeless::mesh
