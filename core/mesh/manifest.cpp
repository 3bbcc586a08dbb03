#include "mesh/manifest.h"

#include <yaml-cpp/yaml.h>

#include <QFile>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mesh/textrules.h"
#include "mesh/yamltree.h"
#include "net/hostport.h"

namespace routeless::mesh {
namespace {

using text::isPlainDigits;
using text::quoted;

// Thrown inside the parser and turned into a ManifestError at the top: the first problem
// found ends the parse, as it does in NoRouter.
struct ParseFailure {
  ManifestError error;
};

QString qstr(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

int lineOf(const YamlNode &n) { return n.line(); }
int columnOf(const YamlNode &n) { return n.column(); }

bool isAbsent(const YamlNode &n) { return !n.isDefined() || n.isNull(); }

int editDistance(const QString &a, const QString &b) {
  std::vector<int> prev(size_t(b.size()) + 1), cur(size_t(b.size()) + 1);
  for (qsizetype j = 0; j <= b.size(); ++j) prev[size_t(j)] = int(j);
  for (qsizetype i = 1; i <= a.size(); ++i) {
    cur[0] = int(i);
    for (qsizetype j = 1; j <= b.size(); ++j) {
      const int subst = prev[size_t(j - 1)] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1);
      cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[size_t(b.size())];
}

// One key/value pair of a YAML mapping, after merge keys (`<<: *anchor`) are expanded.
struct Entry {
  QString key;
  YamlNode keyNode;
  YamlNode value;
};

bool hasSpaceOrControl(const QString &s) {
  for (const QChar c : s)
    if (c.isSpace() || c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
      return true;
  return false;
}

// The byte offset where `s` stops being text that a manifest can hold and toYaml() can write
// back, or -1 when all of it is: UTF-8 without overlong forms, surrogates or noncharacters
// (U+FDD0..U+FDEF and U+xFFFE/U+xFFFF, which yaml-cpp's emitter replaces with U+FFFD).
qsizetype badTextOffset(const std::string &s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    char32_t cp = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return qsizetype(i);
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + size_t(k) >= n || (p[i + size_t(k)] & 0xc0) != 0x80) return qsizetype(i);
      cp = (cp << 6) | (p[i + size_t(k)] & 0x3f);
    }
    const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    const bool nonCharacter = (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || nonCharacter)
      return qsizetype(i);
    i += size_t(extra) + 1;
  }
  return -1;
}

// Why `name` cannot name a host (or be an alias), or empty. NoRouter takes any YAML key, but
// a name reaches the agents' resolvers as a DNS name (at most 253 bytes) and their hosts and
// hostaliases files as one whitespace-separated field of a line.
QString nameProblem(const QString &name) {
  if (name.isEmpty()) return QStringLiteral("it is empty");
  if (hasSpaceOrControl(name))
    return QStringLiteral(
        "it holds whitespace or a control character, which would split or "
        "break the lines of the agents' hosts files");
  if (const qsizetype bytes = name.toUtf8().size(); bytes > 253)
    return QStringLiteral(
               "it is %1 bytes long; names are looked up as DNS names, at most 253 "
               "bytes")
        .arg(bytes);
  return QString();
}

quint32 ipv4Value(const QString &canonical) {
  quint32 v = 0;
  for (const QStringView part : QStringView(canonical).split(QLatin1Char('.')))
    v = (v << 8) | quint32(part.toUInt());
  return v;
}

// Why a VIP cannot be used, or empty. Agents bind their VIPs on the host (loopback mode) and
// give their stdio interface the VIP with a /8 netmask; NoRouter 0.6.5's agent derives its
// interface id from the last byte (0 is invalid) and refuses 255.255.255.255 ("duplicate
// address"); 0.0.0.0 it binds, i.e. every interface of the host.
QString vipProblem(quint32 vip) {
  if ((vip >> 24) == 0)
    return QStringLiteral(
        "is in 0.0.0.0/8: 0.0.0.0 would make the agents listen on every "
        "interface of their hosts, and no other 0.x.y.z address can be bound");
  if (vip == 0xffffffffu) return QStringLiteral("is the limited broadcast address");
  if ((vip >> 28) == 0xe)
    return QStringLiteral("is a multicast address (224.0.0.0/4), which TCP cannot connect to");
  if ((vip & 0x00ffffffu) == 0x00ffffffu)
    return QStringLiteral(
               "is the broadcast address of %1.0.0.0/8, the network of the agents' "
               "interface (127.255.255.255 is also the kernel's loopback broadcast)")
        .arg(vip >> 24);
  if ((vip & 0xffu) == 0)
    return QStringLiteral(
        "ends in .0, which a NoRouter 0.6.5 agent cannot listen on (it numbers "
        "its interface after the last byte, and 0 is not a valid number)");
  return QString();
}

class Parser {
 public:
  explicit Parser(const QString &file) : m_file(file) {}

  Manifest parse(const YamlNode &root);

 private:
  struct RawHost {
    std::optional<QString> vip;
    std::optional<QStringList> cmd;
    QList<PortSpec> ports;
    QList<int> portLines;
    std::optional<QString> httpListen;
    std::optional<QString> socksListen;
    std::optional<bool> httpAllowRemote;
    std::optional<bool> socksAllowRemote;
    std::optional<bool> loopbackDisable;
    std::optional<std::pair<QString, bool>> stateDir;
    std::optional<QStringList> aliases;
    std::vector<YamlNode> aliasNodes;
    std::optional<bool> writeEtcHosts;
    std::optional<bool> zeroInstall;
    YamlNode vipNode;
    YamlNode cmdNode;
  };

