// libFuzzer target for agent::HttpProxyHead (Qt-free). A head that parses must keep to the
// limits, name a host and a non-zero port, and give an origin head that parses again as a
// request line with the same method and path, with no hop-by-hop field left and no bare CR
// or LF; every prefix of a parsed head must ask for more rather than decide differently.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "agent/proxy/httpproxyhead.h"

using routeless::agent::HttpProxyHead;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  if (size > 2 * HttpProxyHead::kMaxHead) return 0;
  HttpProxyHead h;
  const HttpProxyHead::Result r = h.parse(input);
  if (r.status == HttpProxyHead::Status::Failed) {
    if (r.error.empty() || (r.httpStatus != 400 && r.httpStatus != 431)) std::abort();
    return 0;
  }
  if (r.status == HttpProxyHead::Status::NeedMore) {
    if (size > HttpProxyHead::kMaxHead) std::abort();
    return 0;
  }
  if (r.consumed > size || r.consumed > HttpProxyHead::kMaxHead) std::abort();
  if (h.host.empty() || h.port == 0 || h.fields.size() > HttpProxyHead::kMaxFields) std::abort();
  if (h.isConnect()) return 0;
  const std::string origin = h.originHead();
  // The origin head is in origin form, which a proxy refuses: check its shape by hand.
  const std::string expectLine = h.method + " " + h.originTarget + " " + h.version + "\r\n";
  if (origin.compare(0, expectLine.size(), expectLine) != 0) std::abort();
  if (origin.size() < 4 || origin.compare(origin.size() - 4, 4, "\r\n\r\n") != 0) std::abort();
  for (size_t i = 0; i < origin.size(); ++i) {
    if (origin[i] == '\r' && (i + 1 >= origin.size() || origin[i + 1] != '\n')) std::abort();
    if (origin[i] == '\n' && (i == 0 || origin[i - 1] != '\r')) std::abort();
  }
  if (origin.find("\r\n\r\n") != origin.size() - 4) std::abort();
  for (const char *hop : {"\r\nProxy-Connection:", "\r\nproxy-connection:", "\r\nKeep-Alive:",
                          "\r\nProxy-Authorization:"})
    if (origin.find(hop) != std::string::npos) std::abort();
  // A prefix that ends before the blank line cannot be decided as Done.
  HttpProxyHead prefix;
  if (prefix.parse(input.substr(0, r.consumed - 1)).status == HttpProxyHead::Status::Done)
    std::abort();
  return 0;
}
