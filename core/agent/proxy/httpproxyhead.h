#pragma once
// A forward proxy's request head read from bytes (no I/O): the request line, in absolute form
// (`GET http://host:port/path HTTP/1.1`) or CONNECT's authority form, and the header fields,
// within a size and count limit. For a plain request it writes the head the origin gets:
// origin-form target, hop-by-hop fields (Connection and what it names, Proxy-*, Keep-Alive)
// dropped and `Connection: close` (one request per connection). It never accepts a head it
// has not read to its blank line.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace routeless::agent {

struct HttpProxyHead {
  static constexpr size_t kMaxHead = 16 * 1024;
  static constexpr size_t kMaxFields = 100;

  enum class Status { NeedMore, Done, Failed };
  struct Result {
    Status status = Status::NeedMore;
    size_t consumed = 0;  // the head's bytes, blank line included
    int httpStatus = 0;   // for Failed: what to answer (400, 431, 501)
    std::string error;
  };

  std::string method;
  std::string target;   // as sent
  std::string version;  // "HTTP/1.1"
  std::string host;     // from the target: a name, a dotted quad or an IPv6 literal (no brackets)
  uint16_t port = 0;
  std::string originTarget;  // "/path?query" for a plain request
  std::vector<std::pair<std::string, std::string>> fields;

  bool isConnect() const { return method == "CONNECT"; }
  // Parses `data` (every byte received so far) into this head.
  Result parse(std::string_view data);
  // The head to send to the origin for a plain request.
  std::string originHead() const;
};

}  // namespace routeless::agent
