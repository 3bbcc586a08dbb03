#include "mproxy/packer.h"

#include <QAbstractSocket>
#include <QHostAddress>

namespace routeless::mproxy {
namespace {

// JS `x || ''` on a string field and Array#join on undefined both give "".
QByteArray field(const QString &s) { return s.toUtf8(); }

bool checkNoComma(const QString &value, const char *what, QString *error) {
  if (!value.contains(QLatin1Char(','))) return true;
  if (error)
    *error = QStringLiteral("%1 \"%2\" contains a comma, which M-PROXY cannot escape")
                 .arg(QLatin1String(what), value);
  return false;
}

bool checkFields(const Tun &tun, FrameKind kind, QString *error) {
  if (kind == FrameKind::Control) return true;  // control frames carry no address fields
  return checkNoComma(tun.family, "family", error) && checkNoComma(tun.address, "address", error) &&
         checkNoComma(tun.port, "port", error) && checkNoComma(tun.service, "service", error) &&
         checkNoComma(tun.serviceport, "serviceport", error) &&
         checkNoComma(tun.name, "name", error);
}

QByteArray buildHeader(FrameKind kind, const Tun &tun, qint64 dataLength) {
  const QByteArray len = QByteArray::number(dataLength);
  if (kind == FrameKind::Control) return ",,," + len + ",control";
  QByteArray h;
  h.reserve(96);
  h += field(tun.family);
  h += ',';
  h += field(tun.address);
  h += ',';
  h += field(tun.port);
  h += ',';
  h += len;
  h += ',';
  if (kind == FrameKind::Message)
    h += field(tun.service);
  else
    h += serviceWord(kind).toLatin1();
  h += ',';
  h += field(tun.serviceport);
  h += ',';
  h += field(tun.name);
  if (kind == FrameKind::Connection) {
    h += ',';
    h += field(tun.service);
  }
  return h;
}

}  // namespace

QStringView serviceWord(FrameKind kind) {
  switch (kind) {
    case FrameKind::Message:
      return {};
    case FrameKind::Control:
      return u"control";
    case FrameKind::Connection:
      return u"connection";
    case FrameKind::Error:
      return u"error";
    case FrameKind::Pause:
      return u"pause";
    case FrameKind::Resume:
      return u"resume";
    case FrameKind::End:
      return u"end";
  }
  return {};
}

FrameKind kindOfService(QStringView s) {
  if (s == u"control") return FrameKind::Control;
  if (s == u"connection") return FrameKind::Connection;
  if (s == u"error") return FrameKind::Error;
  if (s == u"pause") return FrameKind::Pause;
  if (s == u"resume") return FrameKind::Resume;
  if (s == u"end") return FrameKind::End;
  return FrameKind::Message;
}

int decimalDigits(qint64 n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

bool appendHeader(QByteArray &out, FrameKind kind, const Tun &tun, qint64 dataLength,
                  QString *error) {
  if (dataLength < 0) {
    if (error) *error = QStringLiteral("negative data length %1").arg(dataLength);
    return false;
  }
  if (!checkFields(tun, kind, error)) return false;
  const QByteArray header = buildHeader(kind, tun, dataLength);
  if (header.size() > kMaxHeaderLength) {
    // proxy-packer writes header.length & 0xFF here and produces an undecodable frame.
    if (error)
      *error = QStringLiteral("header is %1 bytes; M-PROXY allows at most %2 (\"%3...\")")
                   .arg(header.size())
                   .arg(kMaxHeaderLength)
                   .arg(QString::fromUtf8(header.left(40)));
    return false;
  }
  out.append(char(kVersionByte));
  out.append(char(header.size()));
  out.append(header);
  return true;
}

bool appendFrame(QByteArray &out, FrameKind kind, const Tun &tun, QByteArrayView data,
                 EmptyBody empty, QString *error) {
  static const char kSpace = ' ';
  if (data.isEmpty() && empty == EmptyBody::Space) data = QByteArrayView(&kSpace, 1);
  if (!appendHeader(out, kind, tun, data.size(), error)) return false;
  out.append(data.data(), data.size());
  return true;
}

QString addrToId(const Tun &tun) {
  static const QString kUndefined = QStringLiteral("undefined");
  auto part = [](const QString &s) -> const QString & { return s.isNull() ? kUndefined : s; };
  return part(tun.family) + QLatin1Char(',') + part(tun.address) + QLatin1Char(',') +
         part(tun.port);
}

Tun socketToTun(const QAbstractSocket &socket) {
  return socketToTun(socket.peerAddress(), socket.peerPort(), socket.localPort());
}

Tun socketToTun(const QHostAddress &peerAddress, quint16 peerPort, quint16 localPort) {
  Tun t;
  QHostAddress peer = peerAddress;
  bool isV4 = false;
  const quint32 v4 = peer.toIPv4Address(&isV4);  // also unwraps ::ffff:a.b.c.d
  if (isV4) peer = QHostAddress(v4);
  t.family = isV4 ? QStringLiteral("IPv4") : QStringLiteral("IPv6");
  t.address = peer.toString();
  t.port = QString::number(peerPort);
  t.serviceport = QString::number(localPort);
  return t;
}

HeaderTemplate::HeaderTemplate(const Tun &tun, qint64 maxDataLength)
    : m_tun(tun), m_id(addrToId(tun)), m_maxData(maxDataLength) {
  if (!checkFields(tun, FrameKind::Message, &m_error)) return;
  if (maxDataLength < 0) {
    m_error = QStringLiteral("negative maximum data length");
    return;
  }
  m_prefix = field(tun.family) + ',' + field(tun.address) + ',' + field(tun.port) + ',';
  m_service = field(tun.service);
  m_serviceTail = ',' + field(tun.serviceport) + ',' + field(tun.name);
  const qint64 fixed = m_prefix.size() + decimalDigits(maxDataLength) + 1 + m_serviceTail.size();
  // Longest service word a frame of this client can carry: its own service, "resume", or
  // "connection" followed by ",service" in field 7.
  const qint64 longest = qMax<qint64>(qMax<qint64>(m_service.size(), 6), 10 + 1 + m_service.size());
  if (fixed + longest > kMaxHeaderLength) {
    m_error = QStringLiteral("header for %1 would be %2 bytes; M-PROXY allows at most %3")
                  .arg(m_id)
                  .arg(fixed + longest)
                  .arg(kMaxHeaderLength);
    return;
  }
  m_valid = true;
}

void HeaderTemplate::appendWith(QByteArray &out, QByteArrayView service, qint64 dataLength,
                                QByteArrayView trailer) const {
  Q_ASSERT(m_valid && dataLength >= 0 && dataLength <= m_maxData);
  char digits[24];
  int n = 0;
  qint64 v = dataLength;
  do {
    digits[n++] = char('0' + v % 10);
    v /= 10;
  } while (v > 0);
  const qsizetype hlen =
      m_prefix.size() + n + 1 + service.size() + m_serviceTail.size() + trailer.size();
  const qsizetype at = out.size();
  out.resize(at + kPrefixLength + hlen);
  char *p = out.data() + at;
  *p++ = char(kVersionByte);
  *p++ = char(hlen);
  memcpy(p, m_prefix.constData(), m_prefix.size());
  p += m_prefix.size();
  while (n > 0) *p++ = digits[--n];
  *p++ = ',';
  memcpy(p, service.data(), service.size());
  p += service.size();
  memcpy(p, m_serviceTail.constData(), m_serviceTail.size());
  p += m_serviceTail.size();
  if (!trailer.isEmpty()) memcpy(p, trailer.data(), trailer.size());
}

void HeaderTemplate::appendData(QByteArray &out, qint64 dataLength) const {
  appendWith(out, m_service, dataLength, {});
}

void HeaderTemplate::appendSignal(QByteArray &out, FrameKind kind) const {
  Q_ASSERT(kind != FrameKind::Message && kind != FrameKind::Control);
  const QByteArray word = serviceWord(kind).toLatin1();
  if (kind == FrameKind::Connection) {
    appendWith(out, word, 0, QByteArray(',' + m_service));
    return;
  }
  appendWith(out, word, 0, {});
}

void HeaderTemplate::appendError(QByteArray &out, QByteArrayView jsonBody) const {
  const QByteArrayView body = jsonBody.first(qMin<qsizetype>(jsonBody.size(), m_maxData));
  appendWith(out, QByteArrayView("error"), body.size(), {});
  out.append(body.data(), body.size());
}

}  // namespace routeless::mproxy
