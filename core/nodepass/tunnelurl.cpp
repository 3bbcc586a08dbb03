#include "tunnelurl.h"

#include <QUrl>

#include "net/hostport.h"

namespace routeless::nodepass {
namespace {

QString decode(const QString &s) { return QUrl::fromPercentEncoding(s.toUtf8()); }

QString decodeQuery(QString s) {
  s.replace(QLatin1Char('+'), QLatin1Char(' '));
  return decode(s);
}

// "host:port" / "[v6]:port" / ":port" through the one host:port reader (core/net), with an empty
// host allowed (every address). `part` names the URL part for error messages.
std::optional<HostPort> parseHostPort(const QString &text, const QString &part, QString *error) {
  net::HostPortRules rules;
  rules.emptyHost = true;
  QString why;
  const std::optional<net::HostPort> hp = net::parseHostPort(text, rules, &why);
  if (!hp) {
    *error = QStringLiteral("%1 \"%2\": %3").arg(part, text, why);
    return std::nullopt;
  }
  return HostPort{hp->host, hp->port};
}

bool isLoopbackHost(const QString &host) {
  if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
  QHostAddress a(host);
  return !a.isNull() && a.isLoopback();
}

bool isUnspecifiedHost(const QString &host) {
  if (host.isEmpty()) return true;
  QHostAddress a(host);
  return a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6;
}

// Integer parameter with Go's quirk: present but <= 0 keeps the zero value.
bool parseIntParam(const QString &name, const QString &value, qint64 *out, QString *error) {
  bool ok = false;
  const qint64 v = value.trimmed().toLongLong(&ok);
  if (!ok) {
    *error = QStringLiteral("query parameter %1=\"%2\": not an integer").arg(name, value);
    return false;
  }
  *out = v < 0 ? 0 : v;
  return true;
}

bool parseChoice(const QString &name, const QString &value, const QStringList &valid, int *out,
                 QString *error) {
  const int idx = valid.indexOf(value);
  if (idx < 0) {
    *error = QStringLiteral("query parameter %1=\"%2\": invalid; valid: %3")
                 .arg(name, value, valid.join(QLatin1String(", ")));
    return false;
  }
  *out = idx;
  return true;
}

bool parseDurationParam(const QString &name, const QString &value, qint64 *out, QString *error) {
  const auto ms = parseGoDurationMs(value);
  if (!ms) {
    *error = QStringLiteral(
                 "query parameter %1=\"%2\": not a duration; valid: Go syntax such as 30s, 5m, "
                 "1h30m, 0")
                 .arg(name, value);
    return false;
  }
  *out = *ms;
  return true;
}

}  // namespace

QString HostPort::toString() const { return net::formatHostPort(host, port); }

QString keyFromPort(const QString &portText) {
  quint32 h = 2166136261u;
  for (char c : portText.toUtf8()) {
    h ^= quint8(c);
    h *= 16777619u;
  }
  return QStringLiteral("%1").arg(h, 8, 16, QLatin1Char('0'));
}

std::optional<qint64> parseGoDurationMs(const QString &text) {
  const QString s = text.trimmed();
  if (s.isEmpty()) return std::nullopt;
  if (s == QLatin1String("0")) return 0;
  double totalNs = 0;
  int i = 0;
  if (s[0] == QLatin1Char('+')) ++i;
  if (s[0] == QLatin1Char('-')) return std::nullopt;  // negative durations are meaningless here
  if (i >= s.size()) return std::nullopt;
  while (i < s.size()) {
    const int start = i;
    while (i < s.size() && (s[i].isDigit() || s[i] == QLatin1Char('.'))) ++i;
    if (i == start) return std::nullopt;
    bool ok = false;
    const double num = s.mid(start, i - start).toDouble(&ok);
    if (!ok) return std::nullopt;
    const int ustart = i;
    while (i < s.size() && !s[i].isDigit() && s[i] != QLatin1Char('.')) ++i;
    const QString unit = s.mid(ustart, i - ustart);
    double mult = 0;
    if (unit == QLatin1String("ns"))
      mult = 1;
    else if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s") ||
             unit == QStringLiteral("\u03bcs"))
      mult = 1e3;
    else if (unit == QLatin1String("ms"))
      mult = 1e6;
    else if (unit == QLatin1String("s"))
      mult = 1e9;
    else if (unit == QLatin1String("m"))
      mult = 60e9;
    else if (unit == QLatin1String("h"))
      mult = 3600e9;
    else
      return std::nullopt;
    totalNs += num * mult;
  }
  if (totalNs > 9.2e18) return std::nullopt;
  return qint64(totalNs / 1e6);
}

