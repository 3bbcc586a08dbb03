#include "protocol.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageAuthenticationCode>

#include "httpresponsehead.h"
#include "net/secretcompare.h"

namespace routeless::nodepass {
namespace {

QByteArray jsonString(const QString &s) {
  // QJsonDocument escapes like Go for the ASCII content used here (addresses, ids, hex).
  QByteArray doc = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
  return doc.mid(1, doc.size() - 2);
}

QByteArray httpDate() {
  return QLocale::c()
             .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
             .toLatin1() +
         " GMT";
}

}  // namespace

QByteArray tunnelToken(const QByteArray &key) {
  return QMessageAuthenticationCode::hash(QByteArray(), key, QCryptographicHash::Sha256).toHex();
}

QByteArray xorWithKey(const QByteArray &data, const QByteArray &key) {
  if (key.isEmpty()) return data;
  QByteArray out(data.size(), Qt::Uninitialized);
  const qsizetype k = key.size();
  for (qsizetype i = 0; i < data.size(); ++i) out[i] = char(data[i] ^ key[i % k]);
  return out;
}

QByteArray Signal::toJson() const {
  QByteArray out = "{\"action\":" + jsonString(action);
  if (!remote.isEmpty()) out += ",\"remote\":" + jsonString(remote);
  if (!id.isEmpty()) out += ",\"id\":" + jsonString(id);
  if (!fp.isEmpty()) out += ",\"fp\":" + jsonString(fp);
  return out + '}';
}

QByteArray encodeSignal(const Signal &signal, const QByteArray &key) {
  return xorWithKey(signal.toJson(), key).toBase64() + '\n';
}

std::optional<Signal> decodeSignal(const QByteArray &line, const QByteArray &key, QString *error) {
  QByteArray text = line;
  if (text.endsWith('\n')) text.chop(1);
  if (text.endsWith('\r')) text.chop(1);
  const auto decoded =
      QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
  if (!decoded) {
    if (error) *error = QStringLiteral("control line: not base64 (%1 bytes)").arg(text.size());
    return std::nullopt;
  }
  return signalFromJson(xorWithKey(*decoded, key), error);
}

std::optional<Signal> signalFromJson(const QByteArray &json, QString *error) {
  QJsonParseError perr;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
  if (!doc.isObject()) {
    if (error)
      *error = QStringLiteral("control line: not a JSON object (%1)").arg(perr.errorString());
    return std::nullopt;
  }
  const QJsonObject o = doc.object();
  Signal s;
  s.action = o.value(QLatin1String("action")).toString();
  s.remote = o.value(QLatin1String("remote")).toString();
  s.id = o.value(QLatin1String("id")).toString();
  s.fp = o.value(QLatin1String("fp")).toString();
  if (s.action.isEmpty()) {
    if (error) *error = QStringLiteral("control line: JSON object without \"action\"");
    return std::nullopt;
  }
  return s;
}

QByteArray HandshakeConfig::toJson() const {
  return "{\"flow\":" + jsonString(flow) + ",\"max\":" + QByteArray::number(max) + ",\"tls\":\"" +
         QByteArray::number(tls) + "\",\"type\":\"" + QByteArray::number(type) + "\"}\n";
}

net::HttpHeadLimits handshakeHeadLimits() {
  net::HttpHeadLimits limits;
  limits.maxLineBytes = kMaxHeadBytes / 2;
  limits.maxHeadBytes = kMaxHeadBytes;
  limits.maxFields = 64;
  return limits;
}

bool mayStartRequest(const QByteArray &start) {
  for (qsizetype i = 0; i < start.size() && i < 16; ++i) {
    const char c = start[i];
    if (c == ' ') return i > 0;
    if (c < 'A' || c > 'Z') return false;
  }
  return start.size() < 16;
}

QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &extraHeaders,
                        const QByteArray &body, bool keepAlive) {
  // Header order as Go's net/http writes them (sorted, then Date and Content-Length).
  QByteArray out =
      "HTTP/1.1 " + QByteArray::number(status) + ' ' + net::httpReasonPhrase(status) + "\r\n";
  if (!keepAlive) out += "Connection: close\r\n";
  out += "Content-Type: " + contentType + "\r\n" + extraHeaders;
  if (contentType.startsWith("text/plain")) out += "X-Content-Type-Options: nosniff\r\n";
  return out + "Date: " + httpDate() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
         "\r\n\r\n" + body;
}

QByteArray httpErrorResponse(int status) {
  return httpResponse(status, "text/plain; charset=utf-8", {}, net::httpReasonPhrase(status) + '\n',
                      false);
}

HandshakeVerdict answerHandshake(const net::HttpRequestHead &head, const QByteArray &expectedToken,
                                 const HandshakeConfig &config, const QByteArray &extraHeaders) {
  HandshakeVerdict v;
  // Go's r.URL.Path: the target without its query.
  const qsizetype query = head.target.indexOf('?');
  const QByteArray path = query < 0 ? head.target : head.target.left(query);
  const QByteArray authorization = head.field("authorization");
  if (head.method != "GET")
    v.status = 405;
  else if (path != "/")
    v.status = 404;
  else if (!authorization.startsWith("Bearer ") ||
           !net::constantTimeEquals(authorization.mid(7), expectedToken))
    v.status = 401;
  else
    v.status = 200;
  if (v.status != 200) {
    v.response = httpErrorResponse(v.status);
    return v;
  }
  v.response = httpResponse(200, "application/json", extraHeaders, config.toJson(), false);
  return v;
}

