#include "mproxy/jsontext.h"

#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace routeless::mproxy {
namespace {

constexpr int kMaxDepth = 512;

class Parser {
 public:
  explicit Parser(QStringView t) : m_t(t) {}

  bool parse(JsValue *out, QString *error) {
    skipSpace();
    if (!value(out, 0)) {
      if (error) *error = m_error;
      return false;
    }
    skipSpace();
    if (m_i != m_t.size()) {
      if (error) *error = QStringLiteral("unexpected text at position %1").arg(m_i);
      return false;
    }
    return true;
  }

 private:
  bool failAt(const char *what) {
    if (m_error.isEmpty())
      m_error = QStringLiteral("%1 at position %2").arg(QLatin1String(what)).arg(m_i);
    return false;
  }
  void skipSpace() {
    while (m_i < m_t.size()) {
      const char16_t c = m_t[m_i].unicode();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++m_i;
    }
  }
  bool literal(const char *word) {
    const qsizetype n = qsizetype(strlen(word));
    if (m_t.mid(m_i, n) != QLatin1String(word)) return failAt("invalid literal");
    m_i += n;
    return true;
  }
  bool value(JsValue *v, int depth) {
    if (depth > kMaxDepth) return failAt("nesting too deep");
    if (m_i >= m_t.size()) return failAt("unexpected end");
    const char16_t c = m_t[m_i].unicode();
    switch (c) {
      case 'n':
        v->type = JsValue::Null;
        return literal("null");
      case 't':
        v->type = JsValue::Bool;
        v->boolean = true;
        return literal("true");
      case 'f':
        v->type = JsValue::Bool;
        v->boolean = false;
        return literal("false");
      case '"':
        v->type = JsValue::String;
        return string(&v->string);
      case '[':
        return array(v, depth);
      case '{':
        return object(v, depth);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        return failAt("unexpected character");
    }
  }
  bool digits() {
    const qsizetype start = m_i;
    while (m_i < m_t.size() && m_t[m_i] >= QLatin1Char('0') && m_t[m_i] <= QLatin1Char('9')) ++m_i;
    return m_i > start;
  }
  bool number(JsValue *v) {
    const qsizetype start = m_i;
    if (m_t[m_i] == QLatin1Char('-')) ++m_i;
    if (m_i < m_t.size() && m_t[m_i] == QLatin1Char('0')) {
      ++m_i;
    } else if (!digits()) {
      return failAt("invalid number");
    }
    if (m_i < m_t.size() && m_t[m_i] == QLatin1Char('.')) {
      ++m_i;
      if (!digits()) return failAt("invalid number");
    }
    if (m_i < m_t.size() && (m_t[m_i] == QLatin1Char('e') || m_t[m_i] == QLatin1Char('E'))) {
      ++m_i;
      if (m_i < m_t.size() && (m_t[m_i] == QLatin1Char('+') || m_t[m_i] == QLatin1Char('-'))) ++m_i;
      if (!digits()) return failAt("invalid number");
    }
    const QByteArray text = m_t.mid(start, m_i - start).toLatin1();
    double d = 0;
    const auto r = std::from_chars(text.constData(), text.constData() + text.size(), d);
    if (r.ec == std::errc::result_out_of_range) {
      // JSON.parse gives Infinity or 0; JSON.stringify would print null for Infinity.
      d = text.toLower().contains("e-") ? 0.0 : HUGE_VAL;
      if (text.startsWith('-')) d = -d;
    } else if (r.ec != std::errc()) {
      return failAt("invalid number");
    }
    v->type = JsValue::Number;
    v->number = d;
    return true;
  }
  bool hex4(char16_t *out) {
    if (m_i + 4 > m_t.size()) return failAt("bad \\u escape");
    char16_t u = 0;
    for (int k = 0; k < 4; ++k) {
      const char16_t c = m_t[m_i + k].unicode();
      u <<= 4;
      if (c >= '0' && c <= '9')
        u |= c - '0';
      else if (c >= 'a' && c <= 'f')
        u |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        u |= c - 'A' + 10;
      else
        return failAt("bad \\u escape");
    }
    m_i += 4;
    *out = u;
    return true;
  }
  bool string(QString *s) {
    ++m_i;  // opening quote
    s->clear();
    while (true) {
      if (m_i >= m_t.size()) return failAt("unterminated string");
      const QChar c = m_t[m_i];
      if (c == QLatin1Char('"')) {
        ++m_i;
        if (s->isNull()) *s = QLatin1String("");
        return true;
      }
      if (c.unicode() < 0x20) return failAt("control character in string");
      if (c != QLatin1Char('\\')) {
        s->append(c);
        ++m_i;
        continue;
      }
      ++m_i;
      if (m_i >= m_t.size()) return failAt("unterminated string");
      const char16_t e = m_t[m_i++].unicode();
      switch (e) {
        case '"':
          s->append(QLatin1Char('"'));
          break;
        case '\\':
          s->append(QLatin1Char('\\'));
          break;
        case '/':
          s->append(QLatin1Char('/'));
          break;
        case 'b':
          s->append(QLatin1Char('\b'));
          break;
        case 'f':
          s->append(QLatin1Char('\f'));
          break;
        case 'n':
          s->append(QLatin1Char('\n'));
          break;
        case 'r':
          s->append(QLatin1Char('\r'));
          break;
        case 't':
          s->append(QLatin1Char('\t'));
          break;
        case 'u': {
          char16_t u = 0;
          if (!hex4(&u)) return false;
          s->append(QChar(u));
          break;
        }
        default:
          return failAt("bad escape");
      }
    }
  }
  bool array(JsValue *v, int depth) {
    ++m_i;
    v->type = JsValue::Array;
    skipSpace();
    if (m_i < m_t.size() && m_t[m_i] == QLatin1Char(']')) {
      ++m_i;
      return true;
    }
    while (true) {
      skipSpace();
      v->items.emplace_back();
      if (!value(&v->items.back(), depth + 1)) return false;
      skipSpace();
      if (m_i >= m_t.size()) return failAt("unterminated array");
      if (m_t[m_i] == QLatin1Char(',')) {
        ++m_i;
        continue;
      }
      if (m_t[m_i] == QLatin1Char(']')) {
        ++m_i;
        return true;
      }
      return failAt("expected , or ]");
    }
  }
  bool object(JsValue *v, int depth) {
    ++m_i;
    v->type = JsValue::Object;
    skipSpace();
    if (m_i < m_t.size() && m_t[m_i] == QLatin1Char('}')) {
      ++m_i;
      return true;
    }
    while (true) {
      skipSpace();
      if (m_i >= m_t.size() || m_t[m_i] != QLatin1Char('"')) return failAt("expected key");
      QString key;
      if (!string(&key)) return false;
      skipSpace();
      if (m_i >= m_t.size() || m_t[m_i] != QLatin1Char(':')) return failAt("expected :");
      ++m_i;
      skipSpace();
      JsValue item;
      if (!value(&item, depth + 1)) return false;
      // JSON.parse: a repeated key overwrites the value but keeps the first position.
      bool replaced = false;
      for (size_t k = 0; k < v->keys.size(); ++k) {
        if (v->keys[k] == key) {
          v->items[k] = std::move(item);
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        v->keys.push_back(key);
        v->items.push_back(std::move(item));
      }
      skipSpace();
      if (m_i >= m_t.size()) return failAt("unterminated object");
      if (m_t[m_i] == QLatin1Char(',')) {
        ++m_i;
        continue;
      }
      if (m_t[m_i] == QLatin1Char('}')) {
        ++m_i;
        return true;
      }
      return failAt("expected , or }");
    }
  }

  QStringView m_t;
  qsizetype m_i = 0;
  QString m_error;
};

// A canonical array index ("0", "17"; below 2^32 - 1): JS lists such keys first, ascending.
bool arrayIndex(const QString &k, quint64 *value) {
  if (k.isEmpty() || k.size() > 10) return false;
  if (k.size() > 1 && k[0] == QLatin1Char('0')) return false;
  quint64 v = 0;
  for (QChar c : k) {
    if (c < QLatin1Char('0') || c > QLatin1Char('9')) return false;
    v = v * 10 + (c.unicode() - '0');
  }
  if (v >= 0xFFFFFFFFull) return false;
  *value = v;
  return true;
}

void stringifyInto(QByteArray &out, const JsValue &v) {
  switch (v.type) {
    case JsValue::Null:
      out += "null";
      return;
    case JsValue::Bool:
      out += v.boolean ? "true" : "false";
      return;
    case JsValue::Number:
      out += std::isfinite(v.number) ? jsNumberToString(v.number).toLatin1() : "null";
      return;
    case JsValue::String:
      out += quoteJson(v.string);
      return;
    case JsValue::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        stringifyInto(out, v.items[i]);
      }
      out += ']';
      return;
    case JsValue::Object: {
      std::vector<std::pair<quint64, size_t>> indexKeys;
      std::vector<size_t> otherKeys;
      for (size_t i = 0; i < v.keys.size(); ++i) {
        quint64 idx;
        if (arrayIndex(v.keys[i], &idx))
          indexKeys.emplace_back(idx, i);
        else
          otherKeys.push_back(i);
      }
      std::sort(indexKeys.begin(), indexKeys.end());
      out += '{';
      bool first = true;
      auto member = [&](size_t i) {
        if (!first) out += ',';
        first = false;
        out += quoteJson(v.keys[i]);
        out += ':';
        stringifyInto(out, v.items[i]);
      };
      for (const auto &p : indexKeys) member(p.second);
      for (size_t i : otherKeys) member(i);
      out += '}';
      return;
    }
  }
}

}  // namespace