  [[noreturn]] void fail(const YamlNode &at, const QString &field, const QString &message) {
    throw ParseFailure{ManifestError{m_file, lineOf(at), columnOf(at), field, message}};
  }

  // Every warning goes through here: a manifest can hold many unknown fields (or merge them
  // in many times), and the list must stay small.
  void warn(const QString &text) {
    if (m_manifest.warnings.size() < kMaxWarnings)
      m_manifest.warnings.append(text);
    else
      ++m_droppedWarnings;
  }

  void warnUnknown(const Entry &e, const QString &path, const QStringList &known) {
    QString hint;
    for (const QString &k : known) {
      if (k.compare(e.key, Qt::CaseInsensitive) == 0 || editDistance(k, e.key) <= 2) {
        hint = QStringLiteral(" (did you mean \"%1\"?)").arg(k);
        break;
      }
    }
    const QString field = path.isEmpty() ? e.key : path + QLatin1Char('.') + e.key;
    warn(QStringLiteral("unknown field %1 at line %2; ignored%3")
             .arg(quoted(field))
             .arg(lineOf(e.keyNode))
             .arg(hint));
  }

  // A scalar's text; refused (at its place) unless it is UTF-8 that a written manifest can
  // carry: NoRouter reads other bytes as U+FFFD, so it would not use the value as written.
  QString text(const YamlNode &n, const QString &field, bool isKey = false) {
    const std::string &s = n.scalar();
    if (const qsizetype at = badTextOffset(s); at >= 0)
      fail(n, field,
           QStringLiteral("%3 is not UTF-8 text: its byte %1 (0x%2) is not valid UTF-8 or starts a "
                          "noncharacter; NoRouter would read it as U+FFFD, so the value it "
                          "uses would not be the one written (save the file as UTF-8)")
               .arg(at)
               .arg(uint(static_cast<unsigned char>(s[size_t(at)])), 2, 16, QLatin1Char('0'))
               .arg(isKey ? QStringLiteral("a key") : QStringLiteral("the value")));
    return qstr(s);
  }

  // The pairs of mapping `node`, merge keys expanded (own keys win), duplicate keys refused.
  std::vector<Entry> entries(const YamlNode &node, const QString &path) {
    std::vector<Entry> out;
    QHash<QString, Seen> seen;
    collect(node, path, out, seen, 0, -1);
    return out;
  }

  struct Seen {
    int line = 0;
    int order = 0;        // position among the mapping's own keys
    bool merged = false;  // came in through a merge key
  };

  // `mergeOrder` is -1 for the mapping's own keys, else the position of the `<<` key that
  // brought this mapping in. goccy/go-yaml (NoRouter) applies pairs in document order, so a
  // `<<` after an own key overrides it there; YAML, and we, keep the own key and say so.
  void collect(const YamlNode &node, const QString &path, std::vector<Entry> &out,
               QHash<QString, Seen> &seen, int depth, int mergeOrder) {
    if (depth > 16) fail(node, path, QStringLiteral("merge keys (<<) nest too deeply"));
    std::vector<std::pair<YamlNode, int>> merges;
    for (qsizetype pair = 0; pair < node.size(); ++pair) {
      const int order = int(pair);
      const YamlNode k = node.key(pair);
      if (!k.isScalar())
        fail(k, path, QStringLiteral("a key must be a plain name, not a list or a mapping"));
      const QString key = text(k, path, true);
      if (key == QLatin1String("<<") && k.tag() != "!") {
        merges.emplace_back(node.value(pair), mergeOrder < 0 ? order : mergeOrder);
        continue;
      }
      const QString field = path.isEmpty() ? key : path + QLatin1Char('.') + key;
      const auto prev = seen.constFind(key);
      if (prev != seen.constEnd()) {
        if (mergeOrder < 0)
          fail(k, field,
               QStringLiteral("duplicate key %1 (first at line %2)")
                   .arg(quoted(key))
                   .arg(prev->line));
        // A merged-in value never overrides the mapping's own (nor an earlier merge's).
        if (!prev->merged && prev->order < mergeOrder)
          warn(QStringLiteral("%1 at line %2 is also set by a merge key (<<) written after it; "
                              "the value at line %2 is used, as YAML says, but NoRouter 0.6.5 "
                              "uses the merged one (write << first to mean the same to both)")
                   .arg(quoted(field))
                   .arg(prev->line));
        continue;
      }
      seen.insert(key, Seen{lineOf(k), order, mergeOrder >= 0});
      out.push_back(Entry{key, k, node.value(pair)});
    }
    for (const auto &[m, at] : merges) {
      if (m.isMap()) {
        collect(m, path, out, seen, depth + 1, at);
      } else if (m.isSequence()) {
        warn(QStringLiteral("%1 at line %2 merges a list of mappings (<<: [...]), which NoRouter "
                            "0.6.5 refuses; merge one mapping per key to stay compatible")
                 .arg(quoted(path.isEmpty() ? QStringLiteral("<<") : path))
                 .arg(lineOf(m)));
        for (qsizetype i = 0; i < m.size(); ++i) {
          const YamlNode item = m.item(i);
          if (!item.isMap())
            fail(item, path, QStringLiteral("a merge key (<<) takes a mapping or a list of them"));
          collect(item, path, out, seen, depth + 1, at);
        }
      } else if (!m.isNull()) {
        fail(m, path, QStringLiteral("a merge key (<<) takes a mapping or a list of them"));
      }
    }
  }

