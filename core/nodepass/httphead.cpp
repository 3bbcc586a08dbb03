#include "httphead.h"

#include <string.h>

namespace routeless::nodepass {

QByteArray HttpHead::header(const QByteArray &name) const {
  for (const auto &h : headers)
    if (h.first.compare(name, Qt::CaseInsensitive) == 0) return h.second;
  return {};
}

bool HttpHead::headerHasToken(const QByteArray &name, const QByteArray &token) const {
  for (const auto &h : headers) {
    if (h.first.compare(name, Qt::CaseInsensitive) != 0) continue;
    for (const QByteArray &part : h.second.split(','))
      if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) return true;
  }
  return false;
}

namespace {

bool isTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c != 0 && strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool validValue(const QByteArray &v) {
  for (char c : v) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

HeadStatus parseHttpHead(const QByteArray &buffer, bool isResponse, HttpHead *out, QString *error) {
  const qsizetype end = buffer.indexOf("\r\n\r\n");
  if (end < 0) {
    if (buffer.size() > kMaxHttpHeadBytes) {
      *error = QStringLiteral("HTTP head longer than %1 bytes").arg(kMaxHttpHeadBytes);
      return HeadStatus::Invalid;
    }
    return HeadStatus::NeedMore;
  }
  if (end + 4 > kMaxHttpHeadBytes) {
    *error = QStringLiteral("HTTP head longer than %1 bytes").arg(kMaxHttpHeadBytes);
    return HeadStatus::Invalid;
  }
  HttpHead head;
  head.headLength = int(end + 4);
  const QList<QByteArray> lines = buffer.left(end).split('\n');
  QByteArray start = lines.first();
  if (!start.endsWith('\r') && lines.size() > 1) {
    *error = QStringLiteral("HTTP line without CR");
    return HeadStatus::Invalid;
  }
  if (start.endsWith('\r')) start.chop(1);
  const QList<QByteArray> parts = start.split(' ');
  if (isResponse) {
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.")) {
      *error = QStringLiteral("malformed HTTP status line");
      return HeadStatus::Invalid;
    }
    bool ok = false;
    const int code = parts[1].toInt(&ok);
    if (!ok || parts[1].size() != 3 || code < 100 || code > 599) {
      *error = QStringLiteral("malformed HTTP status code");
      return HeadStatus::Invalid;
    }
    head.status = code;
    head.reason = start.mid(parts[0].size() + parts[1].size() + 2);
  } else {
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() ||
        !parts[2].startsWith("HTTP/1.")) {
      *error = QStringLiteral("malformed HTTP request line");
      return HeadStatus::Invalid;
    }
    for (char c : parts[0]) {
      if (!isTokenChar(c)) {
        *error = QStringLiteral("malformed HTTP method");
        return HeadStatus::Invalid;
      }
    }
    head.method = parts[0];
    head.target = parts[1];
  }
  for (qsizetype i = 1; i < lines.size(); ++i) {
    QByteArray line = lines[i];
    if (!line.endsWith('\r') && i + 1 < lines.size()) {
      *error = QStringLiteral("HTTP line without CR");
      return HeadStatus::Invalid;
    }
    if (line.endsWith('\r')) line.chop(1);
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
      *error = QStringLiteral("malformed HTTP header line");
      return HeadStatus::Invalid;
    }
    const QByteArray name = line.left(colon);
    for (char c : name) {
      if (!isTokenChar(c)) {
        *error = QStringLiteral("malformed HTTP header name");
        return HeadStatus::Invalid;
      }
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (!validValue(value)) {
      *error = QStringLiteral("control character in HTTP header %1").arg(QLatin1String(name));
      return HeadStatus::Invalid;
    }
    if (head.headers.size() >= kMaxHttpHeaders) {
      *error = QStringLiteral("more than %1 HTTP headers").arg(kMaxHttpHeaders);
      return HeadStatus::Invalid;
    }
    head.headers.append({name, value});
  }
  *out = std::move(head);
  return HeadStatus::Done;
}

}  // namespace routeless::nodepass
