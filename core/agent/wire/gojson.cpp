#include "agent/wire/gojson.h"

namespace routeless::agent {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the byte there does not start one (Go's
// utf8.DecodeRuneInString: no overlong forms, no surrogates, nothing above U+10FFFF).
size_t validSequence(std::string_view s, size_t i, uint32_t *rune) {
  const auto b = [&](size_t k) { return uint8_t(s[i + k]); };
  const auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const uint8_t c = b(0);
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    *rune = (uint32_t(c & 0x1F) << 6) | (b(1) & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    const uint32_t r = (uint32_t(c & 0x0F) << 12) | (uint32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF)) return 0;
    *rune = r;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    const uint32_t r = (uint32_t(c & 0x07) << 18) | (uint32_t(b(1) & 0x3F) << 12) |
                       (uint32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (r < 0x10000 || r > 0x10FFFF) return 0;
    *rune = r;
    return 4;
  }
  return 0;
}

}  // namespace

std::string goJsonQuote(std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = uint8_t(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out += "\\\"";
          continue;
        case '\\':
          out += "\\\\";
          continue;
        case '\n':
          out += "\\n";
          continue;
        case '\r':
          out += "\\r";
          continue;
        case '\t':
          out += "\\t";
          continue;
        default:
          break;
      }
      if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
      } else {
        out += char(c);
      }
      continue;
    }
    uint32_t rune = 0;
    const size_t n = validSequence(s, i, &rune);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
    } else if (rune == 0x2028 || rune == 0x2029) {  // escaped by Go for JavaScript's sake
      out += rune == 0x2028 ? "\\u2028" : "\\u2029";
      i += n;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  out += '"';
  return out;
}

void GoJsonWriter::separate() {
  if (!m_first) m_out += ',';
  m_first = false;
}

void GoJsonWriter::beginObject() {
  separate();
  m_out += '{';
  m_first = true;
}

void GoJsonWriter::endObject() {
  m_out += '}';
  m_first = false;
}

void GoJsonWriter::beginArray() {
  separate();
  m_out += '[';
  m_first = true;
}

void GoJsonWriter::endArray() {
  m_out += ']';
  m_first = false;
}

void GoJsonWriter::key(const char *k) {
  separate();
  m_out += '"';
  m_out += k;
  m_out += "\":";
  m_first = true;
}

void GoJsonWriter::keyString(std::string_view k) {
  separate();
  m_out += goJsonQuote(k);
  m_out += ':';
  m_first = true;
}

void GoJsonWriter::string(std::string_view s) {
  separate();
  m_out += goJsonQuote(s);
}

void GoJsonWriter::number(int64_t n) {
  separate();
  m_out += std::to_string(n);
}

void GoJsonWriter::boolean(bool b) {
  separate();
  m_out += b ? "true" : "false";
}

void GoJsonWriter::null() {
  separate();
  m_out += "null";
}

void GoJsonWriter::stringList(const std::vector<std::string> &list) {
  if (list.empty()) {
    null();
    return;
  }
  beginArray();
  for (const auto &s : list) string(s);
  endArray();
}

}  // namespace routeless::agent