const JsValue *JsValue::member(const QString &key) const {
  if (type != Object) return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &items[i];
  return nullptr;
}

bool JsValue::isFalsy() const {
  switch (type) {
    case Null:
      return true;
    case Bool:
      return !boolean;
    case Number:
      return number == 0 || std::isnan(number);
    case String:
      return string.isEmpty();
    default:
      return false;
  }
}

bool parseJson(QStringView text, JsValue *out, QString *error) {
  *out = JsValue();
  return Parser(text).parse(out, error);
}

QByteArray stringify(const JsValue &value) {
  QByteArray out;
  stringifyInto(out, value);
  return out;
}

QByteArray quoteJson(QStringView s) {
  static const char kHex[] = "0123456789abcdef";
  QString q;
  q.reserve(s.size() + 2);
  q += QLatin1Char('"');
  for (qsizetype i = 0; i < s.size(); ++i) {
    const char16_t c = s[i].unicode();
    switch (c) {
      case '"':
        q += QLatin1String("\\\"");
        continue;
      case '\\':
        q += QLatin1String("\\\\");
        continue;
      case '\b':
        q += QLatin1String("\\b");
        continue;
      case '\f':
        q += QLatin1String("\\f");
        continue;
      case '\n':
        q += QLatin1String("\\n");
        continue;
      case '\r':
        q += QLatin1String("\\r");
        continue;
      case '\t':
        q += QLatin1String("\\t");
        continue;
      default:
        break;
    }
    bool escape = c < 0x20;
    if (QChar::isHighSurrogate(c)) {
      if (i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
        q += s[i];
        q += s[i + 1];
        ++i;
        continue;
      }
      escape = true;  // well-formed JSON.stringify escapes lone surrogates
    } else if (QChar::isLowSurrogate(c)) {
      escape = true;
    }
    if (escape) {
      q += QLatin1String("\\u");
      q += QLatin1Char(kHex[(c >> 12) & 15]);
      q += QLatin1Char(kHex[(c >> 8) & 15]);
      q += QLatin1Char(kHex[(c >> 4) & 15]);
      q += QLatin1Char(kHex[c & 15]);
    } else {
      q += QChar(c);
    }
  }
  q += QLatin1Char('"');
  return q.toUtf8();
}