  void expectMap(const YamlNode &n, const QString &field, const QString &example) {
    if (!n.isMap()) fail(n, field, QStringLiteral("expected a mapping (e.g. %1)").arg(example));
  }

  QString string(const YamlNode &n, const QString &field, const QString &example) {
    if (isAbsent(n)) return QString();
    if (!n.isScalar()) fail(n, field, QStringLiteral("expected a string (e.g. %1)").arg(example));
    return text(n, field);
  }

  bool boolean(const YamlNode &n, const QString &field) {
    if (isAbsent(n)) return false;
    if (n.isScalar()) {
      const QString s = qstr(n.scalar());
      if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
        return true;
      if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE"))
        return false;
      fail(n, field, QStringLiteral("%1 is not a boolean (expected true or false)").arg(quoted(s)));
    }
    fail(n, field, QStringLiteral("expected true or false"));
  }

  QStringList stringList(const YamlNode &n, const QString &field, const QString &example,
                         std::vector<YamlNode> *nodes = nullptr) {
    QStringList out;
    if (isAbsent(n)) return out;
    if (!n.isSequence())
      fail(n, field, QStringLiteral("expected a list of strings (e.g. %1)").arg(example));
    int i = 0;
    for (; i < n.size(); ++i) {
      const YamlNode item = n.item(i);
      const QString f = QStringLiteral("%1[%2]").arg(field).arg(i);
      if (!item.isScalar())
        fail(item, f, QStringLiteral("expected a string (e.g. %1)").arg(example));
      out.append(text(item, f));
      if (nodes) nodes->push_back(item);
    }
    return out;
  }

  PortSpec portSpec(const QString &text, const YamlNode &at, const QString &field) {
    QString why;
    const auto p = parsePortSpec(text, &why);
    if (!p) fail(at, field, why);
    return *p;
  }

  QString listenAddress(const YamlNode &n, const QString &field, const QString &example) {
    const QString s = string(n, field, example);
    if (s.isEmpty()) return s;
    // As Go's net.Listen reads it: ":1080" is every address, port 0 a free one, IPv6 bracketed.
    net::HostPortRules rules;
    rules.emptyHost = true;
    rules.portZero = true;
    QString why;
    if (!net::parseHostPort(s, rules, &why))
      fail(n, field,
           QStringLiteral("%1 is not an ip:port listen address: %2 (expected e.g. %3)")
               .arg(quoted(s), why, example));
    return s;
  }

  // `sub: {key: value}` objects (http, socks, loopback, stateDir).
  RawHost host(const YamlNode &node, const QString &path, bool isTemplate);
  RouteSpec route(const YamlNode &node, const QString &path);

