#include "net/httphead.h"

#include <cstring>

namespace routeless::net {
namespace {

// RFC 9110 §5.6.2 token characters.
bool isTchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView s) {
  if (s.isEmpty()) return false;
  for (const char c : s)
    if (!isTchar(c)) return false;
  return true;
}

bool isOws(char c) { return c == ' ' || c == '\t'; }

QByteArrayView trimOws(QByteArrayView s) {
  while (!s.isEmpty() && isOws(s.front())) s = s.sliced(1);
  while (!s.isEmpty() && isOws(s.back())) s.chop(1);
  return s;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b) {
  if (a.size() != b.size()) return false;
  for (qsizetype i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

}  // namespace

QByteArray HttpRequestHead::field(QByteArrayView name) const {
  for (const auto &f : fields)
    if (f.first == name) return f.second;
  return QByteArray();
}

QList<QByteArray> HttpRequestHead::fieldValues(QByteArrayView name) const {
  QList<QByteArray> out;
  for (const auto &f : fields)
    if (f.first == name) out.append(f.second);
  return out;
}

bool HttpRequestHead::hasField(QByteArrayView name) const { return fieldCount(name) > 0; }

int HttpRequestHead::fieldCount(QByteArrayView name) const {
  int n = 0;
  for (const auto &f : fields) n += f.first == name;
  return n;
}

QList<QByteArray> HttpRequestHead::listElements(QByteArrayView name) const {
  QList<QByteArray> out;
  for (const auto &f : fields) {
    if (f.first != name) continue;
    QByteArrayView rest(f.second);
    while (!rest.isEmpty()) {
      const qsizetype comma = rest.indexOf(',');
      const QByteArrayView element = trimOws(comma < 0 ? rest : rest.first(comma));
      if (!element.isEmpty()) out.append(element.toByteArray());
      rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
    }
  }
  return out;
}

bool HttpRequestHead::listHasToken(QByteArrayView name, QByteArrayView token) const {
  for (const QByteArray &e : listElements(name))
    if (equalsIgnoringCase(e, token)) return true;
  return false;
}

void HttpRequestHeadParser::reset() {
  m_state = State::NeedMore;
  m_head = HttpRequestHead();
  m_line.clear();
  m_total = 0;
  m_sawRequestLine = false;
  m_errorStatus = 0;
  m_errorText.clear();
}

HttpRequestHeadParser::State HttpRequestHeadParser::fail(int status, const char *why) {
  m_state = State::Failed;
  m_errorStatus = status;
  m_errorText = why;
  m_line.clear();
  return m_state;
}

HttpRequestHeadParser::State HttpRequestHeadParser::feed(QByteArrayView data, qsizetype *used) {
  qsizetype at = 0;
  while (m_state == State::NeedMore && at < data.size()) {
    const char *nl =
        static_cast<const char *>(std::memchr(data.data() + at, '\n', size_t(data.size() - at)));
    const qsizetype end = nl ? qsizetype(nl - data.data()) + 1 : data.size();
    // Room left under each limit (a line may have its CR and LF on top of maxLineBytes). Which
    // one is exceeded depends only on the bytes, never on how they were chunked.
    const qsizetype headRoom = m_limits.maxHeadBytes - m_total;
    const qsizetype lineRoom = m_limits.maxLineBytes + 2 - m_line.size();
    if (end - at > qMin(headRoom, lineRoom)) {
      m_total += qMin(headRoom, lineRoom);
      at = end;
      if (headRoom <= lineRoom)
        fail(431, "request head too large");
      else if (m_sawRequestLine)
        fail(431, "header field line too long");
      else
        fail(414, "request line too long");
      break;
    }
    m_total += end - at;
    m_line.append(data.sliced(at, (nl ? end - 1 : end) - at));
    at = end;
    if (nl) takeLine();
  }
  if (used) *used = at;
  return m_state;
}

HttpRequestHeadParser::State HttpRequestHeadParser::takeLine() {
  QByteArrayView line(m_line);
  if (line.isEmpty() || line.back() != '\r') return fail(400, "line ends in LF without CR");
  line.chop(1);
  if (line.contains('\r')) return fail(400, "bare CR in the request head");
  if (line.contains('\0')) return fail(400, "NUL in the request head");
  State s = State::NeedMore;
  if (!m_sawRequestLine) {
    // RFC 9112 §2.2: empty lines before the request line are ignored (within the size limit).
    if (!line.isEmpty()) s = takeRequestLine(line);
  } else if (line.isEmpty()) {
    s = finish();
  } else {
    s = takeFieldLine(line);
  }
  m_line.clear();
  return s;
}

HttpRequestHeadParser::State HttpRequestHeadParser::takeRequestLine(QByteArrayView line) {
  m_sawRequestLine = true;
  const qsizetype sp1 = line.indexOf(' ');
  if (sp1 < 0) return fail(400, "malformed request line");
  const qsizetype sp2 = line.indexOf(' ', sp1 + 1);
  if (sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) return fail(400, "malformed request line");
  const QByteArrayView method = line.first(sp1);
  const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
  const QByteArrayView version = line.sliced(sp2 + 1);
  if (!isToken(method)) return fail(400, "malformed method");
  if (target.isEmpty()) return fail(400, "empty request target");
  for (const char c : target)
    if (uchar(c) < 0x21 || uchar(c) > 0x7e) return fail(400, "malformed request target");
  const bool shaped = version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.' &&
                      version[5] >= '0' && version[5] <= '9' && version[7] >= '0' &&
                      version[7] <= '9';
  if (!shaped) return fail(400, "malformed HTTP version");
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return fail(505, "only HTTP/1.0 and HTTP/1.1 are served");
  m_head.method = method.toByteArray();
  m_head.target = target.toByteArray();
  m_head.version = version.toByteArray();
  return State::NeedMore;
}

HttpRequestHeadParser::State HttpRequestHeadParser::takeFieldLine(QByteArrayView line) {
  if (isOws(line.front())) return fail(400, "obsolete line folding");
  const qsizetype colon = line.indexOf(':');
  if (colon <= 0) return fail(400, "header field without a name");
  const QByteArrayView name = line.first(colon);
  // Also refuses whitespace before the colon (RFC 9112 §5.1).
  if (!isToken(name)) return fail(400, "malformed header field name");
  const QByteArrayView value = trimOws(line.sliced(colon + 1));
  for (const char c : value)
    if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
      return fail(400, "control character in a header field value");
  if (m_head.fields.size() >= m_limits.maxFields) return fail(431, "too many header fields");
  QByteArray lowered(name.size(), Qt::Uninitialized);
  for (qsizetype i = 0; i < name.size(); ++i) lowered[i] = lower(name[i]);
  if (lowered == "host" && m_head.hasField("host")) return fail(400, "more than one Host");
  if (lowered == "content-length") {
    if (m_head.contentLength) return fail(400, "more than one Content-Length");
    // Digits only: no sign, no spaces, no list ("5, 5"); 18 digits cannot overflow.
    if (value.isEmpty() || value.size() > 18) return fail(400, "malformed Content-Length");
    qint64 n = 0;
    for (const char c : value) {
      if (c < '0' || c > '9') return fail(400, "malformed Content-Length");
      n = n * 10 + (c - '0');
    }
    m_head.contentLength = n;
  }
  m_head.fields.append({lowered, value.toByteArray()});
  return State::NeedMore;
}

HttpRequestHeadParser::State HttpRequestHeadParser::finish() {
  // RFC 9112 §3.2: an HTTP/1.1 request without Host is refused.
  if (m_head.version == "HTTP/1.1" && !m_head.hasField("host"))
    return fail(400, "HTTP/1.1 request without Host");
  // RFC 9112 §6.1: a request with both is how smuggling starts; refuse instead of choosing.
  if (m_head.contentLength && m_head.hasField("transfer-encoding"))
    return fail(400, "both Content-Length and Transfer-Encoding");
  m_state = State::Done;
  return m_state;
}

QByteArray httpReasonPhrase(int status) {
  switch (status) {
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 426:
      return "Upgrade Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

}  // namespace routeless::net