QByteArray buildHandshakeRequest(const QString &host, const QByteArray &token) {
  return buildRequest(host, "Authorization: Bearer " + token + "\r\n");
}

QByteArray buildRequest(const QString &host, const QByteArray &authHeaders) {
  return "GET / HTTP/1.1\r\nHost: " + host.toUtf8() + "\r\nUser-Agent: Go-http-client/1.1\r\n" +
         authHeaders + "Accept-Encoding: gzip\r\n\r\n";
}

ParseStatus parseHttpResponse(const QByteArray &buffer, bool peerClosed, HttpResponse *out,
                              qsizetype *consumed, QString *error) {
  // The head through the one response-head reader (status line, CRLF lines, field syntax,
  // size and count limits); only the body's framing is read here.
  static_assert(kMaxHeadBytes == kMaxResponseHeadBytes);
  HttpResponseHead head;
  QString why;
  switch (parseHttpResponseHead(buffer, &head, &why)) {
    case HeadStatus::NeedMore:
      if (!peerClosed) return ParseStatus::NeedMore;
      if (error) *error = QStringLiteral("handshake: no complete HTTP response from server");
      return ParseStatus::Invalid;
    case HeadStatus::Invalid:
      if (error) *error = QStringLiteral("handshake: ") + why;
      return ParseStatus::Invalid;
    case HeadStatus::Done:
      break;
  }
  HttpResponse r;
  r.status = head.status;
  r.routeless = head.header("Routeless-Tunnel");
  qint64 contentLength = -1;
  for (const auto &[name, value] : head.headers) {
    if (name.compare("content-length", Qt::CaseInsensitive) != 0) continue;
    bool digits = !value.isEmpty() && value.size() <= 9;
    for (char c : value) digits = digits && c >= '0' && c <= '9';
    if (!digits || contentLength >= 0) {
      if (error) *error = QStringLiteral("handshake: invalid or repeated Content-Length");
      return ParseStatus::Invalid;
    }
    contentLength = value.toLongLong();
  }
  if (contentLength > kMaxBodyBytes) {
    if (error)
      *error = QStringLiteral("handshake: response body exceeds %1 bytes").arg(kMaxBodyBytes);
    return ParseStatus::Invalid;
  }
  const qsizetype bodyStart = head.headLength;
  const qsizetype available = buffer.size() - bodyStart;
  if (contentLength >= 0 && available < contentLength) {
    if (peerClosed) {
      if (error) *error = QStringLiteral("handshake: response body truncated");
      return ParseStatus::Invalid;
    }
    return ParseStatus::NeedMore;
  }
  if (contentLength < 0) {
    if (available > kMaxBodyBytes) {
      if (error)
        *error = QStringLiteral("handshake: response body exceeds %1 bytes").arg(kMaxBodyBytes);
      return ParseStatus::Invalid;
    }
    if (!peerClosed) return ParseStatus::NeedMore;
    contentLength = available;
  }
  r.body = buffer.mid(bodyStart, contentLength);
  if (consumed) *consumed = bodyStart + contentLength;
  *out = r;
  return ParseStatus::Done;
}

std::optional<HandshakeConfig> parseHandshakeConfig(const QByteArray &body, QString *error) {
  const QJsonDocument doc = QJsonDocument::fromJson(body);
  if (!doc.isObject()) {
    if (error) *error = QStringLiteral("handshake: response body is not a JSON object");
    return std::nullopt;
  }
  const QJsonObject o = doc.object();
  HandshakeConfig c;
  bool ok = false;
  c.flow = o.value(QLatin1String("flow")).toString();
  c.max = o.value(QLatin1String("max")).toInt(1024);
  c.tls = o.value(QLatin1String("tls")).toString().toInt(&ok);
  if (!ok) c.tls = -1;
  c.type = o.value(QLatin1String("type")).toString().toInt(&ok);
  if (!ok) c.type = -1;
  if ((c.flow != QLatin1String("-") && c.flow != QLatin1String("+")) || c.tls < 0 || c.tls > 2 ||
      c.type < 0 || c.type > 3) {
    if (error) *error = QStringLiteral("handshake: invalid tunnel config in response");
    return std::nullopt;
  }
  return c;
}

ParseStatus parseHandshakeResponse(const QByteArray &buffer, bool peerClosed, int *status,
                                   HandshakeConfig *config, QString *error) {
  HttpResponse r;
  const ParseStatus st = parseHttpResponse(buffer, peerClosed, &r, nullptr, error);
  if (st != ParseStatus::Done) return st;
  *status = r.status;
  if (r.status != 200) {
    if (error)
      *error = QStringLiteral("handshake: server answered %1 %2")
                   .arg(r.status)
                   .arg(QString::fromLatin1(r.body.left(64).trimmed()));
    return ParseStatus::Done;
  }
  const auto c = parseHandshakeConfig(r.body, error);
  if (!c) return ParseStatus::Invalid;
  *config = *c;
  return ParseStatus::Done;
}

QString certificateFingerprint(const QByteArray &der) {
  const QByteArray hash = QCryptographicHash::hash(der, QCryptographicHash::Sha256);
  return QStringLiteral("sha256:") + QString::fromLatin1(hash.toHex(':').toUpper());
}

}  // namespace routeless::nodepass
