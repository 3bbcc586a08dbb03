#include "stdio/messages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace routeless::stdio {
namespace {

// Writes JSON in a fixed field order, as Go's encoder does for structs.
class GoJsonWriter {
 public:
  void beginObject() {
    sep();
    m_out += '{';
    m_first = true;
  }
  void endObject() {
    m_out += '}';
    m_first = false;
  }
  void beginArray() {
    sep();
    m_out += '[';
    m_first = true;
  }
  void endArray() {
    m_out += ']';
    m_first = false;
  }
  void key(const char *k) {
    sep();
    m_out += '"';
    m_out += k;
    m_out += "\":";
    m_first = true;
  }
  void keyString(const QString &k) {
    sep();
    m_out += goJsonQuote(k);
    m_out += ':';
    m_first = true;
  }
  void string(const QString &s) {
    sep();
    m_out += goJsonQuote(s);
  }
  void number(qint64 n) {
    sep();
    m_out += QByteArray::number(n);
  }
  void boolean(bool b) {
    sep();
    m_out += b ? "true" : "false";
  }
  void null() {
    sep();
    m_out += "null";
  }
  void stringList(const QStringList &list) {  // nil slice (no omitempty) -> null
    if (list.isEmpty()) {
      null();
      return;
    }
    beginArray();
    for (const auto &s : list) string(s);
    endArray();
  }
  QByteArray take() { return std::move(m_out); }

 private:
  void sep() {
    if (!m_first) m_out += ',';
    m_first = false;
  }
  QByteArray m_out;
  bool m_first = true;
};

void writeIpPortProto(GoJsonWriter &w, const IpPortProto &p) {
  w.beginObject();
  w.key("ip");
  w.string(p.ip);
  w.key("port");
  w.number(p.port);
  w.key("proto");
  w.string(p.proto);
  w.endObject();
}

// Case-insensitive key lookup, exact spelling first (Go's decoder matches keys that way).
QJsonValue field(const QJsonObject &o, QLatin1StringView key) {
  auto it = o.constFind(key);
  if (it != o.constEnd()) return it.value();
  for (auto i = o.constBegin(); i != o.constEnd(); ++i)
    if (i.key().compare(key, Qt::CaseInsensitive) == 0) return i.value();
  return QJsonValue(QJsonValue::Undefined);
}

bool readString(const QJsonValue &v, const char *what, QString *out, QString *error) {
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isString()) {
    *error = QStringLiteral("%1: expected a string").arg(QLatin1String(what));
    return false;
  }
  *out = v.toString();
  return true;
}

bool readBool(const QJsonValue &v, const char *what, bool *out, QString *error) {
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isBool()) {
    *error = QStringLiteral("%1: expected true or false").arg(QLatin1String(what));
    return false;
  }
  *out = v.toBool();
  return true;
}

bool readPort(const QJsonValue &v, const char *what, quint16 *out, QString *error) {
  if (v.isUndefined() || v.isNull()) return true;
  const double d = v.toDouble(-1);
  if (!v.isDouble() || d < 0 || d > 65535 || d != double(qint64(d))) {
    *error = QStringLiteral("%1: expected a port number 0-65535").arg(QLatin1String(what));
    return false;
  }
  *out = quint16(d);
  return true;
}

bool readStringList(const QJsonValue &v, const char *what, QStringList *out, QString *error) {
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isArray()) {
    *error = QStringLiteral("%1: expected a list of strings").arg(QLatin1String(what));
    return false;
  }
  for (const auto &e : v.toArray()) {
    if (!e.isString()) {
      *error = QStringLiteral("%1: expected a list of strings").arg(QLatin1String(what));
      return false;
    }
    out->append(e.toString());
  }
  return true;
}

// Calls fn(object) for each element of a JSON array of objects; null/absent is empty.
template <typename Fn>
bool forEachObject(const QJsonValue &v, const char *what, QString *error, Fn fn) {
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isArray()) {
    *error = QStringLiteral("%1: expected a list").arg(QLatin1String(what));
    return false;
  }
  for (const auto &e : v.toArray()) {
    if (!e.isObject()) {
      *error = QStringLiteral("%1: expected a list of objects").arg(QLatin1String(what));
      return false;
    }
    if (!fn(e.toObject())) return false;
  }
  return true;
}

bool readIpPortProto(const QJsonObject &o, const char *what, IpPortProto *p, QString *error) {
  return readString(field(o, QLatin1StringView("ip")), what, &p->ip, error) &&
         readPort(field(o, QLatin1StringView("port")), what, &p->port, error) &&
         readString(field(o, QLatin1StringView("proto")), what, &p->proto, error);
}