QString jsNumberToString(double x) {
  if (std::isnan(x)) return QStringLiteral("NaN");
  if (x == 0) return QStringLiteral("0");
  if (std::isinf(x)) return x < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
  if (x < 0) return QLatin1Char('-') + jsNumberToString(-x);
  // Shortest round-trip digits, then ECMAScript's Number::toString layout.
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  const QByteArray sci(buf, int(r.ptr - buf));  // d[.ddd]e[+-]xx
  const int ePos = int(sci.indexOf('e'));
  QByteArray digits = sci.left(ePos);
  digits.replace('.', QByteArray());
  const int k = int(digits.size());
  const int n = sci.mid(ePos + 1).toInt() + 1;
  QByteArray out;
  if (k <= n && n <= 21) {
    out = digits + QByteArray(n - k, '0');
  } else if (0 < n && n <= 21) {
    out = digits.left(n) + '.' + digits.mid(n);
  } else if (-6 < n && n <= 0) {
    out = "0." + QByteArray(-n, '0') + digits;
  } else {
    const int e = n - 1;
    out = digits.left(1);
    if (k > 1) out += '.' + digits.mid(1);
    out += 'e';
    out += e < 0 ? '-' : '+';
    out += QByteArray::number(std::abs(e));
  }
  return QString::fromLatin1(out);
}

QString jsJoinString(const JsValue &v) {
  switch (v.type) {
    case JsValue::Null:
      return QLatin1String("");
    case JsValue::Bool:
      return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case JsValue::Number:
      return jsNumberToString(v.number);
    case JsValue::String:
      return v.string;
    case JsValue::Array: {
      QStringList parts;
      for (const JsValue &item : v.items) parts << jsJoinString(item);
      return parts.join(QLatin1Char(','));
    }
    case JsValue::Object:
      return QStringLiteral("[object Object]");
  }
  return {};
}

}  // namespace routeless::mproxy