  QString m_file;
  Manifest m_manifest;
  qsizetype m_droppedWarnings = 0;
  QHash<QString, qsizetype> m_hostIndex;  // host name -> index in m_manifest.hosts
};

const QStringList &hostKeys() {
  static const QStringList keys = {QStringLiteral("vip"),           QStringLiteral("cmd"),
                                   QStringLiteral("ports"),         QStringLiteral("http"),
                                   QStringLiteral("socks"),         QStringLiteral("loopback"),
                                   QStringLiteral("stateDir"),      QStringLiteral("aliases"),
                                   QStringLiteral("writeEtcHosts"), QStringLiteral("zeroInstall")};
  return keys;
}

Parser::RawHost Parser::host(const YamlNode &node, const QString &path, bool isTemplate) {
  RawHost h;
  if (isAbsent(node)) return h;
  expectMap(node, path, QStringLiteral("vip: \"127.0.42.101\""));
  for (const Entry &e : entries(node, path)) {
    const QString f = path + QLatin1Char('.') + e.key;
    const YamlNode &v = e.value;
    if (isTemplate && (e.key == QLatin1String("vip") || e.key == QLatin1String("cmd") ||
                       e.key == QLatin1String("aliases"))) {
      if (isAbsent(v)) continue;
      fail(e.keyNode, f,
           QStringLiteral("the hostTemplate must not have %1 (set it on each host instead)")
               .arg(e.key));
    }
    if (e.key == QLatin1String("vip")) {
      h.vip = string(v, f, QStringLiteral("\"127.0.42.101\""));
      h.vipNode = isAbsent(v) ? e.keyNode : v;
    } else if (e.key == QLatin1String("cmd")) {
      h.cmdNode = isAbsent(v) ? e.keyNode : v;
      if (isAbsent(v)) {
        h.cmd = QStringList();
      } else if (v.isScalar()) {
        QStringList words;
        QString why;
        const QString line = text(v, f);
        if (!splitCommandLine(line, &words, &why))
          fail(v, f,
               QStringLiteral("cannot split %1 into words: %2 (or write cmd as a list, e.g. "
                              "[\"ssh\", \"host\", \"--\", \"norouter\"])")
                   .arg(quoted(line), why));
        h.cmd = words;
      } else if (v.isSequence()) {
        h.cmd = stringList(v, f, QStringLiteral("[\"ssh\", \"host\", \"--\", \"norouter\"]"));
      } else {
        fail(v, f,
             QStringLiteral("expected a string or a list of strings (e.g. \"ssh host -- "
                            "norouter\")"));
      }
    } else if (e.key == QLatin1String("ports")) {
      const QString example = QStringLiteral("[\"8080:127.0.0.1:80\"]");
      std::vector<YamlNode> nodes;
      const QStringList ports = stringList(v, f, example, &nodes);
      for (qsizetype i = 0; i < ports.size(); ++i) {
        h.ports.append(
            portSpec(ports[i], nodes[size_t(i)], QStringLiteral("%1[%2]").arg(f).arg(i)));
        h.portLines.append(lineOf(nodes[size_t(i)]));
      }
    } else if (e.key == QLatin1String("http") || e.key == QLatin1String("socks")) {
      if (isAbsent(v)) continue;  // null: as if not written (the template's value stays)
      const QString example = e.key == QLatin1String("http") ? QStringLiteral("127.0.0.1:18080")
                                                             : QStringLiteral("127.0.0.1:18081");
      expectMap(v, f, QStringLiteral("{listen: \"%1\"}").arg(example));
      QString listen;
      bool allowRemote = false;
      for (const Entry &s : entries(v, f)) {
        if (s.key == QLatin1String("listen"))
          listen = listenAddress(s.value, f + QStringLiteral(".listen"), example);
        else if (s.key == QLatin1String("allowRemote"))
          allowRemote = boolean(s.value, f + QStringLiteral(".allowRemote"));
        else
          warnUnknown(s, f, {QStringLiteral("listen"), QStringLiteral("allowRemote")});
      }
      (e.key == QLatin1String("http") ? h.httpListen : h.socksListen) = listen;
      (e.key == QLatin1String("http") ? h.httpAllowRemote : h.socksAllowRemote) = allowRemote;
    } else if (e.key == QLatin1String("loopback")) {
      if (isAbsent(v)) continue;
      expectMap(v, f, QStringLiteral("{disable: true}"));
      bool disable = false;
      for (const Entry &s : entries(v, f)) {
        if (s.key == QLatin1String("disable"))
          disable = boolean(s.value, f + QStringLiteral(".disable"));
        else
          warnUnknown(s, f, {QStringLiteral("disable")});
      }
      h.loopbackDisable = disable;
    } else if (e.key == QLatin1String("stateDir")) {
      if (isAbsent(v)) continue;
      expectMap(v, f, QStringLiteral("{pathOnAgent: \"~/.norouter/agent\"}"));
      std::pair<QString, bool> sd;
      for (const Entry &s : entries(v, f)) {
        if (s.key == QLatin1String("pathOnAgent"))
          sd.first = string(s.value, f + QStringLiteral(".pathOnAgent"),
                            QStringLiteral("\"~/.norouter/agent\""));
        else if (s.key == QLatin1String("disable"))
          sd.second = boolean(s.value, f + QStringLiteral(".disable"));
        else
          warnUnknown(s, f, {QStringLiteral("pathOnAgent"), QStringLiteral("disable")});
      }
      h.stateDir = sd;
    } else if (e.key == QLatin1String("aliases")) {
      h.aliasNodes.clear();
      h.aliases = stringList(v, f, QStringLiteral("[\"db.example.com\"]"), &h.aliasNodes);
    } else if (e.key == QLatin1String("writeEtcHosts")) {
      if (isAbsent(v)) continue;
      h.writeEtcHosts = boolean(v, f);
    } else if (e.key == QLatin1String("zeroInstall")) {
      if (isAbsent(v)) continue;
      h.zeroInstall = boolean(v, f);
    } else {
      warnUnknown(e, path, hostKeys());
    }
  }
  return h;
}

RouteSpec Parser::route(const YamlNode &node, const QString &path) {
  RouteSpec r;
  r.line = lineOf(node);
  expectMap(node, path, QStringLiteral("{via: bastion, to: [\"192.168.95.0/24\"]}"));
  YamlNode viaNode, toNode;
  for (const Entry &e : entries(node, path)) {
    if (e.key == QLatin1String("via"))
      viaNode = e.value;
    else if (e.key == QLatin1String("to"))
      toNode = e.value;
    else
      warnUnknown(e, path, {QStringLiteral("via"), QStringLiteral("to")});
  }
  auto hostNames = [this] {
    QStringList names;
    for (const HostSpec &h : m_manifest.hosts) names.append(h.name);
    if (names.size() > 8) names = names.mid(0, 8) << QStringLiteral("...");
    return names.join(QStringLiteral(", "));
  };
  const QString viaField = path + QStringLiteral(".via");
  if (isAbsent(viaNode))
    fail(lineOf(viaNode) > 0 ? viaNode : node, viaField,
         QStringLiteral("missing (expected a host name from hosts: %1, or an IPv4 address)")
             .arg(hostNames()));
  const QString via = string(viaNode, viaField, QStringLiteral("bastion"));
  if (m_hostIndex.contains(via)) {
    r.via = via;
  } else if (const QString ip = canonicalIpv4(via); !ip.isEmpty()) {
    r.via = ip;
  } else {
    fail(viaNode, viaField,
         QStringLiteral("%1 is neither a host name nor an IPv4 address (hosts: %2)")
             .arg(quoted(via), hostNames()));
  }
  const QString toField = path + QStringLiteral(".to");
  std::vector<YamlNode> nodes;
  const QStringList to =
      stringList(toNode, toField, QStringLiteral("[\"192.168.95.0/24\", \"*.internal\"]"), &nodes);
  for (qsizetype i = 0; i < to.size(); ++i) {
    const YamlNode *it = &nodes[size_t(i)];
    const QString &t = to[i];
    const QString f = QStringLiteral("%1[%2]").arg(toField).arg(i);
    if (!canonicalIpv4(t).isEmpty())
      fail(*it, f,
           QStringLiteral("%1 is an address, not a CIDR; maybe you forgot to add the \"/32\" "
                          "suffix? (expected e.g. %2/32)")
               .arg(quoted(t), t));
    const qsizetype slash = t.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
      const QString bits = t.mid(slash + 1);
      if (canonicalIpv4(t.left(slash)).isEmpty() || !isPlainDigits(bits, 2) || bits.toInt() > 32)
        fail(*it, f,
             QStringLiteral("%1 is not an IPv4 CIDR (expected e.g. 192.168.95.0/24 or "
                            "10.1.2.3/32)")
                 .arg(quoted(t)));
      r.toCidr.append(t);
      continue;
    }
    if (t.isEmpty() || hasSpaceOrControl(t) || t.contains(QLatin1Char(':')))
      fail(*it, f,
           QStringLiteral("%1 is neither an IPv4 CIDR nor a host name glob (expected e.g. "
                          "192.168.95.0/24 or *.cluster.local)")
               .arg(quoted(t)));
    r.toHostnameGlob.append(t);
  }
  if (to.isEmpty())
    warn(QStringLiteral("%1 at line %2 has no \"to\" entries; it routes nothing")
             .arg(path)
             .arg(r.line));
  return r;
}

Manifest Parser::parse(const YamlNode &root) {
  const QString hostsExample = QStringLiteral("hosts: {local: {vip: \"127.0.42.100\"}}");
  if (isAbsent(root))
    fail(root, QString(),
         QStringLiteral("the manifest is empty (expected a mapping with hosts, e.g. %1)")
             .arg(hostsExample));
  if (!root.isMap())
    fail(root, QString(),
         QStringLiteral("the manifest must be a mapping with hosts (e.g. %1)").arg(hostsExample));

  YamlNode hostsNode, templateNode, routesNode, hostsKey;
  for (const Entry &e : entries(root, QString())) {
    if (e.key == QLatin1String("hosts")) {
      hostsNode = e.value;
      hostsKey = e.keyNode;
    } else if (e.key == QLatin1String("hostTemplate")) {
      templateNode = e.value;
    } else if (e.key == QLatin1String("routes")) {
      routesNode = e.value;
    } else {
      warnUnknown(
          e, QString(),
          {QStringLiteral("hosts"), QStringLiteral("hostTemplate"), QStringLiteral("routes")});
    }
  }

  const RawHost tmpl = host(templateNode, QStringLiteral("hostTemplate"), true);

  if (isAbsent(hostsNode))
    fail(lineOf(hostsKey) > 0 ? hostsKey : root, QStringLiteral("hosts"),
         QStringLiteral("no hosts (expected at least one, e.g. %1)").arg(hostsExample));
  expectMap(hostsNode, QStringLiteral("hosts"), QStringLiteral("{local: {vip: \"127.0.42.100\"}}"));

  // Names and aliases share one namespace (case-sensitive), as in NoRouter: every host
  // name is known before the first alias is checked.
  QHash<QString, QPair<QString, int>> names;  // name or alias -> (owner host, line)
  QHash<QString, QPair<QString, int>> vips;   // VIP -> (host, line)
  const std::vector<Entry> hostEntries = entries(hostsNode, QStringLiteral("hosts"));
  if (qsizetype(hostEntries.size()) > kMaxHosts)
    fail(hostEntries[size_t(kMaxHosts)].keyNode, QStringLiteral("hosts"),
         QStringLiteral("the manifest has %1 hosts; at most %2 are accepted (every agent is "
                        "told about every other host)")
             .arg(hostEntries.size())
             .arg(kMaxHosts));
  for (const Entry &e : hostEntries) {
    if (const QString why = nameProblem(e.key); !why.isEmpty())
      fail(e.keyNode, QStringLiteral("hosts.") + e.key,
           QStringLiteral("%1 is not a usable host name: %2 (e.g. hostA)").arg(quoted(e.key), why));
    names.insert(e.key, {e.key, lineOf(e.keyNode)});
  }
  for (const Entry &e : hostEntries) {
    const QString path = QStringLiteral("hosts.") + e.key;
    if (isAbsent(e.value))
      fail(e.keyNode, path,
           QStringLiteral("the host has no settings (expected at least vip, e.g. "
                          "vip: \"127.0.42.101\")"));
    const RawHost raw = host(e.value, path, false);
    HostSpec h;
    h.name = e.key;
    h.line = lineOf(e.keyNode);

    if (!raw.vip || raw.vip->isEmpty())
      fail(raw.vip ? raw.vipNode : e.keyNode, path + QStringLiteral(".vip"),
           QStringLiteral("missing (every host needs a virtual IPv4 address, e.g. "
                          "vip: \"127.0.42.101\")"));
    h.vip = canonicalIpv4(*raw.vip);
    if (h.vip.isEmpty())
      fail(raw.vipNode, path + QStringLiteral(".vip"),
           QStringLiteral("%1 is not an IPv4 address (expected e.g. 127.0.42.101)")
               .arg(quoted(*raw.vip)));
    const quint32 vip = ipv4Value(h.vip);
    if (const QString why = vipProblem(vip); !why.isEmpty())
      fail(raw.vipNode, path + QStringLiteral(".vip"),
           QStringLiteral("%1 %2; a VIP must be a unicast address a host can listen on "
                          "(expected e.g. 127.0.42.101)")
               .arg(quoted(h.vip), why));
    if ((vip >> 24) != 127)
      warn(QStringLiteral("%1 at line %2: %3 is outside 127.0.0.0/8: the agents listen on this "
                          "address of their hosts (forwarded ports, DNS on 10053), where anyone "
                          "on a network that reaches it can connect; use a 127.x.y.z VIP unless "
                          "that is intended")
               .arg(quoted(path + QStringLiteral(".vip")))
               .arg(lineOf(raw.vipNode))
               .arg(quoted(h.vip)));
    if (const auto prev = vips.constFind(h.vip); prev != vips.constEnd())
      fail(raw.vipNode, path + QStringLiteral(".vip"),
           QStringLiteral("%1 is already the VIP of host %2 (line %3); every host needs its "
                          "own")
               .arg(quoted(h.vip), quoted(prev->first))
               .arg(prev->second));
    vips.insert(h.vip, {h.name, h.line});

    h.cmd = raw.cmd.value_or(QStringList());
    if (!h.cmd.isEmpty() && h.cmd.first().isEmpty())
      fail(raw.cmdNode, path + QStringLiteral(".cmd"),
           QStringLiteral("the command's program (its first word) is empty (expected e.g. "
                          "\"ssh host -- norouter\", or no cmd for a local agent)"));
    h.ports = tmpl.ports + raw.ports;  // the template's ports come first, as in NoRouter
    QHash<QPair<quint16, QString>, qsizetype> listening;  // (listen port, proto) -> index
    for (qsizetype i = 0; i < h.ports.size(); ++i) {
      const auto key = qMakePair(h.ports[i].listenPort, h.ports[i].proto);
      if (const auto j = listening.constFind(key); j == listening.constEnd()) {
        listening.insert(key, i);
      } else {
        const bool fromTemplate = i < tmpl.ports.size();
        const qsizetype own = fromTemplate ? i : i - tmpl.ports.size();
        const QString f = fromTemplate ? QStringLiteral("hostTemplate.ports[%1]").arg(own)
                                       : QStringLiteral("%1.ports[%2]").arg(path).arg(own);
        const int line = fromTemplate ? tmpl.portLines[own] : raw.portLines[own];
        throw ParseFailure{ManifestError{
            m_file, line, 0, f,
            QStringLiteral("listen port %1/%2 is forwarded twice on host %3 (also by %4); "
                           "each listen port can be forwarded once")
                .arg(h.ports[i].listenPort)
                .arg(h.ports[i].proto, quoted(h.name), h.ports[*j].toString())}};
      }
    }
    h.httpListen = raw.httpListen.value_or(tmpl.httpListen.value_or(QString()));
    h.socksListen = raw.socksListen.value_or(tmpl.socksListen.value_or(QString()));
    h.httpAllowRemote =
        raw.httpListen ? raw.httpAllowRemote.value_or(false) : tmpl.httpAllowRemote.value_or(false);
    h.socksAllowRemote = raw.socksListen ? raw.socksAllowRemote.value_or(false)
                                         : tmpl.socksAllowRemote.value_or(false);
    h.loopbackDisable = raw.loopbackDisable.value_or(tmpl.loopbackDisable.value_or(false));
    const auto stateDir = raw.stateDir ? raw.stateDir : tmpl.stateDir;
    if (stateDir) {
      h.stateDirPath = stateDir->first;
      h.stateDirDisable = stateDir->second;
    }
    h.writeEtcHosts = raw.writeEtcHosts.value_or(tmpl.writeEtcHosts.value_or(false));
    h.zeroInstall = raw.zeroInstall.value_or(tmpl.zeroInstall.value_or(false));
    h.aliases = raw.aliases.value_or(QStringList());
    for (qsizetype i = 0; i < h.aliases.size(); ++i) {
      const QString &a = h.aliases[i];
      const YamlNode &at = raw.aliasNodes[size_t(i)];
      const QString f = QStringLiteral("%1.aliases[%2]").arg(path).arg(i);
      if (const QString why = nameProblem(a); !why.isEmpty())
        fail(at, f,
             QStringLiteral("%1 is not a usable name: %2 (e.g. db.example.com)")
                 .arg(quoted(a), why));
      if (const auto prev = names.constFind(a); prev != names.constEnd()) {
        const QString what = prev->first == a
                                 ? QStringLiteral("the name of host %1").arg(quoted(a))
                                 : QStringLiteral("an alias of host %1").arg(quoted(prev->first));
        fail(at, f,
             QStringLiteral("%1 is already %2 (line %3); names and aliases must be unique")
                 .arg(quoted(a), what)
                 .arg(prev->second));
      }
      names.insert(a, {h.name, lineOf(at)});
    }
    if (h.name.contains(QLatin1Char('.')))
      warn(QStringLiteral("host name %1 at line %2 contains a dot; NoRouter agents leave it out "
                          "of their hostaliases file (use an alias for dotted names)")
               .arg(quoted(h.name))
               .arg(h.line));
    m_hostIndex.insert(h.name, m_manifest.hosts.size());
    m_manifest.hosts.append(h);
  }
  if (m_manifest.hosts.isEmpty())
    fail(hostsNode, QStringLiteral("hosts"),
         QStringLiteral("no hosts (expected at least one, e.g. %1)").arg(hostsExample));

  if (!isAbsent(routesNode)) {
    if (!routesNode.isSequence())
      fail(routesNode, QStringLiteral("routes"),
           QStringLiteral("expected a list of routes (e.g. - via: bastion\\n    to: "
                          "[\"192.168.95.0/24\"])"));
    int i = 0;
    for (; i < routesNode.size(); ++i)
      m_manifest.routes.append(route(routesNode.item(i), QStringLiteral("routes[%1]").arg(i)));
  }
  if (m_droppedWarnings > 0)
    m_manifest.warnings.append(
        QStringLiteral("... and %1 more warnings not shown").arg(m_droppedWarnings));
  return m_manifest;
}

// ---- writer -------------------------------------------------------------------------------

// Strings are always double-quoted, so that no value can turn into a number, a boolean or
// null when NoRouter reads it back; yaml-cpp's emitter escapes what YAML cannot carry raw.
void emitString(YAML::Emitter &out, const QString &s) {
  out << YAML::DoubleQuoted << s.toStdString();
}

void emitList(YAML::Emitter &out, const QStringList &items) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const QString &item : items) emitString(out, item);
  out << YAML::EndSeq;
}