// An integer field (Go `int`): absent or null is 0; anything but an integral number within
// +-2^53 is an error (a double outside qint64's range must never be cast).
bool readInt(const QJsonValue &v, const char *what, qint64 *out, QString *error) {
  if (v.isUndefined() || v.isNull()) return true;
  const double d = v.toDouble();
  constexpr double kLimit = 9007199254740992.0;  // 2^53
  if (!v.isDouble() || !(d >= -kLimit && d <= kLimit) || d != double(qint64(d))) {
    *error = QStringLiteral("%1: expected an integer").arg(QLatin1String(what));
    return false;
  }
  *out = qint64(d);
  return true;
}

QJsonObject objectOrEmpty(const QJsonValue &v) {
  return v.isObject() ? v.toObject() : QJsonObject();
}

}  // namespace

QByteArray goJsonQuote(const QString &s) {
  static const char hex[] = "0123456789abcdef";
  QByteArray out;
  out.reserve(s.size() + 2);
  out += '"';
  const QByteArray utf8 = s.toUtf8();
  for (qsizetype i = 0; i < utf8.size(); ++i) {
    const uchar c = uchar(utf8[i]);
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
      continue;
    }
    // U+2028 and U+2029 (E2 80 A8/A9) are escaped by Go for JavaScript safety.
    if (c == 0xE2 && i + 2 < utf8.size() && uchar(utf8[i + 1]) == 0x80 &&
        (uchar(utf8[i + 2]) == 0xA8 || uchar(utf8[i + 2]) == 0xA9)) {
      out += uchar(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    out += char(c);
  }
  out += '"';
  return out;
}

QStringList agentFeatures() {
  return {QStringLiteral("loopback"),         QStringLiteral("tcp"),
          QStringLiteral("loopback.disable"), QStringLiteral("hostaliases"),
          QStringLiteral("routes"),           QLatin1String(kReconfigureFeature)};
}

QByteArray encodeConfigureRequest(qint64 id, const ConfigureArgs &a) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string(QStringLiteral("request"));
  w.key("body");
  w.beginObject();
  w.key("id");
  w.number(id);
  w.key("op");
  w.string(QStringLiteral("configure"));
  w.key("args");
  w.beginObject();
  w.key("me");
  w.string(a.me);
  if (!a.forwards.isEmpty()) {
    w.key("forwards");
    w.beginArray();
    for (const auto &f : a.forwards) {
      w.beginObject();
      w.key("listen_port");
      w.number(f.listenPort);
      w.key("connect_ip");
      w.string(f.connectIp);
      w.key("connect_port");
      w.number(f.connectPort);
      w.key("proto");
      w.string(f.proto);
      w.endObject();
    }
    w.endArray();
  }
  if (!a.others.isEmpty()) {
    w.key("others");
    w.beginArray();
    for (const auto &o : a.others) writeIpPortProto(w, o);
    w.endArray();
  }
  if (!a.hostnameMap.isEmpty()) {  // omitempty
    w.key("hostnameMap");
    w.beginObject();
    // Go sorts map keys by their UTF-8 bytes; QMap sorts QStrings by UTF-16 code units, which
    // agrees except between supplementary characters and U+E000..U+FFFF (not in host names).
    for (auto it = a.hostnameMap.constBegin(); it != a.hostnameMap.constEnd(); ++it) {
      w.keyString(it.key());
      w.string(it.value());
    }
    w.endObject();
  }
  w.key("http");
  w.beginObject();
  if (!a.httpListen.isEmpty()) {
    w.key("listen");
    w.string(a.httpListen);
  }
  w.endObject();
  w.key("socks");
  w.beginObject();
  if (!a.socksListen.isEmpty()) {
    w.key("listen");
    w.string(a.socksListen);
  }
  w.endObject();
  w.key("loopback");
  w.beginObject();
  if (a.loopbackDisable) {
    w.key("disable");
    w.boolean(true);
  }
  w.endObject();
  w.key("stateDir");
  w.beginObject();
  if (!a.stateDirPath.isEmpty()) {
    w.key("path");
    w.string(a.stateDirPath);
  }
  if (a.stateDirDisable) {
    w.key("disable");
    w.boolean(true);
  }
  w.endObject();
  if (a.writeEtcHosts) {
    w.key("writeEtcHosts");
    w.boolean(true);
  }
  if (!a.routes.isEmpty()) {
    w.key("routes");
    w.beginArray();
    for (const auto &r : a.routes) {
      w.beginObject();
      w.key("toCIDR");
      w.stringList(r.toCidr);
      w.key("toHostnameGlob");
      w.stringList(r.toHostnameGlob);
      w.key("via");
      w.string(r.via);
      w.endObject();
    }
    w.endArray();
  }
  if (!a.nameServers.isEmpty()) {  // omitempty
    w.key("nameServers");
    w.beginArray();
    for (const auto &n : a.nameServers) writeIpPortProto(w, n);
    w.endArray();
  }
  w.endObject();  // args
  w.endObject();  // body
  w.endObject();
  return w.take();
}