QString formatGoDuration(qint64 ms) {
  if (ms <= 0) return QStringLiteral("0s");
  if (ms < 1000) return QStringLiteral("%1ms").arg(ms);
  QString out;
  const qint64 h = ms / 3600000;
  const qint64 m = (ms / 60000) % 60;
  const qint64 sec = (ms / 1000) % 60;
  const qint64 frac = ms % 1000;
  if (h > 0) out += QStringLiteral("%1h").arg(h);
  if (h > 0 || m > 0) out += QStringLiteral("%1m").arg(m);
  QString secText = QString::number(sec);
  if (frac) {
    QString f = QStringLiteral("%1").arg(frac, 3, 10, QLatin1Char('0'));
    while (f.endsWith(QLatin1Char('0'))) f.chop(1);
    secText += QLatin1Char('.') + f;
  }
  out += secText + QLatin1Char('s');
  return out;
}

QString TunnelUrl::describe() const {
  QStringList targetTexts;
  for (const auto &t : targets) targetTexts << t.toString();
  const QString base =
      QStringLiteral("%1://****@%2/%3?")
          .arg(role == Role::Server ? QStringLiteral("server") : QStringLiteral("client"),
               tunnel.toString(), targetTexts.join(QLatin1Char(',')));
  // NodePass's parameters in its order, then Routeless's own (auth).
  const QString common =
      QStringLiteral("dial=%1&read=%2&rate=%3&slot=%4&proxy=%5&block=%6&notcp=%7&noudp=%8&auth=%9")
          .arg(dial, formatGoDuration(readTimeoutMs))
          .arg(rateMbps)
          .arg(slot)
          .arg(proxy)
          .arg(block)
          .arg(notcp ? 1 : 0)
          .arg(noudp ? 1 : 0)
          .arg(auth == AuthPolicy::Strict ? QStringLiteral("strict") : QStringLiteral("auto"));
  if (role == Role::Server)
    return base +
           QStringLiteral("dns=%1&max=%2&mode=%3&type=%4&")
               .arg(formatGoDuration(dnsTtlMs))
               .arg(maxPool)
               .arg(mode)
               .arg(type) +
           common;
  return base +
         QStringLiteral("dns=%1&sni=%2&min=%3&mode=%4&")
             .arg(formatGoDuration(dnsTtlMs), sni)
             .arg(minPool)
             .arg(mode) +
         common;
}

