#include "master/requesthead.h"

#include <QUrl>

namespace routeless::master {
namespace {

// RFC 9110 5.6.2 tchar.
bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

QByteArrayView trimmedOws(QByteArrayView v) {
  while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t')) v = v.sliced(1);
  while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t')) v.chop(1);
  return v;
}

RequestHeadResult refuse(int status, const char *reason) { return {status, QByteArray(reason)}; }

}  // namespace

QByteArray HttpRequest::header(QByteArrayView name) const {
  for (const auto &h : headers)
    if (h.first == name) return h.second;
  return QByteArray();
}

qsizetype maxRequestHeadBytes(const RequestHeadLimits &limits) {
  return qsizetype(limits.maxRequestLine) + 2 + limits.maxHeaderBytes + 4;
}

RequestHeadBoundary findRequestHead(QByteArrayView data, const RequestHeadLimits &limits) {
  const qsizetype cap = maxRequestHeadBytes(limits);
  const QByteArrayView window = data.first(qMin(data.size(), cap));
  const qsizetype lineEnd = window.indexOf(QByteArrayView("\r\n"));
  if ((lineEnd < 0 && window.size() > limits.maxRequestLine) || lineEnd > limits.maxRequestLine)
    return {0, 414, "request line too long"};
  const qsizetype blank = window.indexOf(QByteArrayView("\r\n\r\n"));
  if (blank >= 0) return {blank + 4, 0, {}};
  if (window.size() >= cap) return {0, 431, "request headers too large"};
  return {};
}

RequestHeadResult parseRequestHead(QByteArrayView head, const RequestHeadLimits &limits,
                                   HttpRequest *request) {
  for (char c : head)
    if (c == '\0') return refuse(400, "NUL byte in the request head");

  // Split into CRLF-terminated lines; a CR or LF anywhere else is refused.
  QList<QByteArrayView> lines;
  qsizetype start = 0;
  for (;;) {
    const qsizetype crlf = head.indexOf(QByteArrayView("\r\n"), start);
    const QByteArrayView line = head.sliced(start, (crlf < 0 ? head.size() : crlf) - start);
    if (line.contains('\r') || line.contains('\n'))
      return refuse(400, "bare CR or LF in the request head");
    lines.append(line);
    if (crlf < 0) break;
    start = crlf + 2;
  }

  const QByteArrayView requestLine = lines.first();
  if (requestLine.size() > limits.maxRequestLine) return refuse(414, "request line too long");
  if (head.size() - requestLine.size() > limits.maxHeaderBytes)
    return refuse(431, "request headers too large");
  if (lines.size() - 1 > limits.maxHeaders) return refuse(431, "too many header fields");

  const qsizetype sp1 = requestLine.indexOf(' ');
  const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0)
    return refuse(400, "malformed request line");
  const QByteArrayView method = requestLine.first(sp1);
  const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
  const QByteArrayView version = requestLine.sliced(sp2 + 1);
  for (char c : method)
    if (c < 'A' || c > 'Z') return refuse(400, "malformed method");
  for (char c : target)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return refuse(400, "control character in the request target");
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return refuse(505, "only HTTP/1.0 and HTTP/1.1 are served");
  if (!target.startsWith('/')) return refuse(400, "request target must be an absolute path");

  HttpRequest r;
  r.method = method.toByteArray();
  r.target = target.toByteArray();
  r.version = version.toByteArray();
  bool haveLength = false;
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArrayView line = lines[i];
    if (line.startsWith(' ') || line.startsWith('\t'))
      return refuse(400, "obsolete line folding is not accepted");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) return refuse(400, "malformed header field");
    const QByteArrayView name = line.first(colon);
    for (char c : name)
      if (!isTokenChar(c)) return refuse(400, "malformed header field name");
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    for (char c : value)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
        return refuse(400, "control character in a header field value");
    const QByteArray lower = name.toByteArray().toLower();
    if (lower == "content-length") {
      // One header, digits only: "5, 5", "+5", " 5 5", "0x5" and a second header are all
      // refused, since two parties reading a length differently is request smuggling.
      if (haveLength) return refuse(400, "more than one Content-Length");
      haveLength = true;
      if (value.isEmpty()) return refuse(400, "malformed Content-Length");
      qint64 length = 0;
      for (char c : value) {
        if (c < '0' || c > '9') return refuse(400, "malformed Content-Length");
        if (length > (HttpRequest::kUnboundedLength - 9) / 10)
          length = HttpRequest::kUnboundedLength;  // more than anyone may send: stays "too big"
        else
          length = length * 10 + (c - '0');
      }
      r.contentLength = length;
    } else if (lower == "transfer-encoding") {
      return refuse(501, "chunked request bodies are not accepted; send Content-Length");
    }
    r.headers.append({lower, value.toByteArray()});
  }

  const qsizetype q = r.target.indexOf('?');
  r.path = QUrl::fromPercentEncoding(r.target.left(q < 0 ? r.target.size() : q));
  if (q >= 0) r.query = QUrlQuery(QString::fromUtf8(r.target.mid(q + 1)));
  *request = std::move(r);
  return {};
}

}  // namespace routeless::master