QByteArray encodeConfigureResult(const ConfigureResult &r) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string(QStringLiteral("result"));
  w.key("body");
  w.beginObject();
  w.key("request_id");
  w.number(r.requestId);
  w.key("op");
  w.string(QStringLiteral("configure"));
  if (!r.error.isEmpty()) {
    w.key("error");
    w.string(r.error);
  }
  w.key("data");
  w.beginObject();
  if (!r.features.isEmpty()) {  // omitempty
    w.key("features");
    w.beginArray();
    for (const auto &f : r.features) w.string(f);
    w.endArray();
  }
  if (!r.version.isEmpty()) {  // omitempty
    w.key("version");
    w.string(r.version);
  }
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

QByteArray encodeRouteSuggestion(const RouteSuggestion &e) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string(QStringLiteral("event"));
  w.key("body");
  w.beginObject();
  w.key("type");
  w.string(QStringLiteral("routeSuggestion"));
  w.key("data");
  w.beginObject();
  if (!e.ips.isEmpty()) {  // RouteSuggestionEventData: both fields are omitempty
    w.key("ip");
    w.stringList(e.ips);
  }
  if (!e.route.isEmpty()) {
    w.key("route");
    w.string(e.route);
  }
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

std::optional<ConfigureArgs> decodeConfigureArgs(const QJsonObject &o, QString *error) {
  ConfigureArgs a;
  QString err;
  auto fail = [&]() -> std::optional<ConfigureArgs> {
    if (error) *error = QStringLiteral("configure args: ") + err;
    return std::nullopt;
  };
  if (!readString(field(o, QLatin1StringView("me")), "me", &a.me, &err)) return fail();
  if (!forEachObject(field(o, QLatin1StringView("forwards")), "forwards", &err,
                     [&](const QJsonObject &f) {
                       Forward fw;
                       if (!readPort(field(f, QLatin1StringView("listen_port")),
                                     "forwards.listen_port", &fw.listenPort, &err) ||
                           !readString(field(f, QLatin1StringView("connect_ip")),
                                       "forwards.connect_ip", &fw.connectIp, &err) ||
                           !readPort(field(f, QLatin1StringView("connect_port")),
                                     "forwards.connect_port", &fw.connectPort, &err) ||
                           !readString(field(f, QLatin1StringView("proto")), "forwards.proto",
                                       &fw.proto, &err))
                         return false;
                       a.forwards.append(fw);
                       return true;
                     }))
    return fail();
  if (!forEachObject(field(o, QLatin1StringView("others")), "others", &err,
                     [&](const QJsonObject &e) {
                       IpPortProto p;
                       if (!readIpPortProto(e, "others", &p, &err)) return false;
                       a.others.append(p);
                       return true;
                     }))
    return fail();
  const QJsonValue map = field(o, QLatin1StringView("hostnameMap"));
  if (map.isObject()) {
    const QJsonObject m = map.toObject();
    for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
      if (!it.value().isString()) {
        err = QStringLiteral("hostnameMap.%1: expected an IPv4 string").arg(it.key());
        return fail();
      }
      a.hostnameMap.insert(it.key(), it.value().toString());
    }
  } else if (!map.isUndefined() && !map.isNull()) {
    err = QStringLiteral("hostnameMap: expected an object");
    return fail();
  }
  if (!readString(
          field(objectOrEmpty(field(o, QLatin1StringView("http"))), QLatin1StringView("listen")),
          "http.listen", &a.httpListen, &err) ||
      !readString(
          field(objectOrEmpty(field(o, QLatin1StringView("socks"))), QLatin1StringView("listen")),
          "socks.listen", &a.socksListen, &err) ||
      !readBool(field(objectOrEmpty(field(o, QLatin1StringView("loopback"))),
                      QLatin1StringView("disable")),
                "loopback.disable", &a.loopbackDisable, &err))
    return fail();
  const QJsonObject stateDir = objectOrEmpty(field(o, QLatin1StringView("stateDir")));
  if (!readString(field(stateDir, QLatin1StringView("path")), "stateDir.path", &a.stateDirPath,
                  &err) ||
      !readBool(field(stateDir, QLatin1StringView("disable")), "stateDir.disable",
                &a.stateDirDisable, &err) ||
      !readBool(field(o, QLatin1StringView("writeEtcHosts")), "writeEtcHosts", &a.writeEtcHosts,
                &err))
    return fail();
  if (!forEachObject(
          field(o, QLatin1StringView("routes")), "routes", &err, [&](const QJsonObject &r) {
            Route route;
            if (!readStringList(field(r, QLatin1StringView("toCIDR")), "routes.toCIDR",
                                &route.toCidr, &err) ||
                !readStringList(field(r, QLatin1StringView("toHostnameGlob")),
                                "routes.toHostnameGlob", &route.toHostnameGlob, &err) ||
                !readString(field(r, QLatin1StringView("via")), "routes.via", &route.via, &err))
              return false;
            a.routes.append(route);
            return true;
          }))
    return fail();
  if (!forEachObject(field(o, QLatin1StringView("nameServers")), "nameServers", &err,
                     [&](const QJsonObject &e) {
                       IpPortProto p;
                       if (!readIpPortProto(e, "nameServers", &p, &err)) return false;
                       a.nameServers.append(p);
                       return true;
                     }))
    return fail();
  return a;
}