void emitHost(YAML::Emitter &out, const HostSpec &h) {
  out << YAML::Key;
  emitString(out, h.name);
  out << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "vip" << YAML::Value;
  emitString(out, h.vip);
  if (!h.cmd.isEmpty()) {
    out << YAML::Key << "cmd" << YAML::Value;
    emitList(out, h.cmd);
  }
  if (!h.ports.isEmpty()) {
    QStringList ports;
    for (const PortSpec &p : h.ports) ports.append(p.toString());
    out << YAML::Key << "ports" << YAML::Value;
    emitList(out, ports);
  }
  for (const auto &[key, listen, allowRemote] :
       {std::tuple{"http", &h.httpListen, h.httpAllowRemote},
        {"socks", &h.socksListen, h.socksAllowRemote}}) {
    if (listen->isEmpty()) continue;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "listen"
        << YAML::Value;
    emitString(out, *listen);
    if (allowRemote) out << YAML::Key << "allowRemote" << YAML::Value << true;
    out << YAML::EndMap;
  }
  if (h.loopbackDisable)
    out << YAML::Key << "loopback" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "disable" << YAML::Value << true << YAML::EndMap;
  if (!h.stateDirPath.isEmpty() || h.stateDirDisable) {
    out << YAML::Key << "stateDir" << YAML::Value << YAML::Flow << YAML::BeginMap;
    if (!h.stateDirPath.isEmpty()) {
      out << YAML::Key << "pathOnAgent" << YAML::Value;
      emitString(out, h.stateDirPath);
    }
    if (h.stateDirDisable) out << YAML::Key << "disable" << YAML::Value << true;
    out << YAML::EndMap;
  }
  if (!h.aliases.isEmpty()) {
    out << YAML::Key << "aliases" << YAML::Value;
    emitList(out, h.aliases);
  }
  if (h.writeEtcHosts) out << YAML::Key << "writeEtcHosts" << YAML::Value << true;
  if (h.zeroInstall) out << YAML::Key << "zeroInstall" << YAML::Value << true;
  out << YAML::EndMap;
}

}  // namespace