std::optional<TunnelUrl> parseTunnelUrl(const QString &input, QString *error) {
  QString dummy;
  if (!error) error = &dummy;
  const QString url = input.trimmed();
  const int schemeEnd = url.indexOf(QLatin1String("://"));
  if (schemeEnd <= 0) {
    *error = QStringLiteral(
        "URL: missing scheme; valid: server://key@host:port/target, client://..., master://...");
    return std::nullopt;
  }
  TunnelUrl t;
  const QString scheme = url.left(schemeEnd).toLower();
  if (scheme == QLatin1String("server"))
    t.role = Role::Server;
  else if (scheme == QLatin1String("client"))
    t.role = Role::Client;
  else if (scheme == QLatin1String("master"))
    t.role = Role::Master;
  else {
    *error =
        QStringLiteral("scheme \"%1\": not supported; valid: server, client, master").arg(scheme);
    return std::nullopt;
  }
  QString rest = url.mid(schemeEnd + 3);
  const int hash = rest.indexOf(QLatin1Char('#'));
  if (hash >= 0) rest.truncate(hash);
  QString query;
  const int qm = rest.indexOf(QLatin1Char('?'));
  if (qm >= 0) {
    query = rest.mid(qm + 1);
    rest.truncate(qm);
  }
  const int slash = rest.indexOf(QLatin1Char('/'));
  QString authority = slash >= 0 ? rest.left(slash) : rest;
  const QString path = slash >= 0 ? decode(rest.mid(slash + 1)) : QString();

  const int at = authority.lastIndexOf(QLatin1Char('@'));
  if (at >= 0) {
    const QString userinfo = authority.left(at);
    const int colon = userinfo.indexOf(QLatin1Char(':'));
    t.key = decode(colon >= 0 ? userinfo.left(colon) : userinfo);
    authority = authority.mid(at + 1);
  }
  if (authority.isEmpty()) {
    *error = QStringLiteral("tunnel address: missing; valid: %1://key@host:port/...").arg(scheme);
    return std::nullopt;
  }
  const auto tunnel = parseHostPort(authority, QStringLiteral("tunnel address"), error);
  if (!tunnel) return std::nullopt;
  t.tunnel = *tunnel;
  if (t.key.isEmpty()) {
    t.key = keyFromPort(QString::number(t.tunnel.port));
    t.keyDerived = true;
  }

  if (t.role == Role::Master) {
    t.apiPrefix = path.isEmpty() ? QStringLiteral("/api") : QLatin1Char('/') + path;
    while (t.apiPrefix.size() > 1 && t.apiPrefix.endsWith(QLatin1Char('/'))) t.apiPrefix.chop(1);
  } else {
    for (const QString &raw : path.split(QLatin1Char(','))) {
      const QString s = raw.trimmed();
      if (s.isEmpty()) continue;
      const auto hp = parseHostPort(s, QStringLiteral("target address"), error);
      if (!hp) return std::nullopt;
      t.targets << *hp;
    }
    if (t.targets.isEmpty()) {
      *error = QStringLiteral(
                   "target address: missing; valid: %1://key@host:port/target_host:port[,more...]")
                   .arg(scheme);
      return std::nullopt;
    }
    for (const auto &target : std::as_const(t.targets)) {
      if (target.port == t.tunnel.port && (isLoopbackHost(target.host) || target.host.isEmpty() ||
                                           isUnspecifiedHost(t.tunnel.host))) {
        *error = QStringLiteral(
                     "target address \"%1\": same port as the tunnel address \"%2\" would loop")
                     .arg(target.toString(), t.tunnel.toString());
        return std::nullopt;
      }
    }
  }

  // Query: first occurrence of a name wins (Go's url.Values.Get).
  QList<QPair<QString, QString>> params;
  for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
    const int eq = pair.indexOf(QLatin1Char('='));
    const QString name = decodeQuery(eq >= 0 ? pair.left(eq) : pair);
    const QString value = eq >= 0 ? decodeQuery(pair.mid(eq + 1)) : QString();
    bool seen = false;
    for (const auto &p : std::as_const(params)) seen = seen || p.first == name;
    if (!seen) params.append({name, value});
  }
  const bool isServer = t.role == Role::Server;
  const bool isClient = t.role == Role::Client;
  const bool isMaster = t.role == Role::Master;
  for (const auto &[name, value] : std::as_const(params)) {
    qint64 n = 0;
    int choice = 0;
    if (name == QLatin1String("log")) {
      if (!parseChoice(name, value,
                       {QStringLiteral("none"), QStringLiteral("debug"), QStringLiteral("info"),
                        QStringLiteral("warn"), QStringLiteral("error"), QStringLiteral("event")},
                       &choice, error))
        return std::nullopt;
      t.log = LogLevel(choice);
    } else if (name == QLatin1String("tls") && (isServer || isMaster)) {
      if (!parseChoice(name, value, {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")},
                       &choice, error))
        return std::nullopt;
      t.tls = choice;
      t.tlsGiven = true;
    } else if (name == QLatin1String("crt") && (isServer || isMaster)) {
      t.crtPath = value;
    } else if (name == QLatin1String("key") && (isServer || isMaster)) {
      t.keyPath = value;
    } else if (isMaster) {
      continue;  // a master URL only knows log, tls, crt, key
    } else if (name == QLatin1String("sni") && isClient) {
      t.sni = value;
    } else if (name == QLatin1String("mode")) {
      if (!parseChoice(name, value, {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")},
                       &choice, error))
        return std::nullopt;
      t.mode = choice;
    } else if (name == QLatin1String("type") && isServer) {
      if (!parseChoice(
              name, value,
              {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")},
              &choice, error))
        return std::nullopt;
      t.type = choice;
    } else if (name == QLatin1String("dns")) {
      if (!parseDurationParam(name, value, &t.dnsTtlMs, error)) return std::nullopt;
    } else if (name == QLatin1String("min") && isClient) {
      if (!parseIntParam(name, value, &n, error)) return std::nullopt;
      t.minPool = n > 0 ? int(qMin<qint64>(n, 1 << 20)) : 1;
    } else if (name == QLatin1String("max") && isServer) {
      if (!parseIntParam(name, value, &n, error)) return std::nullopt;
      t.maxPool = int(qMin<qint64>(n, 1 << 20));
    } else if (name == QLatin1String("dial")) {
      if (value == QLatin1String("auto") || value.isEmpty()) {
        t.dial = QStringLiteral("auto");
      } else {
        QHostAddress a;
        if (!a.setAddress(value)) {
          *error = QStringLiteral("query parameter dial=\"%1\": invalid; valid: auto or a local IP")
                       .arg(value);
          return std::nullopt;
        }
        t.dial = value;
        t.dialAddress = a;
      }
    } else if (name == QLatin1String("read")) {
      if (!parseDurationParam(name, value, &t.readTimeoutMs, error)) return std::nullopt;
    } else if (name == QLatin1String("rate")) {
      if (!parseIntParam(name, value, &n, error)) return std::nullopt;
      t.rateMbps = qMin<qint64>(n, 1'000'000'000);
    } else if (name == QLatin1String("slot")) {
      if (!parseIntParam(name, value, &n, error)) return std::nullopt;
      t.slot = int(qMin<qint64>(n, 1 << 30));
    } else if (name == QLatin1String("proxy")) {
      if (!parseChoice(name, value, {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")},
                       &choice, error))
        return std::nullopt;
      t.proxy = choice;
    } else if (name == QLatin1String("notcp") || name == QLatin1String("noudp")) {
      if (!parseChoice(name, value, {QStringLiteral("0"), QStringLiteral("1")}, &choice, error))
        return std::nullopt;
      (name == QLatin1String("notcp") ? t.notcp : t.noudp) = choice == 1;
    } else if (name == QLatin1String("auth")) {
      if (!parseChoice(name, value, {QStringLiteral("auto"), QStringLiteral("strict")}, &choice,
                       error))
        return std::nullopt;
      t.auth = AuthPolicy(choice);
    } else if (name == QLatin1String("block")) {
      for (QChar c : value) {
        if (c < QLatin1Char('0') || c > QLatin1Char('3')) {
          *error = QStringLiteral(
                       "query parameter block=\"%1\": invalid; valid: digits 0-3 (1 SOCKS, 2 HTTP, "
                       "3 TLS), e.g. 123")
                       .arg(value);
          return std::nullopt;
        }
      }
      t.block = value.isEmpty() ? QStringLiteral("0") : value;
      t.blockSocks = value.contains(QLatin1Char('1'));
      t.blockHttp = value.contains(QLatin1Char('2'));
      t.blockTls = value.contains(QLatin1Char('3'));
    }
    // Unknown parameters are ignored, as NodePass does.
  }
  if (isClient && t.sni.isEmpty()) {
    const QHostAddress a(t.tunnel.host);
    t.sni = (t.tunnel.host.isEmpty() || !a.isNull()) ? QStringLiteral("none") : t.tunnel.host;
  }
  return t;
}

QString tunnelUrlText(const TunnelUrl &t) {
  const bool isServer = t.role == Role::Server;
  const bool isClient = t.role == Role::Client;
  const bool isMaster = t.role == Role::Master;
  QString text = isServer   ? QStringLiteral("server://")
                 : isClient ? QStringLiteral("client://")
                            : QStringLiteral("master://");
  if (!t.keyDerived && !t.key.isEmpty())
    text += QString::fromLatin1(QUrl::toPercentEncoding(t.key)) + QLatin1Char('@');
  text += t.tunnel.toString();
  if (isMaster) {
    // The parser reads "/" + path and drops trailing slashes: "/" itself needs "//".
    if (t.apiPrefix == QLatin1String("/"))
      text += QStringLiteral("//");
    else if (t.apiPrefix != QLatin1String("/api"))
      text += QString::fromLatin1(QUrl::toPercentEncoding(t.apiPrefix, "/"));
  } else {
    QStringList targets;
    for (const HostPort &target : t.targets) targets << target.toString();
    text += QLatin1Char('/') + targets.join(QLatin1Char(','));
  }
  QStringList query;
  auto add = [&query](const char *name, const QString &value) {
    query << QLatin1String(name) + QLatin1Char('=') +
                 QString::fromLatin1(QUrl::toPercentEncoding(value, ":/[]"));
  };
  static const char *const logNames[] = {"none", "debug", "info", "warn", "error", "event"};
  if (t.log != LogLevel::Info) add("log", QLatin1String(logNames[int(t.log)]));
  if (isServer || isMaster) {
    if (t.tlsGiven || t.tls != 0) add("tls", QString::number(t.tls));
    if (!t.crtPath.isEmpty()) add("crt", t.crtPath);
    if (!t.keyPath.isEmpty()) add("key", t.keyPath);
  }
  if (!isMaster) {
    if (isClient) {
      const QHostAddress a(t.tunnel.host);
      const QString derivedSni =
          (t.tunnel.host.isEmpty() || !a.isNull()) ? QStringLiteral("none") : t.tunnel.host;
      if (!t.sni.isEmpty() && t.sni != derivedSni) add("sni", t.sni);
    }
    if (t.mode != 0) add("mode", QString::number(t.mode));
    if (isServer && t.type != 0) add("type", QString::number(t.type));
    if (t.dnsTtlMs != 5 * 60 * 1000) add("dns", formatGoDuration(t.dnsTtlMs));
    if (isClient && t.minPool != 64) add("min", QString::number(t.minPool));
    if (isServer && t.maxPool != 1024) add("max", QString::number(t.maxPool));
    if (t.dial != QLatin1String("auto")) add("dial", t.dial);
    if (t.readTimeoutMs != 0) add("read", formatGoDuration(t.readTimeoutMs));
    if (t.rateMbps != 0) add("rate", QString::number(t.rateMbps));
    if (t.slot != 65536) add("slot", QString::number(t.slot));
    if (t.proxy) add("proxy", QString::number(t.proxy));
    if (t.notcp) add("notcp", QStringLiteral("1"));
    if (t.noudp) add("noudp", QStringLiteral("1"));
    if (t.block != QLatin1String("0")) add("block", t.block);
  }
  if (!query.isEmpty()) text += QLatin1Char('?') + query.join(QLatin1Char('&'));
  return text;
}

}  // namespace routeless::nodepass
