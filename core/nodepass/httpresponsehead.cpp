#include "httpresponsehead.h"

#include <string.h>

namespace routeless::nodepass {

QByteArray HttpResponseHead::header(const QByteArray &name) const {
  for (const auto &h : headers)
    if (h.first.compare(name, Qt::CaseInsensitive) == 0) return h.second;
  return {};
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

HeadStatus parseHttpResponseHead(const QByteArray &buffer, HttpResponseHead *out, QString *error) {
  const qsizetype end = buffer.indexOf("\r\n\r\n");
  if (end < 0 || end + 4 > kMaxResponseHeadBytes) {
    if (end >= 0 || buffer.size() > kMaxResponseHeadBytes) {
      *error = QStringLiteral("HTTP response head longer than %1 bytes").arg(kMaxResponseHeadBytes);
      return HeadStatus::Invalid;
    }
    return HeadStatus::NeedMore;
  }
  HttpResponseHead head;
  head.headLength = int(end + 4);
  const QList<QByteArray> lines = buffer.left(end).split('\n');
  for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
    if (!lines[i].endsWith('\r')) {
      *error = QStringLiteral("HTTP line without CR");
      return HeadStatus::Invalid;
    }
  }
  auto stripped = [&lines](qsizetype i) {
    QByteArray l = lines[i];
    if (l.endsWith('\r')) l.chop(1);
    return l;
  };
  const QByteArray start = stripped(0);
  const QList<QByteArray> parts = start.split(' ');
  bool ok = false;
  const int code = parts.value(1).toInt(&ok);
  if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].size() != 3 || !ok ||
      code < 100 || code > 599) {
    *error = QStringLiteral("malformed HTTP status line");
    return HeadStatus::Invalid;
  }
  head.status = code;
  head.reason = start.mid(parts[0].size() + parts[1].size() + 2);
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArray line = stripped(i);
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
      *error = QStringLiteral("control character in an HTTP header");
      return HeadStatus::Invalid;
    }
    if (head.headers.size() >= kMaxResponseHeaders) {
      *error = QStringLiteral("more than %1 HTTP headers").arg(kMaxResponseHeaders);
      return HeadStatus::Invalid;
    }
    head.headers.append({name, value});
  }
  *out = std::move(head);
  return HeadStatus::Done;
}

}  // namespace routeless::nodepass