bool HostSpec::sameAs(const HostSpec &o) const {
  return name == o.name && vip == o.vip && cmd == o.cmd && ports == o.ports &&
         httpListen == o.httpListen && socksListen == o.socksListen &&
         loopbackDisable == o.loopbackDisable && stateDirPath == o.stateDirPath &&
         stateDirDisable == o.stateDirDisable && aliases == o.aliases &&
         writeEtcHosts == o.writeEtcHosts && zeroInstall == o.zeroInstall;
}

bool RouteSpec::sameAs(const RouteSpec &o) const {
  return via == o.via && toCidr == o.toCidr && toHostnameGlob == o.toHostnameGlob;
}

bool Manifest::sameAs(const Manifest &o) const {
  if (hosts.size() != o.hosts.size() || routes.size() != o.routes.size()) return false;
  for (qsizetype i = 0; i < hosts.size(); ++i)
    if (!hosts[i].sameAs(o.hosts[i])) return false;
  for (qsizetype i = 0; i < routes.size(); ++i)
    if (!routes[i].sameAs(o.routes[i])) return false;
  return true;
}

const HostSpec *Manifest::host(const QString &name) const {
  for (const HostSpec &h : hosts)
    if (h.name == name) return &h;
  return nullptr;
}

QString Manifest::resolveVia(const QString &via) const {
  if (const HostSpec *h = host(via)) return h->vip;
  return canonicalIpv4(via);
}

