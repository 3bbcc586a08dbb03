// device:// URLs and the --target / --keepalive syntax of relay-device (see deviceurl.h).
// Every error names the part at fault and what is valid; none of them ever holds the token.
#include "mproxy/deviceurl.h"

#include <QStringList>
#include <QUrl>

#include "mproxy/servername.h"
#include "net/hostport.h"

namespace routeless::mproxy {
namespace {

const QLatin1String kScheme("device://");
const QLatin1String kShape("device://TOKEN@HOST:PORT/NAME?target=KEY=HOST:PORT");
const QLatin1String kTargetShape(
    "expected KEY=HOST:PORT where KEY is a host name, *.suffix, a port number or *");

QString decodePercent(const QString &text) { return QUrl::fromPercentEncoding(text.toUtf8()); }

// User text as an error shows it: control characters as \xNN, so an error stays one line.
QString shown(const QString &text) {
  QString out;
  out.reserve(text.size());
  for (QChar c : text) {
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
      out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    else
      out += c;
  }
  return out;
}

// Percent-encodes everything but unreserved characters and `keep`.
QString encodePercent(const QString &text, const QByteArray &keep = {}) {
  return QString::fromLatin1(QUrl::toPercentEncoding(text, keep));
}

// The pieces of a device:// URL, still percent-encoded.
struct UrlParts {
  QString userinfo;
  QString address;  // HOST:PORT
  QString path;     // after the first '/', without it
  QString query;    // after the first '?', without it
  bool hasPath = false;
};

// Only a plain scheme word is echoed back, so a mistyped URL never puts other parts in errors.
QString schemeError(const QString &url) {
  const qsizetype end = url.indexOf(QLatin1String("://"));
  if (end <= 0) return QStringLiteral("URL: missing scheme; valid: %1").arg(kShape);
  const QString scheme = url.left(end);
  bool plain = scheme.size() <= 16;
  for (QChar c : scheme) plain = plain && (c.isLetterOrNumber() || c == QLatin1Char('+'));
  if (!plain) return QStringLiteral("scheme: not supported; valid: device");
  return QStringLiteral("scheme \"%1\": not supported; valid: device").arg(scheme);
}

// The userinfo ends at the last '@' before the query: a NAME or HOST:PORT never holds one, so a
// token with a raw '/' or '@' still splits right and never leaks into a later part's error.
bool splitUrl(const QString &url, UrlParts *parts, QString *error) {
  if (!url.startsWith(kScheme)) {
    *error = schemeError(url);
    return false;
  }
  if (url.contains(QLatin1Char('#'))) {
    *error = QStringLiteral("URL: '#' is not allowed; percent-encode it as %23");
    return false;
  }
  QString rest = url.mid(kScheme.size());
  if (const qsizetype question = rest.indexOf(QLatin1Char('?')); question >= 0) {
    parts->query = rest.mid(question + 1);
    rest.truncate(question);
  }
  const qsizetype at = rest.lastIndexOf(QLatin1Char('@'));
  if (at <= 0) {
    *error = QStringLiteral("token: missing; valid: %1 (TOKEN percent-encoded)").arg(kShape);
    return false;
  }
  parts->userinfo = rest.left(at);
  rest = rest.mid(at + 1);
  const qsizetype slash = rest.indexOf(QLatin1Char('/'));
  parts->hasPath = slash >= 0;
  parts->address = parts->hasPath ? rest.left(slash) : rest;
  parts->path = parts->hasPath ? rest.mid(slash + 1) : QString();
  return true;
}

bool parseToken(const QString &userinfo, QByteArray *token, QString *error) {
  *token = QByteArray::fromPercentEncoding(userinfo.toUtf8());
  if (token->isEmpty()) {
    *error = QStringLiteral("token: missing; valid: %1 (TOKEN percent-encoded)").arg(kShape);
    return false;
  }
  for (char c : std::as_const(*token)) {
    if (uchar(c) <= 0x20 || uchar(c) == 0x7f) {
      *error = QStringLiteral(
          "token: holds white space or a control character; valid: a token as a token file "
          "holds it, percent-encoded");
      return false;
    }
  }
  return true;
}

// "HOST:PORT" or "[IPv6]:PORT" -> host (lower case, IPv6 without brackets) and port.
bool parseRelayAddress(const QString &text, QString *host, quint16 *port, QString *error) {
  if (text.isEmpty()) {
    *error = QStringLiteral("relay address: missing; valid: %1").arg(kShape);
    return false;
  }
  QString why;
  const std::optional<net::HostPort> address = net::parseHostPort(text, {}, &why);
  if (!address) {
    *error = QStringLiteral("relay address \"%1\": %2").arg(shown(text), why);
    return false;
  }
  *host = address->host;
  *port = address->port;
  return true;
}

bool parseName(const UrlParts &parts, QString *name, QString *error) {
  if (!parts.hasPath || parts.path.isEmpty()) {
    *error =
        QStringLiteral("name: missing; valid: %1 with NAME 1-64 of A-Z a-z 0-9 . _ -").arg(kShape);
    return false;
  }
  if (!isValidDeviceName(parts.path)) {
    *error = QStringLiteral("name \"%1\": invalid; valid: 1-64 of A-Z a-z 0-9 . _ -")
                 .arg(shown(parts.path));
    return false;
  }
  *name = parts.path;
  return true;
}

// The query parameters that may appear once, as they were given.
struct QueryOnce {
  std::optional<QString> tls;
  std::optional<QString> ca;
  std::optional<QString> keepalive;
};

bool takeOnce(const QString &name, const QString &value, std::optional<QString> *slot,
              QString *error) {
  if (slot->has_value()) {
    *error = QStringLiteral("query parameter %1: given twice; valid: at most one").arg(name);
    return false;
  }
  *slot = value;
  return true;
}

// One query item, split on its first '='; the value is percent-decoded ('+' stays '+').
bool parseQueryItem(const QString &item, DeviceConfig *config, QueryOnce *once, QString *error) {
  const qsizetype eq = item.indexOf(QLatin1Char('='));
  const QString name = eq < 0 ? item : item.left(eq);
  const QString value = eq < 0 ? QString() : decodePercent(item.mid(eq + 1));
  static const QStringList known = {QStringLiteral("target"), QStringLiteral("tls"),
                                    QStringLiteral("ca"), QStringLiteral("keepalive")};
  if (!known.contains(name)) {
    *error = QStringLiteral("query parameter \"%1\": unknown; valid: %2")
                 .arg(shown(name), known.join(QLatin1String(", ")));
    return false;
  }
  if (value.isEmpty()) {
    *error = QStringLiteral("query parameter %1: empty value").arg(name);
    return false;
  }
  if (name == QLatin1String("target")) {
    const std::optional<DeviceTarget> target = parseDeviceTarget(value, error);
    if (target) config->targets << *target;
    return target.has_value();
  }
  std::optional<QString> *slot = name == QLatin1String("tls")  ? &once->tls
                                 : name == QLatin1String("ca") ? &once->ca
                                                               : &once->keepalive;
  return takeOnce(name, value, slot, error);
}

// tls, ca and keepalive, checked together once every item was read.
bool applyOnce(const QueryOnce &once, bool *secure, DeviceConfig *config, QString *error) {
  *secure = false;
  if (once.tls) {
    if (*once.tls != QLatin1String("0") && *once.tls != QLatin1String("1")) {
      *error = QStringLiteral("tls \"%1\": invalid; valid: 0 (ws://) or 1 (wss://)")
                   .arg(shown(*once.tls));
      return false;
    }
    *secure = *once.tls == QLatin1String("1");
  }
  if (once.ca) {
    if (!*secure) {
      *error = QStringLiteral("ca \"%1\": only allowed with tls=1").arg(shown(*once.ca));
      return false;
    }
    config->caFile = *once.ca;
  }
  if (once.keepalive) {
    const std::optional<int> ms = parseKeepaliveSeconds(*once.keepalive);
    if (!ms) {
      *error = QStringLiteral("keepalive \"%1\": invalid; valid: seconds, more than 0, up to 3600")
                   .arg(shown(*once.keepalive));
      return false;
    }
    config->limits.keepaliveMs = *ms;
  }
  return true;
}

bool parseQuery(const QString &query, bool *secure, DeviceConfig *config, QString *error) {
  QueryOnce once;
  if (!query.isEmpty()) {
    for (const QString &item : query.split(QLatin1Char('&'))) {
      if (item.isEmpty()) {
        *error = QStringLiteral("query: empty parameter (\"&&\", or '&' at an end)");
        return false;
      }
      if (!parseQueryItem(item, config, &once, error)) return false;
    }
  }
  if (config->targets.isEmpty()) {
    *error = QStringLiteral("target: missing; valid: at least one target=KEY=HOST:PORT");
    return false;
  }
  return applyOnce(once, secure, config, error);
}

QString formatKeepalive(int ms) {
  if (ms % 1000 == 0) return QString::number(ms / 1000);
  QString text = QString::number(ms / 1000.0, 'f', 3);
  while (text.endsWith(QLatin1Char('0'))) text.chop(1);
  return text;
}

QString bracketed(const QString &host) {
  return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

// A target host as parseDeviceTarget reads it back: it strips one pair of brackets, so a host
// that itself starts with '[' and ends with ']' keeps its own inside a new pair.
QString targetHostText(const QString &host) {
  const bool looksBracketed = host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'));
  return looksBracketed ? QLatin1Char('[') + host + QLatin1Char(']') : bracketed(host);
}

// The KEY of a target: "*", a port number (kept as given, as the CLI always did), or a host
// name / *.suffix normalised to lower case. Empty when it is none of these.
QString normalizeTargetKey(const QString &key) {
  if (key == QLatin1String("*")) return key;
  bool numeric = false;
  key.toUShort(&numeric);
  if (numeric) return key;
  const bool wildcard = key.startsWith(QLatin1String("*."));
  const QString name = normalizeHostName(wildcard ? QStringView(key).sliced(2) : key);
  if (name.isEmpty()) return {};
  return wildcard ? QStringLiteral("*.") + name : name;
}

}  // namespace

bool isDeviceUrl(const QString &text) { return text.trimmed().startsWith(kScheme); }

std::optional<DeviceConfig> parseDeviceUrl(const QString &input, QString *error) {
  QString ignored;
  if (!error) error = &ignored;
  UrlParts parts;
  DeviceConfig config;
  QString host;
  quint16 port = 0;
  bool secure = false;
  if (!splitUrl(input.trimmed(), &parts, error) ||
      !parseToken(parts.userinfo, &config.token, error) ||
      !parseRelayAddress(parts.address, &host, &port, error) ||
      !parseName(parts, &config.name, error) || !parseQuery(parts.query, &secure, &config, error))
    return std::nullopt;
  config.relayUrl.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
  config.relayUrl.setHost(host);
  config.relayUrl.setPort(port);
  if (!config.relayUrl.isValid() || config.relayUrl.host().isEmpty()) {
    *error =
        QStringLiteral("relay address \"%1\": not a host a URL can hold").arg(shown(parts.address));
    return std::nullopt;
  }
  return config;
}

QString deviceUrl(const DeviceConfig &config) {
  const bool secure = config.relayUrl.scheme() == QLatin1String("wss");
  const int port = config.relayUrl.port(secure ? 443 : 80);
  QStringList query;
  for (const DeviceTarget &target : config.targets)
    query << QStringLiteral("target=") + encodePercent(deviceTargetText(target), "=:*[]");
  if (secure) query << QStringLiteral("tls=1");
  if (secure && !config.caFile.isEmpty())
    query << QStringLiteral("ca=") + encodePercent(config.caFile, "/");
  if (config.limits.keepaliveMs != MuxLimits().keepaliveMs)
    query << QStringLiteral("keepalive=") + formatKeepalive(config.limits.keepaliveMs);
  // Concatenated, not QString::arg(): a percent-encoded token looks like arg's placeholders.
  return kScheme + QString::fromLatin1(config.token.toPercentEncoding()) + QLatin1Char('@') +
         bracketed(config.relayUrl.host()) + QLatin1Char(':') + QString::number(port) +
         QLatin1Char('/') + config.name + QLatin1Char('?') + query.join(QLatin1Char('&'));
}

std::optional<DeviceTarget> parseDeviceTarget(const QString &text, QString *error) {
  QString ignored;
  if (!error) error = &ignored;
  const QString part = QStringLiteral("target \"%1\"").arg(shown(text));
  const qsizetype eq = text.indexOf(QLatin1Char('='));
  if (eq <= 0 || text.lastIndexOf(QLatin1Char(':')) < eq) {
    *error = QStringLiteral("%1: %2").arg(part, kTargetShape);
    return std::nullopt;
  }
  // relay-device has always read "*=::1:443" as [::1]:443: the legacy bare IPv6 stays valid.
  net::HostPortRules rules;
  rules.bareIpv6 = true;
  QString why;
  const std::optional<net::HostPort> address =
      net::parseHostPort(QStringView(text).sliced(eq + 1), rules, &why);
  if (!address) {
    *error = QStringLiteral("%1: %2").arg(part, why);
    return std::nullopt;
  }
  DeviceTarget target;
  target.host = address->host;
  target.port = address->port;
  target.key = normalizeTargetKey(text.left(eq));
  if (target.key.isEmpty()) {
    *error = QStringLiteral("%1: KEY \"%2\" is not a host name, *.suffix, a port number or *")
                 .arg(part, shown(text.left(eq)));
    return std::nullopt;
  }
  return target;
}

QString deviceTargetText(const DeviceTarget &target) {
  return target.key + QLatin1Char('=') + targetHostText(target.host) + QLatin1Char(':') +
         QString::number(target.port);
}

std::optional<int> parseKeepaliveSeconds(const QString &text) {
  bool ok = false;
  const double seconds = text.toDouble(&ok);
  if (!ok || !(seconds > 0 && seconds <= 3600)) return std::nullopt;
  const int ms = qRound(seconds * 1000);
  if (ms < 1) return std::nullopt;
  return ms;
}

}  // namespace routeless::mproxy
