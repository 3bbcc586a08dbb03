#include "agent/wire/messages.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "agent/wire/gojson.h"

namespace routeless::agent {
namespace {

using Json = nlohmann::json;

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

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The value of `key` in object `o`, or null when absent: the exact spelling first, then any
// case-insensitive match (Go's decoder matches struct fields that way).
const Json *field(const Json &o, std::string_view key) {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  if (it != o.end()) return &*it;
  for (auto i = o.begin(); i != o.end(); ++i)
    if (equalsIgnoringAsciiCase(i.key(), key)) return &*i;
  return nullptr;
}

bool absent(const Json *v) { return !v || v->is_null(); }

// Every reader leaves *out alone for an absent or null value, as Go does.
bool readString(const Json *v, const char *what, std::string *out, std::string *error) {
  if (absent(v)) return true;
  if (!v->is_string()) {
    *error = std::string(what) + ": expected a string";
    return false;
  }
  *out = v->get_ref<const std::string &>();
  return true;
}

bool readBool(const Json *v, const char *what, bool *out, std::string *error) {
  if (absent(v)) return true;
  if (!v->is_boolean()) {
    *error = std::string(what) + ": expected true or false";
    return false;
  }
  *out = v->get<bool>();
  return true;
}

// Go parses integer fields from the literal itself: 80 is a port, 80.0 and 8e1 are not.
bool readInteger(const Json *v, int64_t min, int64_t max, int64_t *out) {
  if (v->is_number_unsigned()) {
    const uint64_t u = v->get<uint64_t>();
    if (u > uint64_t(max)) return false;
    *out = int64_t(u);
    return true;
  }
  if (v->is_number_integer()) {
    const int64_t i = v->get<int64_t>();
    if (i < min || i > max) return false;
    *out = i;
    return true;
  }
  return false;
}

bool readPort(const Json *v, const char *what, uint16_t *out, std::string *error) {
  if (absent(v)) return true;
  int64_t n = 0;
  if (!readInteger(v, 0, 65535, &n)) {
    *error = std::string(what) + ": expected a port number 0-65535";
    return false;
  }
  *out = uint16_t(n);
  return true;
}

bool readInt(const Json *v, const char *what, int64_t *out, std::string *error) {
  if (absent(v)) return true;
  if (!readInteger(v, INT64_MIN, INT64_MAX, out)) {
    *error = std::string(what) + ": expected an integer";
    return false;
  }
  return true;
}

bool readStringList(const Json *v, const char *what, std::vector<std::string> *out,
                    std::string *error) {
  if (absent(v)) return true;
  if (!v->is_array()) {
    *error = std::string(what) + ": expected a list of strings";
    return false;
  }
  for (const Json &e : *v) {
    if (!e.is_string()) {
      *error = std::string(what) + ": expected a list of strings";
      return false;
    }
    out->push_back(e.get<std::string>());
  }
  return true;
}

// An object-valued field: absent and null read as an empty object, anything else is an error.
bool readObject(const Json *v, const char *what, const Json **out, std::string *error) {
  static const Json empty = Json::object();
  *out = &empty;
  if (absent(v)) return true;
  if (!v->is_object()) {
    *error = std::string(what) + ": expected an object";
    return false;
  }
  *out = v;
  return true;
}

// Calls fn(object) for each element of a JSON array of objects; null/absent is empty.
template <typename Fn>
bool forEachObject(const Json *v, const char *what, std::string *error, Fn fn) {
  if (absent(v)) return true;
  if (!v->is_array()) {
    *error = std::string(what) + ": expected a list";
    return false;
  }
  for (const Json &e : *v) {
    if (!e.is_object()) {
      *error = std::string(what) + ": expected a list of objects";
      return false;
    }
    if (!fn(e)) return false;
  }
  return true;
}

bool readIpPortProto(const Json &o, const char *what, IpPortProto *p, std::string *error) {
  return readString(field(o, "ip"), what, &p->ip, error) &&
         readPort(field(o, "port"), what, &p->port, error) &&
         readString(field(o, "proto"), what, &p->proto, error);
}

bool readArgs(const Json &o, ConfigureArgs *a, std::string *err) {
  if (!readString(field(o, "me"), "me", &a->me, err)) return false;
  // `udpForwards` / `udpOthers` (our extension, see kUdpFeature) hold proto "udp" entries only.
  for (const char *key : {"forwards", "udpForwards"}) {
    const bool udp = key[0] == 'u';
    if (!forEachObject(field(o, key), key, err, [&](const Json &f) {
          Forward fw;
          if (udp) fw.proto = "udp";
          if (!readPort(field(f, "listen_port"), "forwards.listen_port", &fw.listenPort, err) ||
              !readString(field(f, "connect_ip"), "forwards.connect_ip", &fw.connectIp, err) ||
              !readPort(field(f, "connect_port"), "forwards.connect_port", &fw.connectPort, err) ||
              !readString(field(f, "proto"), "forwards.proto", &fw.proto, err))
            return false;
          if (udp && fw.proto != "udp") {
            *err = "udpForwards: expected proto \"udp\", got \"" + fw.proto + "\"";
            return false;
          }
          a->forwards.push_back(fw);
          return true;
        }))
      return false;
  }
  for (const char *key : {"others", "udpOthers"}) {
    const bool udp = key[0] == 'u';
    if (!forEachObject(field(o, key), key, err, [&](const Json &e) {
          IpPortProto p;
          if (udp) p.proto = "udp";
          if (!readIpPortProto(e, key, &p, err)) return false;
          if (udp && p.proto != "udp") {
            *err = "udpOthers: expected proto \"udp\", got \"" + p.proto + "\"";
            return false;
          }
          a->others.push_back(p);
          return true;
        }))
      return false;
  }
  // One order whatever the keys: UDP entries after the others, as the encoder writes them, so
  // that what decodes encodes and decodes again to the same args.
  std::stable_partition(a->forwards.begin(), a->forwards.end(),
                        [](const Forward &f) { return f.proto != "udp"; });
  std::stable_partition(a->others.begin(), a->others.end(),
                        [](const IpPortProto &p) { return p.proto != "udp"; });
  const Json *map = field(o, "hostnameMap");
  if (!absent(map)) {
    if (!map->is_object()) {
      *err = "hostnameMap: expected an object";
      return false;
    }
    for (auto it = map->begin(); it != map->end(); ++it) {
      if (!it->is_string()) {
        *err = "hostnameMap." + it.key() + ": expected an IPv4 string";
        return false;
      }
      a->hostnameMap[it.key()] = it->get<std::string>();
    }
  }
  const Json *http = nullptr, *socks = nullptr, *loopback = nullptr, *stateDir = nullptr;
  if (!readObject(field(o, "http"), "http", &http, err) ||
      !readObject(field(o, "socks"), "socks", &socks, err) ||
      !readObject(field(o, "loopback"), "loopback", &loopback, err) ||
      !readObject(field(o, "stateDir"), "stateDir", &stateDir, err) ||
      !readString(field(*http, "listen"), "http.listen", &a->httpListen, err) ||
      !readString(field(*socks, "listen"), "socks.listen", &a->socksListen, err) ||
      !readBool(field(*http, "allowRemote"), "http.allowRemote", &a->httpAllowRemote, err) ||
      !readBool(field(*socks, "allowRemote"), "socks.allowRemote", &a->socksAllowRemote, err) ||
      !readBool(field(*loopback, "disable"), "loopback.disable", &a->loopbackDisable, err) ||
      !readString(field(*stateDir, "path"), "stateDir.path", &a->stateDirPath, err) ||
      !readBool(field(*stateDir, "disable"), "stateDir.disable", &a->stateDirDisable, err) ||
      !readBool(field(o, "writeEtcHosts"), "writeEtcHosts", &a->writeEtcHosts, err))
    return false;
  if (!forEachObject(field(o, "routes"), "routes", err, [&](const Json &r) {
        Route route;
        if (!readStringList(field(r, "toCIDR"), "routes.toCIDR", &route.toCidr, err) ||
            !readStringList(field(r, "toHostnameGlob"), "routes.toHostnameGlob",
                            &route.toHostnameGlob, err) ||
            !readString(field(r, "via"), "routes.via", &route.via, err))
          return false;
        a->routes.push_back(route);
        return true;
      }))
    return false;
  return forEachObject(field(o, "nameServers"), "nameServers", err, [&](const Json &e) {
    IpPortProto p;
    if (!readIpPortProto(e, "nameServers", &p, err)) return false;
    a->nameServers.push_back(p);
    return true;
  });
}

// The deepest nesting of arrays and objects in `text` (strings skipped), counted without
// parsing so that a hostile frame cannot make the parser build a huge tree first.
int nestingDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// Parses `text` into *out, or says why not.
bool parseJson(std::string_view text, Json *out, std::string *error) {
  if (text.size() > kMaxJsonMessage) {
    *error = "JSON frame of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
             std::to_string(kMaxJsonMessage);
    return false;
  }
  if (nestingDepth(text) > kMaxJsonDepth) {
    *error = "JSON frame nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  try {
    *out = Json::parse(text);
    return true;
  } catch (const Json::parse_error &e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
    const size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    *error = "JSON frame is not valid JSON at offset " + std::to_string(e.byte) + ": " + what;
    return false;
  } catch (const Json::exception &e) {
    // Found by fuzz_messages: a number too large for a double ("6E780") is out_of_range.
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    *error = "JSON frame is not valid JSON: " + what;
    return false;
  }
}

template <typename Fail>
std::optional<Message> decodeMeshTestRequest(const Json &body, Fail fail) {
  MeshTestRequest req;
  std::string err;
  const Json *args = nullptr;
  if (!readInt(field(body, "id"), "id", &req.id, &err) ||
      !readObject(field(body, "args"), "args", &args, &err) ||
      !readString(field(*args, "to"), "to", &req.args.to, &err) ||
      !readInt(field(*args, "seconds"), "seconds", &req.args.seconds, &err))
    return fail("meshTest request: " + err);
  return Message(std::move(req));
}

template <typename Fail>
std::optional<Message> decodeMeshTestResult(const Json &body, Fail fail) {
  MeshTestResult r;
  std::string err;
  const Json *data = nullptr;
  MeshTestFigures &f = r.figures;
  if (!readInt(field(body, "request_id"), "request_id", &r.requestId, &err) ||
      !readObject(field(body, "data"), "data", &data, &err) ||
      !readInt(field(*data, "connects"), "connects", &f.connects, &err) ||
      !readInt(field(*data, "latencyMinUs"), "latencyMinUs", &f.latencyMinUs, &err) ||
      !readInt(field(*data, "latencyMedianUs"), "latencyMedianUs", &f.latencyMedianUs, &err) ||
      !readInt(field(*data, "latencyMaxUs"), "latencyMaxUs", &f.latencyMaxUs, &err) ||
      !readInt(field(*data, "upBytes"), "upBytes", &f.upBytes, &err) ||
      !readInt(field(*data, "upMs"), "upMs", &f.upMs, &err) ||
      !readInt(field(*data, "downBytes"), "downBytes", &f.downBytes, &err) ||
      !readInt(field(*data, "downMs"), "downMs", &f.downMs, &err))
    return fail("meshTest result: " + err);
  const Json *e = field(body, "error");
  if (!absent(e)) r.error = e->is_string() ? e->get<std::string>() : e->dump();
  return Message(std::move(r));
}

}  // namespace

std::vector<std::string> agentFeatures() {
  return {"loopback",
          "tcp",
          "http",
          "loopback.disable",
          "socks",
          "hostaliases",
          "etchosts",
          "routes",
          "dns",
          kReconfigureFeature,
          kReconfigureForwardsFeature,
          kMeshTestFeature,
          kUdpFeature};
}

std::string encodeMeshTestRequest(const MeshTestRequest &r) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string("request");
  w.key("body");
  w.beginObject();
  w.key("id");
  w.number(r.id);
  w.key("op");
  w.string(kMeshTestFeature);
  w.key("args");
  w.beginObject();
  w.key("to");
  w.string(r.args.to);
  w.key("seconds");
  w.number(r.args.seconds);
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

std::string encodeMeshTestResult(const MeshTestResult &r) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string("result");
  w.key("body");
  w.beginObject();
  w.key("request_id");
  w.number(r.requestId);
  w.key("op");
  w.string(kMeshTestFeature);
  if (!r.error.empty()) {
    w.key("error");
    w.string(r.error);
  }
  w.key("data");
  w.beginObject();
  if (r.error.empty()) {  // a failed test has no figures
    const MeshTestFigures &f = r.figures;
    const std::pair<const char *, int64_t> fields[] = {{"connects", f.connects},
                                                       {"latencyMinUs", f.latencyMinUs},
                                                       {"latencyMedianUs", f.latencyMedianUs},
                                                       {"latencyMaxUs", f.latencyMaxUs},
                                                       {"upBytes", f.upBytes},
                                                       {"upMs", f.upMs},
                                                       {"downBytes", f.downBytes},
                                                       {"downMs", f.downMs}};
    for (const auto &[name, value] : fields) {
      w.key(name);
      w.number(value);
    }
  }
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

std::string encodeConfigureRequest(int64_t id, const ConfigureArgs &a) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string("request");
  w.key("body");
  w.beginObject();
  w.key("id");
  w.number(id);
  w.key("op");
  w.string("configure");
  w.key("args");
  w.beginObject();
  w.key("me");
  w.string(a.me);
  // NoRouter's keys carry everything but "udp", which goes in our extension keys right after
  // each (see kUdpFeature): me, forwards, udpForwards, others, udpOthers, hostnameMap, ...
  auto isUdp = [](const std::string &proto) { return proto == "udp"; };
  for (const bool udp : {false, true}) {
    const bool any = std::any_of(a.forwards.begin(), a.forwards.end(),
                                 [&](const Forward &f) { return isUdp(f.proto) == udp; });
    if (!any) continue;
    w.key(udp ? "udpForwards" : "forwards");
    w.beginArray();
    for (const auto &f : a.forwards) {
      if (isUdp(f.proto) != udp) continue;
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
  for (const bool udp : {false, true}) {
    const bool any = std::any_of(a.others.begin(), a.others.end(),
                                 [&](const IpPortProto &o) { return isUdp(o.proto) == udp; });
    if (!any) continue;
    w.key(udp ? "udpOthers" : "others");
    w.beginArray();
    for (const auto &o : a.others)
      if (isUdp(o.proto) == udp) writeIpPortProto(w, o);
    w.endArray();
  }
  if (!a.hostnameMap.empty()) {  // omitempty; std::map orders keys by bytes, as Go sorts them
    w.key("hostnameMap");
    w.beginObject();
    for (const auto &[name, ip] : a.hostnameMap) {
      w.keyString(name);
      w.string(ip);
    }
    w.endObject();
  }
  w.key("http");
  w.beginObject();
  if (!a.httpListen.empty()) {
    w.key("listen");
    w.string(a.httpListen);
  }
  if (a.httpAllowRemote) {
    w.key("allowRemote");
    w.boolean(true);
  }
  w.endObject();
  w.key("socks");
  w.beginObject();
  if (!a.socksListen.empty()) {
    w.key("listen");
    w.string(a.socksListen);
  }
  if (a.socksAllowRemote) {
    w.key("allowRemote");
    w.boolean(true);
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
  if (!a.stateDirPath.empty()) {
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
  if (!a.routes.empty()) {
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
  if (!a.nameServers.empty()) {  // omitempty
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

std::string encodeConfigureResult(const ConfigureResult &r) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string("result");
  w.key("body");
  w.beginObject();
  w.key("request_id");
  w.number(r.requestId);
  w.key("op");
  w.string("configure");
  if (!r.error.empty()) {
    w.key("error");
    w.string(r.error);
  }
  w.key("data");
  w.beginObject();
  if (!r.features.empty()) {  // omitempty
    w.key("features");
    w.beginArray();
    for (const auto &f : r.features) w.string(f);
    w.endArray();
  }
  if (!r.version.empty()) {  // omitempty
    w.key("version");
    w.string(r.version);
  }
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

std::string encodeRouteSuggestion(const RouteSuggestion &e) {
  GoJsonWriter w;
  w.beginObject();
  w.key("type");
  w.string("event");
  w.key("body");
  w.beginObject();
  w.key("type");
  w.string("routeSuggestion");
  w.key("data");
  w.beginObject();
  if (!e.ips.empty()) {  // RouteSuggestionEventData: both fields are omitempty
    w.key("ip");
    w.stringList(e.ips);
  }
  if (!e.route.empty()) {
    w.key("route");
    w.string(e.route);
  }
  w.endObject();
  w.endObject();
  w.endObject();
  return w.take();
}

std::optional<ConfigureArgs> decodeConfigureArgs(std::string_view text, std::string *error) {
  Json doc;
  std::string err;
  ConfigureArgs a;
  if (!parseJson(text, &doc, &err)) {
    if (error) *error = err;
    return std::nullopt;
  }
  if (!doc.is_object()) err = "expected a JSON object";
  if (!err.empty() || !readArgs(doc, &a, &err)) {
    if (error) *error = "configure args: " + err;
    return std::nullopt;
  }
  return a;
}

std::optional<Message> decodeMessage(std::string_view json, std::string *error) {
  std::string err;
  auto fail = [&](const std::string &why) -> std::optional<Message> {
    if (error) *error = why;
    return std::nullopt;
  };
  Json doc;
  if (!parseJson(json, &doc, &err)) return fail(err);
  if (!doc.is_object()) return fail("JSON frame is not an object");
  const Json *type = field(doc, "type");
  const std::string kind = type && type->is_string() ? type->get<std::string>() : std::string();
  const Json *body = field(doc, "body");
  if (!body || !body->is_object())
    return fail("JSON frame of type \"" + kind + "\" has no body object");

  if (kind == "request") {
    const Json *op = field(*body, "op");
    const std::string opName = op && op->is_string() ? op->get<std::string>() : std::string();
    if (opName == kMeshTestFeature) return decodeMeshTestRequest(*body, fail);
    if (opName != "configure") return Message(OtherMessage{kind, opName});
    ConfigureRequest req;
    const Json *args = nullptr;
    if (!readInt(field(*body, "id"), "id", &req.id, &err) ||
        !readObject(field(*body, "args"), "args", &args, &err))
      return fail("configure request: " + err);
    if (!readArgs(*args, &req.args, &err)) return fail("configure args: " + err);
    return Message(std::move(req));
  }
  if (kind == "result") {
    const Json *op = field(*body, "op");
    if (op && op->is_string() && op->get<std::string>() == kMeshTestFeature)
      return decodeMeshTestResult(*body, fail);
    ConfigureResult r;
    const Json *data = nullptr;
    if (!readInt(field(*body, "request_id"), "request_id", &r.requestId, &err) ||
        !readObject(field(*body, "data"), "data", &data, &err) ||
        !readStringList(field(*data, "features"), "features", &r.features, &err) ||
        !readString(field(*data, "version"), "version", &r.version, &err))
      return fail("configure result: " + err);
    const Json *e = field(*body, "error");
    if (!absent(e)) r.error = e->is_string() ? e->get<std::string>() : e->dump();
    return Message(std::move(r));
  }
  if (kind == "event") {
    const Json *eventType = field(*body, "type");
    const std::string name =
        eventType && eventType->is_string() ? eventType->get<std::string>() : std::string();
    if (name != "routeSuggestion") return Message(OtherMessage{kind, name});
    RouteSuggestion ev;
    const Json *data = nullptr;
    if (!readObject(field(*body, "data"), "data", &data, &err) ||
        !readStringList(field(*data, "ip"), "ip", &ev.ips, &err) ||
        !readString(field(*data, "route"), "route", &ev.route, &err))
      return fail("routeSuggestion: " + err);
    return Message(std::move(ev));
  }
  return fail("JSON frame has unknown type \"" + kind + "\" (expected request, result or event)");
}

}  // namespace routeless::agent