QString ManifestError::toString() const {
  QString s = file;
  if (line > 0) {
    s += QLatin1Char(':') + QString::number(line);
    if (column > 0) s += QLatin1Char(':') + QString::number(column);
  }
  s += QStringLiteral(": ");
  if (!field.isEmpty()) s += field + QStringLiteral(": ");
  return s + message;
}

QString canonicalIpv4(const QString &text) {
  const QStringList parts = text.split(QLatin1Char('.'));
  if (parts.size() != 4) return QString();
  for (const QString &p : parts) {
    if (!isPlainDigits(p, 3) || (p.size() > 1 && p[0] == QLatin1Char('0')) || p.toInt() > 255)
      return QString();
  }
  return text;
}

bool splitCommandLine(const QString &text, QStringList *words, QString *error) {
  enum class State { Start, Word, Escaping, Single, Double, DoubleEscaping, Comment };
  auto isSpace = [](QChar c) {
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') ||
           c == QLatin1Char('\n');
  };
  State state = State::Start;
  QString word;
  QStringList out;
  for (const QChar c : text) {
    switch (state) {
      case State::Start:
        if (isSpace(c)) break;
        if (c == QLatin1Char('#')) {
          state = State::Comment;
          break;
        }
        state = State::Word;
        [[fallthrough]];
      case State::Word:
        if (isSpace(c)) {
          out.append(word);
          word.clear();
          state = State::Start;
        } else if (c == QLatin1Char('\\')) {
          state = State::Escaping;
        } else if (c == QLatin1Char('\'')) {
          state = State::Single;
        } else if (c == QLatin1Char('"')) {
          state = State::Double;
        } else {
          word += c;
        }
        break;
      case State::Escaping:
        word += c;
        state = State::Word;
        break;
      case State::Single:
        if (c == QLatin1Char('\''))
          state = State::Word;
        else
          word += c;
        break;
      case State::Double:
        if (c == QLatin1Char('"'))
          state = State::Word;
        else if (c == QLatin1Char('\\'))
          state = State::DoubleEscaping;
        else
          word += c;
        break;
      case State::DoubleEscaping:
        word += c;
        state = State::Double;
        break;
      case State::Comment:
        if (c == QLatin1Char('\n')) state = State::Start;
        break;
    }
  }
  switch (state) {
    case State::Escaping:
    case State::DoubleEscaping:
      if (error) *error = QStringLiteral("it ends with a lone backslash");
      return false;
    case State::Single:
    case State::Double:
      if (error) *error = QStringLiteral("a quote is not closed");
      return false;
    case State::Word:
      out.append(word);
      break;
    case State::Start:
    case State::Comment:
      break;
  }
  *words = out;
  return true;
}