std::optional<Message> decodeMessage(QByteArrayView json, QString *error) {
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &pe);
  auto fail = [&](const QString &why) -> std::optional<Message> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (pe.error != QJsonParseError::NoError)
    return fail(QStringLiteral("JSON frame is not valid JSON: %1 at offset %2")
                    .arg(pe.errorString())
                    .arg(pe.offset));
  if (!doc.isObject()) return fail(QStringLiteral("JSON frame is not an object"));
  const QJsonObject env = doc.object();
  const QString kind = field(env, QLatin1StringView("type")).toString();
  const QJsonValue bodyValue = field(env, QLatin1StringView("body"));
  if (!bodyValue.isObject())
    return fail(QStringLiteral("JSON frame of type \"%1\" has no body object").arg(kind));
  const QJsonObject body = bodyValue.toObject();

  if (kind == QLatin1String("request")) {
    const QString op = field(body, QLatin1StringView("op")).toString();
    if (op != QLatin1String("configure")) return Message(OtherMessage{kind, op});
    ConfigureRequest req;
    QString err;
    if (!readInt(field(body, QLatin1StringView("id")), "id", &req.id, &err))
      return fail(QStringLiteral("configure request: ") + err);
    auto args = decodeConfigureArgs(objectOrEmpty(field(body, QLatin1StringView("args"))), &err);
    if (!args) return fail(err);
    req.args = *args;
    return Message(req);
  }
  if (kind == QLatin1String("result")) {
    ConfigureResult r;
    QString err;
    if (!readInt(field(body, QLatin1StringView("request_id")), "request_id", &r.requestId, &err))
      return fail(QStringLiteral("configure result: ") + err);
    const QJsonValue e = field(body, QLatin1StringView("error"));
    if (!e.isUndefined() && !e.isNull())
      r.error = e.isString()
                    ? e.toString()
                    : QString::fromUtf8(
                          QJsonDocument(e.isObject() ? e.toObject() : QJsonObject{{"error", e}})
                              .toJson(QJsonDocument::Compact));
    const QJsonObject data = objectOrEmpty(field(body, QLatin1StringView("data")));
    if (!readStringList(field(data, QLatin1StringView("features")), "features", &r.features,
                        &err) ||
        !readString(field(data, QLatin1StringView("version")), "version", &r.version, &err))
      return fail(QStringLiteral("configure result: ") + err);
    return Message(r);
  }
  if (kind == QLatin1String("event")) {
    const QString type = field(body, QLatin1StringView("type")).toString();
    if (type != QLatin1String("routeSuggestion")) return Message(OtherMessage{kind, type});
    RouteSuggestion ev;
    const QJsonObject data = objectOrEmpty(field(body, QLatin1StringView("data")));
    QString err;
    if (!readStringList(field(data, QLatin1StringView("ip")), "ip", &ev.ips, &err) ||
        !readString(field(data, QLatin1StringView("route")), "route", &ev.route, &err))
      return fail(QStringLiteral("routeSuggestion: ") + err);
    return Message(ev);
  }
  return fail(
      QStringLiteral("JSON frame has unknown type \"%1\" (expected request, result or event)")
          .arg(kind));
}

}  // namespace routeless::stdio
