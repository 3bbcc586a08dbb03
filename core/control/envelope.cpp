#include "control/envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>

namespace routeless::control {
namespace {

struct RawMember {
  QString key;
  qsizetype begin = 0;  // value span in the text, [begin, end)
  qsizetype end = 0;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

qsizetype skipSpace(QByteArrayView t, qsizetype p) {
  while (p < t.size() && isSpace(t[p])) ++p;
  return p;
}

// p at the opening quote; returns the index after the closing quote, or -1.
qsizetype skipString(QByteArrayView t, qsizetype p) {
  ++p;
  while (p < t.size()) {
    const char c = t[p];
    if (c == '\\') {
      p += 2;
      continue;
    }
    if (c == '"') return p + 1;
    ++p;
  }
  return -1;
}

// Skips one JSON value iteratively (no recursion, so deep nesting cannot exhaust the stack).
qsizetype skipValue(QByteArrayView t, qsizetype p) {
  if (p >= t.size()) return -1;
  const char c = t[p];
  if (c == '"') return skipString(t, p);
  if (c == '{' || c == '[') {
    qsizetype depth = 0;
    while (p < t.size()) {
      const char d = t[p];
      if (d == '"') {
        p = skipString(t, p);
        if (p < 0) return -1;
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      if (d == '}' || d == ']') {
        --depth;
        if (depth == 0) return p + 1;
      }
      ++p;
    }
    return -1;
  }
  while (p < t.size() && !isSpace(t[p]) && t[p] != ',' && t[p] != '}' && t[p] != ']') ++p;
  return p;
}

QString decodeKey(QByteArrayView raw) {
  // raw includes the quotes. Keys we look for are plain ASCII; decode escapes only when present.
  if (!raw.contains('\\')) return QString::fromUtf8(raw.sliced(1, raw.size() - 2));
  const QByteArray wrapped = "[" + raw.toByteArray() + "]";
  return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

// Lists the members of the object at t[p] (which must be '{'). The text was validated by
// QJsonDocument before, so this only needs to find spans, not to diagnose.
bool scanMembers(QByteArrayView t, qsizetype p, QList<RawMember> *out) {
  p = skipSpace(t, p);
  if (p >= t.size() || t[p] != '{') return false;
  p = skipSpace(t, p + 1);
  if (p < t.size() && t[p] == '}') return true;
  while (p < t.size()) {
    if (t[p] != '"') return false;
    const qsizetype keyEnd = skipString(t, p);
    if (keyEnd < 0) return false;
    RawMember m;
    m.key = decodeKey(t.sliced(p, keyEnd - p));
    p = skipSpace(t, keyEnd);
    if (p >= t.size() || t[p] != ':') return false;
    p = skipSpace(t, p + 1);
    m.begin = p;
    p = skipValue(t, p);
    if (p < 0) return false;
    m.end = p;
    out->append(m);
    p = skipSpace(t, p);
    if (p >= t.size()) return false;
    if (t[p] == '}') return true;
    if (t[p] != ',') return false;
    p = skipSpace(t, p + 1);
  }
  return false;
}

const RawMember *findLast(const QList<RawMember> &members, QLatin1String key) {
  for (qsizetype i = members.size() - 1; i >= 0; --i)
    if (members[i].key == key) return &members[i];
  return nullptr;
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

}  // namespace

std::optional<quint64> parseUnsigned64(QByteArrayView token) {
  if (token.isEmpty() || token.size() > 20) return std::nullopt;
  quint64 value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    const quint64 digit = quint64(c - '0');
    if (value > (~quint64(0) - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

QByteArray jsonQuote(const QString &text) {
  const QByteArray utf8 = text.toUtf8();
  QByteArray out;
  out.reserve(utf8.size() + 2);
  out.append('"');
  static const char hex[] = "0123456789abcdef";
  for (char ch : utf8) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out.append("\\u00");
          out.append(hex[c >> 4]);
          out.append(hex[c & 15]);
        } else {
          out.append(ch);
        }
    }
  }
  out.append('"');
  return out;
}

Envelope Envelope::request(const QString &opcode, quint64 contextId, const QJsonObject &payload) {
  Envelope e;
  e.opcode = opcode;
  e.contextId = contextId;
  e.payload = payload;
  return e;
}

Envelope Envelope::broadcast(const QString &opcode, const QJsonObject &payload) {
  Envelope e;
  e.opcode = opcode;
  e.payload = payload;
  return e;
}

Envelope Envelope::reply(const Envelope &request, const QJsonObject &payload) {
  Envelope e;
  e.opcode = request.opcode;
  e.contextId = request.contextId;
  e.payload = payload;
  return e;
}

Envelope Envelope::failure(const Envelope &request, quint64 code, const QString &message) {
  Envelope e;
  e.opcode = request.opcode;
  e.contextId = request.contextId;
  e.error = UiError{code, message};
  return e;
}

Envelope unmarshalErrorMessage(const QString &why, QByteArrayView badData) {
  return Envelope::broadcast(
      QStringLiteral("unmarshalError"),
      {{QStringLiteral("message"), why},
       {QStringLiteral("badData"),
        QString::fromUtf8(badData.first(qMin<qsizetype>(badData.size(), 64 * 1024)))}});
}

UnmarshalResult unmarshal(QByteArrayView text) {
  UnmarshalResult r;
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &pe);
  if (pe.error != QJsonParseError::NoError) {
    r.severity = UnmarshalSeverity::Critical;
    r.message =
        QStringLiteral("JSON syntax error at offset %1: %2").arg(pe.offset).arg(pe.errorString());
    return r;
  }
  if (!doc.isObject()) {
    r.severity = UnmarshalSeverity::Critical;
    r.message = QStringLiteral("the message must be a JSON object, not an array or a scalar");
    return r;
  }
  const QJsonObject obj = doc.object();
  const QJsonValue opcode = obj.value(QLatin1String("opcode"));
  if (!opcode.isString()) {
    r.severity = UnmarshalSeverity::Critical;
    r.message = opcode.isUndefined() ? QStringLiteral("Required field was missing: opcode")
                                     : QStringLiteral("opcode must be a string");
    return r;
  }
  r.envelope.opcode = opcode.toString();

  QList<RawMember> members;
  if (!scanMembers(text, 0, &members)) {  // cannot happen for validated JSON; stay defensive
    r.severity = UnmarshalSeverity::Critical;
    r.message = QStringLiteral("the message could not be scanned");
    return r;
  }
  if (const RawMember *ctx = findLast(members, QLatin1String("contextId"))) {
    const QByteArrayView raw = text.sliced(ctx->begin, ctx->end - ctx->begin);
    const auto id = parseUnsigned64(raw);
    if (!id) {
      r.severity = UnmarshalSeverity::Critical;
      r.message = QStringLiteral("contextId must be an integer from 0 to 2^64-1, not %1")
                      .arg(QString::fromUtf8(raw.first(qMin<qsizetype>(raw.size(), 64))));
      return r;
    }
    r.envelope.contextId = *id;
  }

  if (obj.contains(QLatin1String("payload"))) {
    const QJsonValue payload = obj.value(QLatin1String("payload"));
    if (!payload.isObject()) {
      r.severity = UnmarshalSeverity::NonCritical;
      r.message = QStringLiteral("payload must be a JSON object");
      return r;
    }
    r.envelope.payload = payload.toObject();
    return r;  // payload wins over error
  }
  if (const RawMember *err = findLast(members, QLatin1String("error"))) {
    QList<RawMember> errMembers;
    const QJsonValue errValue = obj.value(QLatin1String("error"));
    const QJsonValue message = errValue.toObject().value(QLatin1String("message"));
    const RawMember *code = nullptr;
    if (errValue.isObject() && scanMembers(text, err->begin, &errMembers))
      code = findLast(errMembers, QLatin1String("code"));
    const auto codeValue =
        code ? parseUnsigned64(text.sliced(code->begin, code->end - code->begin)) : std::nullopt;
    if (!codeValue || !message.isString()) {
      r.severity = UnmarshalSeverity::NonCritical;
      r.message = QStringLiteral(
          "error must be an object with an unsigned 64-bit code and a string message");
      return r;
    }
    r.envelope.error = UiError{*codeValue, message.toString()};
    return r;
  }
  r.severity = UnmarshalSeverity::NonCritical;
  r.message = QStringLiteral("Required field was missing: payload, error");
  return r;
}

QByteArray marshal(const Envelope &e) {
  QByteArray out;
  out.reserve(128);
  out.append("{\"opcode\": ");
  out.append(jsonQuote(e.opcode));
  if (e.contextId) {
    out.append(", \"contextId\": ");
    out.append(QByteArray::number(*e.contextId));
  }
  if (!e.rawPayload.isEmpty()) {
    out.append(", \"payload\": ");
    out.append(e.rawPayload);
  } else if (e.payload || !e.error) {
    out.append(", \"payload\": ");
    out.append(compact(e.payload.value_or(QJsonObject())));
  } else {
    out.append(", \"error\": {\"code\": ");
    out.append(QByteArray::number(e.error->code));
    out.append(", \"message\": ");
    out.append(jsonQuote(e.error->message));
    out.append('}');
  }
  out.append('}');
  return out;
}

}  // namespace routeless::control