ManifestResult parseManifest(const QByteArray &yaml, const QString &fileName) {
  if (yaml.size() > kMaxManifestSize)
    return ManifestError{fileName, 0, 0, QString(),
                         QStringLiteral("the manifest is %1 bytes; at most %2 are accepted")
                             .arg(yaml.size())
                             .arg(kMaxManifestSize)};
  // The tree counts aliases as copies of what they name, so a bomb stops at the alias that
  // crosses kMaxManifestNodes, and the parser below walks at most that many nodes.
  auto tree =
      YamlTree::parse(std::string(yaml.constData(), size_t(yaml.size())), kMaxManifestNodes);
  if (const auto *e = std::get_if<YamlError>(&tree))
    return ManifestError{fileName, e->line, e->column, QString(), e->message};
  try {
    Parser parser(fileName);
    return parser.parse(std::get<YamlTree>(tree).root());
  } catch (const ParseFailure &f) {
    return f.error;
  }
}

ManifestResult loadManifest(const QString &path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly))
    return ManifestError{path, 0, 0, QString(),
                         QStringLiteral("cannot open the manifest: %1").arg(f.errorString())};
  const QByteArray data = f.read(kMaxManifestSize + 1);
  if (f.error() != QFileDevice::NoError)
    return ManifestError{path, 0, 0, QString(),
                         QStringLiteral("cannot read the manifest: %1").arg(f.errorString())};
  return parseManifest(data, path);
}

QByteArray toYaml(const Manifest &m, const QStringList &headerComment) {
  YAML::Emitter out;
  out.SetBoolFormat(YAML::TrueFalseBool);
  out.SetBoolFormat(YAML::LowerCase);
  for (const QString &line : headerComment) {
    // One comment per line: a line break inside would end the comment.
    for (const QString &part : line.split(QLatin1Char('\n')))
      out << YAML::Comment(part.toStdString()) << YAML::Newline;
  }
  out << YAML::BeginMap << YAML::Key << "hosts" << YAML::Value << YAML::BeginMap;
  for (const HostSpec &h : m.hosts) emitHost(out, h);
  out << YAML::EndMap;
  if (!m.routes.isEmpty()) {
    out << YAML::Key << "routes" << YAML::Value << YAML::BeginSeq;
    for (const RouteSpec &r : m.routes) {
      out << YAML::BeginMap << YAML::Key << "via" << YAML::Value;
      emitString(out, r.via);
      out << YAML::Key << "to" << YAML::Value;
      emitList(out, r.toCidr + r.toHostnameGlob);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  // The emitter only fails on unbalanced Begin/End calls, which the code above never makes.
  Q_ASSERT_X(out.good(), "toYaml", out.GetLastError().c_str());
  QByteArray yaml(out.c_str(), qsizetype(out.size()));
  yaml += '\n';
  return yaml;
}

}  // namespace routeless::mesh
