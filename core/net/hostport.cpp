#include "net/hostport.h"

namespace routeless::net {
namespace {

constexpr int kMaxNameLength = 253;
constexpr int kMaxLabelLength = 63;

// The text as it may appear inside an error: control characters and non-ASCII escaped, long
// text cut, so that an error line stays one line and shows what was there.
QString shown(QStringView text) {
  QString out;
  for (const QChar c : text.left(80)) {
    const char16_t u = c.unicode();
    if (u < 0x20 || u == 0x7f || u > 0x7e)
      out += QStringLiteral("\\x%1").arg(uint(u), u > 0xff ? 4 : 2, 16, QLatin1Char('0'));
    else
      out += c;
  }
  if (text.size() > 80) out += QStringLiteral("...");
  return out;
}

QString validShape(const HostPortRules &rules) {
  QString shape = rules.host == HostPortRules::Host::Address ? QStringLiteral("ADDRESS:PORT")
                                                             : QStringLiteral("HOST:PORT");
  if (rules.emptyHost) shape += QStringLiteral(", :PORT");
  if (rules.portOnly) shape += QStringLiteral(", PORT");
  if (rules.portOptional)
    shape += rules.host == HostPortRules::Host::Address ? QStringLiteral(", ADDRESS")
                                                        : QStringLiteral(", HOST");
  return shape + QStringLiteral(" or [IPv6]:PORT");
}

bool isDigits(QStringView text) {
  if (text.isEmpty()) return false;
  for (const QChar c : text)
    if (c < QLatin1Char('0') || c > QLatin1Char('9')) return false;
  return true;
}

std::optional<quint16> port(QStringView text, const HostPortRules &rules, QString *error) {
  const QString range = rules.portZero ? QStringLiteral("0-65535") : QStringLiteral("1-65535");
  if (text.isEmpty()) {
    *error = QStringLiteral("port missing after ':'; valid: %1").arg(range);
    return std::nullopt;
  }
  // Digits only: no sign, no spaces, no hex; more than five digits cannot be a port anyway.
  const uint value = isDigits(text) && text.size() <= 5 ? text.toUInt() : 70000;
  if (value > 65535 || (value == 0 && !rules.portZero)) {
    *error = QStringLiteral("port \"%1\" is invalid; valid: %2").arg(shown(text), range);
    return std::nullopt;
  }
  return quint16(value);
}

// Four decimal numbers 0-255 without leading zeros (which some resolvers read as octal).
bool isIpv4(QStringView text) {
  int parts = 0;
  for (QStringView part : text.split(QLatin1Char('.'))) {
    if (++parts > 4 || !isDigits(part) || part.size() > 3) return false;
    if (part.size() > 1 && part.front() == QLatin1Char('0')) return false;
    if (part.toUInt() > 255) return false;
  }
  return parts == 4;
}

bool looksNumeric(QStringView text) {
  for (const QChar c : text)
    if (c != QLatin1Char('.') && (c < QLatin1Char('0') || c > QLatin1Char('9'))) return false;
  return true;
}

// A DNS name, lower-cased without the root label's dot, or empty when it is not one.
QString dnsName(QStringView text) {
  if (text.endsWith(QLatin1Char('.'))) text.chop(1);
  if (text.isEmpty() || text.size() > kMaxNameLength) return {};
  QString out;
  out.reserve(text.size());
  int label = 0;
  for (const QChar c : text) {
    const char16_t u = c.unicode();
    if (u == '.') {
      if (label == 0) return {};
      label = 0;
      out += c;
      continue;
    }
    if (++label > kMaxLabelLength) return {};
    if (u >= 'A' && u <= 'Z')
      out += QChar(u + 32);
    else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_')
      out += c;
    else
      return {};
  }
  return label == 0 ? QString() : out;
}

}  // namespace

std::optional<HostPort> parseHostPort(QStringView text, const HostPortRules &rules,
                                      QString *error) {
  QString ignored;
  if (!error) error = &ignored;
  const QString shape = validShape(rules);
  if (text.isEmpty()) {
    *error = QStringLiteral("empty; valid: %1").arg(shape);
    return std::nullopt;
  }
  for (const QChar c : text) {
    if (c.unicode() <= 0x20 || c.unicode() == 0x7f) {
      *error = QStringLiteral("white space or a control character; valid: %1").arg(shape);
      return std::nullopt;
    }
  }

  HostPort out;
  QStringView hostText;
  QStringView portText;
  if (text.front() == QLatin1Char('[')) {
    const qsizetype close = text.indexOf(QLatin1Char(']'));
    if (close < 0) {
      *error = QStringLiteral("'[' without ']'; valid: [IPv6]:PORT");
      return std::nullopt;
    }
    hostText = text.sliced(1, close - 1);
    if (!out.address.setAddress(hostText.toString()) ||
        out.address.protocol() != QAbstractSocket::IPv6Protocol) {
      *error = QStringLiteral("\"%1\" in brackets is not an IPv6 address; valid: [IPv6]:PORT")
                   .arg(shown(hostText));
      return std::nullopt;
    }
    const QStringView rest = text.sliced(close + 1);
    out.host = out.address.toString();
    if (rest.isEmpty() && rules.portOptional) {
      out.hasPort = false;
      return out;
    }
    if (rest.isEmpty()) {
      *error = QStringLiteral("missing port; valid: [IPv6]:PORT");
      return std::nullopt;
    }
    if (rest.front() != QLatin1Char(':')) {
      *error = QStringLiteral("\"%1\" after ']'; valid: [IPv6]:PORT").arg(shown(rest));
      return std::nullopt;
    }
    portText = rest.sliced(1);
  } else {
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
      if (rules.portOnly && rules.emptyHost && isDigits(text)) {
        portText = text;
      } else if (rules.portOptional) {
        hostText = text;
        out.hasPort = false;
      } else {
        *error = QStringLiteral("missing port; valid: %1").arg(shape);
        return std::nullopt;
      }
    } else {
      hostText = text.first(colon);
      portText = text.sliced(colon + 1);
    }
    if (hostText.contains(QLatin1Char(':'))) {
      QHostAddress v6;
      if (!rules.bareIpv6 || !v6.setAddress(hostText.toString()) ||
          v6.protocol() != QAbstractSocket::IPv6Protocol) {
        *error = QStringLiteral("an IPv6 address needs brackets, e.g. [::1]:8080");
        return std::nullopt;
      }
      out.address = v6;
      out.host = v6.toString();
    } else if (hostText.isEmpty()) {
      if (!rules.emptyHost) {
        *error = QStringLiteral("missing host; valid: %1").arg(shape);
        return std::nullopt;
      }
    } else if (looksNumeric(hostText)) {
      if (!isIpv4(hostText)) {
        *error = QStringLiteral("\"%1\" is not an IPv4 address (four numbers 0-255)")
                     .arg(shown(hostText));
        return std::nullopt;
      }
      out.address.setAddress(hostText.toString());
      out.host = hostText.toString();
    } else if (rules.host == HostPortRules::Host::Address) {
      *error = QStringLiteral("\"%1\" is not an IP address; valid: %2").arg(shown(hostText), shape);
      return std::nullopt;
    } else {
      out.host = dnsName(hostText);
      if (out.host.isEmpty()) {
        *error = QStringLiteral(
                     "\"%1\" is not a host name (letters, digits, '-' and '_' in dot-separated "
                     "labels of up to 63; punycode for other scripts) nor an IP address")
                     .arg(shown(hostText));
        return std::nullopt;
      }
    }
  }
  if (!out.hasPort) return out;
  const std::optional<quint16> number = port(portText, rules, error);
  if (!number) return std::nullopt;
  out.port = *number;
  return out;
}

QString formatHostPort(const QString &host, quint16 port) {
  const QString shownHost = host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('['))
                                ? QLatin1Char('[') + host + QLatin1Char(']')
                                : host;
  return shownHost + QLatin1Char(':') + QString::number(port);
}

}  // namespace routeless::net
