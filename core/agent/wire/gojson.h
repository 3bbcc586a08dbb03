#pragma once
// JSON text laid out exactly as Go's encoding/json writes it: fields in the order the caller
// gives (Go's struct order), no spaces, Go's string escaping. A NoRouter peer sees the very
// bytes a NoRouter peer would send. It writes; it never parses.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace routeless::agent {

// Go's string quoting with HTML escaping: `"`, `\`, \n, \r, \t short forms, other controls and
// < > & as \u00XX, U+2028/U+2029 escaped, and each byte that is not valid UTF-8 as \ufffd
// (Go's encoder replaces them, so its output is always valid UTF-8).
std::string goJsonQuote(std::string_view utf8);

class GoJsonWriter {
 public:
  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  void key(const char *k);  // a literal key, known to need no escaping
  void keyString(std::string_view k);
  void string(std::string_view s);
  void number(int64_t n);
  void boolean(bool b);
  void null();
  void stringList(const std::vector<std::string> &list);  // a nil slice (no omitempty): null
  std::string take() { return std::move(m_out); }

 private:
  void separate();
  std::string m_out;
  bool m_first = true;
};

}  // namespace routeless::agent
