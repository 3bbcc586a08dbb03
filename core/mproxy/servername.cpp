#include "mproxy/servername.h"

#include <QByteArray>

#include "net/hostport.h"

namespace routeless::mproxy {
namespace {

constexpr int kMaxTlsRecord = 16384 + 2048;  // TLSPlaintext limit plus slack for old stacks

quint32 be16(const uchar *p) { return (quint32(p[0]) << 8) | p[1]; }
quint32 be24(const uchar *p) { return (quint32(p[0]) << 16) | (quint32(p[1]) << 8) | p[2]; }

ServerNameSniff done(const char *protocol, const QString &name = QString()) {
  ServerNameSniff s;
  s.status = ServerNameSniff::Done;
  s.protocol = QLatin1String(protocol);
  s.name = name;
  return s;
}

// server_name from a complete ClientHello body (after the 4-byte handshake header).
QString clientHelloServerName(const QByteArray &hello) {
  const auto *p = reinterpret_cast<const uchar *>(hello.constData());
  const qsizetype n = hello.size();
  qsizetype i = 2 + 32;  // client_version, random
  if (i + 1 > n) return {};
  i += 1 + p[i];  // session_id
  if (i + 2 > n) return {};
  i += 2 + be16(p + i);  // cipher_suites
  if (i + 1 > n) return {};
  i += 1 + p[i];  // compression_methods
  if (i + 2 > n) return {};
  const qsizetype extEnd = qMin<qsizetype>(n, i + 2 + be16(p + i));
  i += 2;
  while (i + 4 <= extEnd) {
    const quint32 type = be16(p + i);
    const quint32 len = be16(p + i + 2);
    i += 4;
    if (i + qsizetype(len) > extEnd) return {};
    if (type == 0) {  // server_name
      qsizetype j = i + 2;
      const qsizetype listEnd = qMin<qsizetype>(i + len, i + 2 + be16(p + i));
      while (j + 3 <= listEnd) {
        const uchar nameType = p[j];
        const quint32 nameLen = be16(p + j + 1);
        j += 3;
        if (j + qsizetype(nameLen) > listEnd) return {};
        if (nameType == 0)
          return normalizeHostName(QString::fromLatin1(hello.constData() + j, nameLen));
        j += nameLen;
      }
      return {};
    }
    i += len;
  }
  return {};
}

ServerNameSniff sniffTls(QByteArrayView head) {
  const auto *p = reinterpret_cast<const uchar *>(head.data());
  const qsizetype n = head.size();
  QByteArray handshake;  // a ClientHello may span several records
  qsizetype pos = 0;
  while (true) {
    if (pos + 5 > n) return {};
    if (p[pos] != 0x16 || p[pos + 1] != 0x03) return done("tls");
    const quint32 len = be16(p + pos + 3);
    if (len == 0 || len > quint32(kMaxTlsRecord)) return done("tls");
    if (pos + 5 + qsizetype(len) > n) return {};
    handshake.append(head.data() + pos + 5, len);
    pos += 5 + len;
    if (handshake.size() < 4) continue;
    if (uchar(handshake[0]) != 0x01) return done("tls");  // not a ClientHello
    const quint32 helloLen = be24(reinterpret_cast<const uchar *>(handshake.constData()) + 1);
    if (helloLen > quint32(4 * kMaxTlsRecord)) return done("tls");
    if (quint64(handshake.size()) < 4 + quint64(helloLen)) continue;
    return done("tls", clientHelloServerName(handshake.mid(4, helloLen)));
  }
}

// The name in a Host header ("name", "name:port", "[IPv6]" or "[IPv6]:port"), read by the one
// host:port reader; the port is optional here and does not matter. Empty when it is none of these.
QString hostHeaderName(QByteArrayView value) {
  QString text = QString::fromLatin1(value);
  const bool hasPort = text.startsWith(QLatin1Char('[')) ? !text.endsWith(QLatin1Char(']'))
                                                         : text.contains(QLatin1Char(':'));
  if (!hasPort) text += QStringLiteral(":0");
  net::HostPortRules rules;
  rules.portZero = true;
  const std::optional<net::HostPort> hp = net::parseHostPort(text, rules);
  return hp ? normalizeHostName(hp->host) : QString();
}

ServerNameSniff sniffHttp(QByteArrayView head) {
  // Request line first: METHOD SP ...
  qsizetype i = 0;
  while (i < head.size() && head[i] >= 'A' && head[i] <= 'Z' && i < 16) ++i;
  if (i == head.size()) return i < 16 ? ServerNameSniff() : done("tcp");
  if (i < 3 || head[i] != ' ') return done("tcp");
  // Header lines, until Host: or the empty line that ends them.
  qsizetype lineStart = head.indexOf('\n');
  if (lineStart < 0) return {};
  ++lineStart;
  while (true) {
    const qsizetype nl = head.indexOf('\n', lineStart);
    if (nl < 0) return {};
    QByteArrayView line = head.sliced(lineStart, nl - lineStart);
    if (line.endsWith('\r')) line.chop(1);
    if (line.isEmpty()) return done("http");  // no Host header
    if (line.size() > 5 && qstrnicmp(line.data(), "host:", 5) == 0) {
      return done("http", hostHeaderName(line.sliced(5).trimmed()));
    }
    lineStart = nl + 1;
  }
}

}  // namespace

QString normalizeHostName(QStringView name) {
  if (name.endsWith(QLatin1Char('.'))) name.chop(1);  // the root label
  if (name.isEmpty() || name.size() > 253) return {};
  // Every label is 1..63 characters: no leading, trailing or doubled dot.
  qsizetype label = 0;
  for (QChar c : name) {
    if (c == QLatin1Char('.')) {
      if (label == 0) return {};
      label = 0;
    } else if (++label > 63) {
      return {};
    }
  }
  if (label == 0) return {};
  QString out;
  out.reserve(name.size());
  for (QChar c : name) {
    const char16_t u = c.unicode();
    if (u >= 'A' && u <= 'Z') {
      out += QChar(u + 32);
    } else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.' ||
               u == '_' || u == ':') {
      out += c;
    } else {
      return {};
    }
  }
  return out;
}

bool hostNameMatches(QStringView pattern, QStringView name) {
  if (pattern.startsWith(QLatin1String("*."))) {
    const QStringView suffix = pattern.sliced(1);  // ".example.com"
    return name.size() > suffix.size() && name.endsWith(suffix);
  }
  return pattern == name;
}

ServerNameSniff sniffServerName(QByteArrayView head) {
  if (head.isEmpty()) return {};
  if (uchar(head[0]) == 0x16) return sniffTls(head);
  return sniffHttp(head);
}

}  // namespace routeless::mproxy
