#include "protocol.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageAuthenticationCode>

#include "net/secretcompare.h"

namespace routeless::nodepass {
namespace {

QByteArray jsonString(const QString &s) {
  // QJsonDocument escapes like Go for the ASCII content used here (addresses, ids, hex).
  QByteArray doc = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
  return doc.mid(1, doc.size() - 2);
}

const char *reasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    default:
      return "Error";
  }
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
  QJsonParseError perr;
  const QJsonDocument doc = QJsonDocument::fromJson(xorWithKey(*decoded, key), &perr);
  if (!doc.isObject()) {
    if (error)
      *error =
          QStringLiteral("control line: not a JSON object after XOR (%1)").arg(perr.errorString());
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

ParseStatus parseRequestHead(const QByteArray &buffer, HttpRequestHead *out, QString *error) {
  const qsizetype end = buffer.indexOf("\r\n\r\n");
  if (end < 0) {
    if (buffer.size() > kMaxHeadBytes) {
      if (error)
        *error = QStringLiteral("handshake: request head exceeds %1 bytes").arg(kMaxHeadBytes);
      return ParseStatus::Invalid;
    }
    // A request line must look like a token early on; reject binary garbage without waiting.
    for (qsizetype i = 0; i < buffer.size() && i < 16; ++i) {
      const char c = buffer[i];
      if (c == ' ') break;
      if (c < 'A' || c > 'Z') {
        if (error) *error = QStringLiteral("handshake: request does not start with an HTTP method");
        return ParseStatus::Invalid;
      }
    }
    return ParseStatus::NeedMore;
  }
  const QList<QByteArray> lines = buffer.left(end).split('\n');
  const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
  if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.") ||
      requestLine[0].isEmpty()) {
    if (error) *error = QStringLiteral("handshake: malformed request line");
    return ParseStatus::Invalid;
  }
  HttpRequestHead head;
  head.method = requestLine[0];
  head.path = requestLine[1];
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArray line = lines[i].trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
      if (error) *error = QStringLiteral("handshake: malformed header line %1").arg(i);
      return ParseStatus::Invalid;
    }
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "host")
      head.host = value;
    else if (name == "authorization" && head.authorization.isEmpty())
      head.authorization = value;
  }
  *out = head;
  return ParseStatus::Done;
}

QByteArray httpErrorResponse(int status) {
  const QByteArray body = QByteArray(reasonPhrase(status)) + '\n';
  return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
         "\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "X-Content-Type-Options: nosniff\r\nDate: " +
         httpDate() + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

HandshakeVerdict answerHandshake(const HttpRequestHead &head, const QByteArray &expectedToken,
                                 const HandshakeConfig &config) {
  HandshakeVerdict v;
  if (head.method != "GET")
    v.status = 405;
  else if (head.path != "/")
    v.status = 404;
  else if (!head.authorization.startsWith("Bearer ") ||
           !net::constantTimeEquals(head.authorization.mid(7), expectedToken))
    v.status = 401;
  else
    v.status = 200;
  if (v.status != 200) {
    v.response = httpErrorResponse(v.status);
    return v;
  }
  const QByteArray body = config.toJson();
  v.response = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nDate: " +
               httpDate() + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
               body;
  return v;
}

QByteArray buildHandshakeRequest(const QString &host, const QByteArray &token) {
  return "GET / HTTP/1.1\r\nHost: " + host.toUtf8() +
         "\r\nUser-Agent: Go-http-client/1.1\r\nAuthorization: Bearer " + token +
         "\r\nAccept-Encoding: gzip\r\n\r\n";
}

ParseStatus parseHandshakeResponse(const QByteArray &buffer, bool peerClosed, int *status,
                                   HandshakeConfig *config, QString *error) {
  const qsizetype end = buffer.indexOf("\r\n\r\n");
  if (end < 0) {
    if (buffer.size() > kMaxHeadBytes || peerClosed) {
      if (error) *error = QStringLiteral("handshake: no complete HTTP response from server");
      return ParseStatus::Invalid;
    }
    return ParseStatus::NeedMore;
  }
  const QList<QByteArray> lines = buffer.left(end).split('\n');
  const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
  bool ok = false;
  const int code = statusLine.value(1).toInt(&ok);
  if (statusLine.size() < 2 || !statusLine[0].startsWith("HTTP/1.") || !ok) {
    if (error) *error = QStringLiteral("handshake: malformed status line from server");
    return ParseStatus::Invalid;
  }
  qint64 contentLength = -1;
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArray line = lines[i].trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
      contentLength = line.mid(colon + 1).trimmed().toLongLong();
  }
  const QByteArray body = buffer.mid(end + 4);
  if (contentLength >= 0 && body.size() < contentLength) {
    if (peerClosed) {
      if (error) *error = QStringLiteral("handshake: response body truncated");
      return ParseStatus::Invalid;
    }
    return ParseStatus::NeedMore;
  }
  if (contentLength < 0 && !peerClosed) return ParseStatus::NeedMore;
  *status = code;
  if (code != 200) {
    if (error)
      *error = QStringLiteral("handshake: server answered %1 %2")
                   .arg(code)
                   .arg(QString::fromLatin1(body.left(64).trimmed()));
    return ParseStatus::Done;
  }
  const QJsonDocument doc =
      QJsonDocument::fromJson(contentLength >= 0 ? body.left(contentLength) : body);
  if (!doc.isObject()) {
    if (error) *error = QStringLiteral("handshake: response body is not a JSON object");
    return ParseStatus::Invalid;
  }
  const QJsonObject o = doc.object();
  HandshakeConfig c;
  c.flow = o.value(QLatin1String("flow")).toString();
  c.max = o.value(QLatin1String("max")).toInt(1024);
  c.tls = o.value(QLatin1String("tls")).toString().toInt(&ok);
  if (!ok) c.tls = -1;
  c.type = o.value(QLatin1String("type")).toString().toInt(&ok);
  if (!ok) c.type = -1;
  if ((c.flow != QLatin1String("-") && c.flow != QLatin1String("+")) || c.tls < 0 || c.tls > 2 ||
      c.type < 0 || c.type > 3) {
    if (error) *error = QStringLiteral("handshake: invalid tunnel config in response");
    return ParseStatus::Invalid;
  }
  *config = c;
  return ParseStatus::Done;
}

QString certificateFingerprint(const QByteArray &der) {
  const QByteArray hash = QCryptographicHash::hash(der, QCryptographicHash::Sha256);
  return QStringLiteral("sha256:") + QString::fromLatin1(hash.toHex(':').toUpper());
}

}  // namespace routeless::nodepass
