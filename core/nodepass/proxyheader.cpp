#include "proxyheader.h"

#include <string.h>

#include "net/hostport.h"

namespace routeless::nodepass {
namespace {

const char kSignature[12] = {'\r', '\n', '\r', '\n', '\0', '\r', '\n', 'Q', 'U', 'I', 'T', '\n'};

bool isV4(const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv4Protocol; }

// An IPv4 address (the other side being IPv6) goes as ::ffff:a.b.c.d; IPv6 addresses as they are
// (Qt would turn "::" and mapped addresses into IPv4 if asked).
void appendV6(QByteArray &out, const QHostAddress &a) {
  const Q_IPV6ADDR v6 =
      isV4(a) ? QHostAddress(QStringLiteral("::ffff:%1").arg(a.toString())).toIPv6Address()
              : a.toIPv6Address();
  out.append(reinterpret_cast<const char *>(v6.c), 16);
}

void appendU16(QByteArray &out, quint16 v) {
  out.append(char(v >> 8));
  out.append(char(v & 0xFF));
}

void appendU32(QByteArray &out, quint32 v) {
  for (int s = 24; s >= 0; s -= 8) out.append(char((v >> s) & 0xFF));
}

}  // namespace

QByteArray proxyV1Header(const QHostAddress &src, quint16 srcPort, const QHostAddress &dst,
                         quint16 dstPort) {
  const bool v4 = isV4(src) && isV4(dst);
  return QStringLiteral("PROXY %1 %2 %3 %4 %5\r\n")
      .arg(v4 ? QStringLiteral("TCP4") : QStringLiteral("TCP6"), src.toString(), dst.toString())
      .arg(srcPort)
      .arg(dstPort)
      .toLatin1();
}

QByteArray proxyV2Header(ProxyTransport transport, const QHostAddress &src, quint16 srcPort,
                         const QHostAddress &dst, quint16 dstPort) {
  const bool v4 = isV4(src) && isV4(dst);
  QByteArray out(kSignature, 12);
  out.append(char(0x21));  // version 2, command PROXY
  const int family = v4 ? 0x10 : 0x20;
  out.append(char(family | (transport == ProxyTransport::Tcp ? 0x01 : 0x02)));
  appendU16(out, v4 ? 12 : 36);
  if (v4) {
    appendU32(out, src.toIPv4Address());
    appendU32(out, dst.toIPv4Address());
  } else {
    appendV6(out, src);
    appendV6(out, dst);
  }
  appendU16(out, srcPort);
  appendU16(out, dstPort);
  return out;
}

ProxyParse parseProxyV2(const QByteArray &data, ProxyV2Info *out, QString *error) {
  const int have = int(qMin<qsizetype>(data.size(), 16));
  if (memcmp(data.constData(), kSignature, size_t(qMin(have, 12))) != 0) {
    *error = QStringLiteral("not a PROXY v2 signature");
    return ProxyParse::Invalid;
  }
  if (data.size() < 16) return ProxyParse::NeedMore;
  const auto *b = reinterpret_cast<const unsigned char *>(data.constData());
  if ((b[12] >> 4) != 2) {
    *error = QStringLiteral("PROXY header version %1, expected 2").arg(b[12] >> 4);
    return ProxyParse::Invalid;
  }
  const int command = b[12] & 0x0F;
  if (command > 1) {
    *error = QStringLiteral("PROXY v2 command %1 unknown").arg(command);
    return ProxyParse::Invalid;
  }
  const int length = (b[14] << 8) | b[15];
  if (data.size() < 16 + length) return ProxyParse::NeedMore;
  ProxyV2Info info;
  info.headerLength = 16 + length;
  info.local = command == 0;
  const int family = b[13] >> 4;
  const int proto = b[13] & 0x0F;
  if (info.local || family == 0) {
    info.local = true;
    *out = info;
    return ProxyParse::Done;
  }
  if (proto != 1 && proto != 2) {
    *error = QStringLiteral("PROXY v2 transport %1 unknown").arg(proto);
    return ProxyParse::Invalid;
  }
  info.transport = proto == 1 ? ProxyTransport::Tcp : ProxyTransport::Udp;
  const unsigned char *p = b + 16;
  if (family == 1) {
    if (length < 12) {
      *error = QStringLiteral("PROXY v2 IPv4 block of %1 bytes").arg(length);
      return ProxyParse::Invalid;
    }
    info.src = QHostAddress(quint32((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]));
    info.dst = QHostAddress(quint32((p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7]));
    info.srcPort = quint16((p[8] << 8) | p[9]);
    info.dstPort = quint16((p[10] << 8) | p[11]);
  } else if (family == 2) {
    if (length < 36) {
      *error = QStringLiteral("PROXY v2 IPv6 block of %1 bytes").arg(length);
      return ProxyParse::Invalid;
    }
    info.src = QHostAddress(p);
    info.dst = QHostAddress(p + 16);
    info.srcPort = quint16((p[32] << 8) | p[33]);
    info.dstPort = quint16((p[34] << 8) | p[35]);
  } else {
    *error = QStringLiteral("PROXY v2 address family %1 not supported").arg(family);
    return ProxyParse::Invalid;
  }
  *out = info;
  return ProxyParse::Done;
}

bool splitHostPort(const QString &text, QHostAddress *address, quint16 *port) {
  // A peer's address as the runtime writes it: an IP address, IPv6 bracketed or (legacy) bare.
  net::HostPortRules rules;
  rules.host = net::HostPortRules::Host::Address;
  rules.portZero = true;
  rules.bareIpv6 = true;
  const auto parsed = net::parseHostPort(text, rules);
  if (!parsed) return false;
  *address = parsed->address;
  *port = parsed->port;
  return true;
}

}  // namespace routeless::nodepass
