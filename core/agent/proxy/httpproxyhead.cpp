#include "agent/proxy/httpproxyhead.h"

#include <algorithm>
#include <cctype>

#include "agent/sys/socket.h"

namespace routeless::agent {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f ||
        std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos)
      return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

HttpProxyHead::Result failed(int status, std::string error) {
  HttpProxyHead::Result r;
  r.status = HttpProxyHead::Status::Failed;
  r.httpStatus = status;
  r.error = std::move(error);
  return r;
}

// "host", "host:port", "[v6]" or "[v6]:port" -> host and port (defaultPort when absent).
bool splitAuthority(std::string_view a, uint16_t defaultPort, std::string *host, uint16_t *port) {
  const std::optional<HostPortText> parsed = splitHostPort(a);
  if (!parsed) return false;
  const std::string &h = parsed->host;
  if (h.empty() || h.size() > 255) return false;
  for (char c : h) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '/' || c == '@' || c == '?' || c == '#') return false;
  }
  const uint16_t value = parsed->hasPort ? parsed->port : defaultPort;
  if (value == 0) return false;
  *host = h;
  *port = value;
  return true;
}

}  // namespace

HttpProxyHead::Result HttpProxyHead::parse(std::string_view data) {
  const size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (data.size() > kMaxHead) return failed(431, "request head larger than 16 KiB");
    return {};
  }
  if (end + 4 > kMaxHead) return failed(431, "request head larger than 16 KiB");
  std::string_view head = data.substr(0, end + 2);  // each line ends with CRLF
  // A bare CR or LF (or a NUL) would pass a line break on to the origin: refused.
  for (size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (c == '\0' || (c == '\r' && head[i + 1] != '\n') ||
        (c == '\n' && (i == 0 || head[i - 1] != '\r')))
      return failed(400, "bare CR, LF or NUL in the request head");
  }
  method.clear();
  target.clear();
  version.clear();
  host.clear();
  port = 0;
  originTarget.clear();
  fields.clear();

  size_t lineEnd = head.find("\r\n");
  const std::string_view requestLine = head.substr(0, lineEnd);
  head.remove_prefix(lineEnd + 2);
  const size_t sp1 = requestLine.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : requestLine.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || requestLine.find(' ', sp2 + 1) != std::string_view::npos)
    return failed(400, "malformed request line");
  method.assign(requestLine.substr(0, sp1));
  target.assign(requestLine.substr(sp1 + 1, sp2 - sp1 - 1));
  version.assign(requestLine.substr(sp2 + 1));
  if (!isToken(method)) return failed(400, "malformed method");
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return failed(400, "unsupported HTTP version");
  if (target.empty()) return failed(400, "empty request target");
  for (char c : target)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return failed(400, "control character or space in the request target");

  while (!head.empty()) {
    lineEnd = head.find("\r\n");
    const std::string_view line = head.substr(0, lineEnd);
    head.remove_prefix(lineEnd + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
      return failed(400, "malformed header field");
    const std::string_view value = trim(line.substr(colon + 1));
    for (char c : value)
      if (c == '\r' || c == '\n' || c == '\0') return failed(400, "malformed header value");
    if (fields.size() >= kMaxFields) return failed(431, "more than 100 header fields");
    fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }

  if (isConnect()) {
    // Authority form; a port is required.
    if (target.find(':') == std::string::npos || !splitAuthority(target, 0, &host, &port))
      return failed(400, "CONNECT needs host:port");
  } else {
    constexpr std::string_view scheme = "http://";
    if (target.size() < scheme.size() ||
        !iequals(std::string_view(target).substr(0, scheme.size()), scheme))
      return failed(400, "a proxy request needs an absolute http:// URL");
    std::string_view rest = std::string_view(target).substr(scheme.size());
    const size_t pathStart = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, pathStart);
    if (authority.find('@') != std::string_view::npos) return failed(400, "user info in the URL");
    if (!splitAuthority(authority, 80, &host, &port))
      return failed(400, "malformed host in the URL");
    std::string_view path =
        pathStart == std::string_view::npos ? std::string_view() : rest.substr(pathStart);
    if (const size_t hash = path.find('#'); hash != std::string_view::npos)
      path = path.substr(0, hash);
    originTarget =
        path.empty() || path.front() != '/' ? "/" + std::string(path) : std::string(path);
  }
  Result r;
  r.status = Status::Done;
  r.consumed = end + 4;
  return r;
}

std::string HttpProxyHead::originHead() const {
  // Fields named by Connection are hop-by-hop too (RFC 9110 §7.6.1).
  std::vector<std::string> hop = {
      "connection", "proxy-connection", "keep-alive", "proxy-authorization", "proxy-authenticate",
      "te",         "trailer",          "upgrade"};
  for (const auto &[name, value] : fields) {
    if (!iequals(name, "connection")) continue;
    std::string_view list = value;
    while (!list.empty()) {
      const size_t comma = list.find(',');
      const std::string_view item = trim(list.substr(0, comma));
      if (!item.empty()) {
        std::string lower(item);
        for (char &c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
        hop.push_back(lower);
      }
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  std::string out = method + " " + originTarget + " " + version + "\r\n";
  bool haveHost = false;
  for (const auto &[name, value] : fields) {
    bool drop = false;
    for (const std::string &h : hop) drop |= iequals(name, h);
    if (drop) continue;
    haveHost |= iequals(name, "host");
    out += name + ": " + value + "\r\n";
  }
  if (!haveHost) {
    const bool v6 = host.find(':') != std::string::npos;
    out += "Host: " + (v6 ? "[" + host + "]" : host) +
           (port == 80 ? "" : ":" + std::to_string(port)) + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  return out;
}

}  // namespace routeless::agent
