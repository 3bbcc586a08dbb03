#include "mesh/manifest.h"

#include <yaml-cpp/yaml.h>

#include <QFile>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace routeless::mesh {
namespace {

// Thrown inside the parser and turned into a ManifestError at the top: the first problem
// found ends the parse, as it does in NoRouter.
struct ParseFailure {
  ManifestError error;
};

QString qstr(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QString quoted(const QString &s) {
  QString out = QStringLiteral("\"");
  for (const QChar c : s) {
    if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
      out += QLatin1Char('\\');
      out += c;
    } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
      out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    } else {
      out += c;
    }
  }
  out += QLatin1Char('"');
  return out;
}

int lineOf(const YAML::Node &n) {
  if (!n.IsDefined()) return 0;
  const YAML::Mark m = n.Mark();
  return m.line < 0 ? 0 : m.line + 1;
}
int columnOf(const YAML::Node &n) {
  if (!n.IsDefined()) return 0;
  const YAML::Mark m = n.Mark();
  return m.column < 0 ? 0 : m.column + 1;
}

bool isAbsent(const YAML::Node &n) { return !n.IsDefined() || n.IsNull(); }

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
  YAML::Node keyNode;
  YAML::Node value;
};

bool isPlainDigits(const QString &s, int maxLen) {
  if (s.isEmpty() || s.size() > maxLen) return false;
  for (const QChar c : s)
    if (c < QLatin1Char('0') || c > QLatin1Char('9')) return false;
  return true;
}

bool hasSpaceOrControl(const QString &s) {
  for (const QChar c : s)
    if (c.isSpace() || c.unicode() < 0x20 || c.unicode() == 0x7f) return true;
  return false;
}

bool looksLikeIpv4Attempt(const QString &s) {
  if (s.isEmpty()) return false;
  for (const QChar c : s)
    if (!(c == QLatin1Char('.') || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))) return false;
  return true;
}

// A host name as NoRouter passes it to the agent's resolver: letters, digits, '-', '_', '.'.
bool isHostName(const QString &s) {
  if (s.isEmpty() || s.size() > 253) return false;
  for (const QChar c : s) {
    const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                    (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                    (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
                    c == QLatin1Char('_') || c == QLatin1Char('.');
    if (!ok) return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(const QString &file) : m_file(file) {}

  Manifest parse(const YAML::Node &root);

 private:
  struct RawHost {
    std::optional<QString> vip;
    std::optional<QStringList> cmd;
    QList<PortSpec> ports;
    QList<int> portLines;
    std::optional<QString> httpListen;
    std::optional<QString> socksListen;
    std::optional<bool> loopbackDisable;
    std::optional<std::pair<QString, bool>> stateDir;
    std::optional<QStringList> aliases;
    std::vector<YAML::Node> aliasNodes;
    std::optional<bool> writeEtcHosts;
    YAML::Node vipNode;
    YAML::Node cmdNode;
  };

  [[noreturn]] void fail(const YAML::Node &at, const QString &field, const QString &message) {
    throw ParseFailure{ManifestError{m_file, lineOf(at), columnOf(at), field, message}};
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
    m_manifest.warnings.append(QStringLiteral("unknown field %1 at line %2; ignored%3")
                                   .arg(quoted(field))
                                   .arg(lineOf(e.keyNode))
                                   .arg(hint));
  }

  // The pairs of mapping `node`, merge keys expanded (own keys win), duplicate keys refused.
  std::vector<Entry> entries(const YAML::Node &node, const QString &path) {
    std::vector<Entry> out;
    QHash<QString, int> seen;
    collect(node, path, out, seen, 0, /*merged=*/false);
    return out;
  }

  void collect(const YAML::Node &node, const QString &path, std::vector<Entry> &out,
               QHash<QString, int> &seen, int depth, bool merged) {
    if (depth > 16) fail(node, path, QStringLiteral("merge keys (<<) nest too deeply"));
    std::vector<YAML::Node> merges;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node k = it->first;
      if (!k.IsScalar())
        fail(k, path, QStringLiteral("a key must be a plain name, not a list or a mapping"));
      const QString key = qstr(k.Scalar());
      if (key == QLatin1String("<<") && k.Tag() != "!") {
        merges.push_back(it->second);
        continue;
      }
      const auto prev = seen.constFind(key);
      if (prev != seen.constEnd()) {
        if (merged) continue;  // a merged-in value never overrides the mapping's own
        fail(k, path.isEmpty() ? key : path + QLatin1Char('.') + key,
             QStringLiteral("duplicate key %1 (first at line %2)").arg(quoted(key)).arg(*prev));
      }
      seen.insert(key, lineOf(k));
      out.push_back(Entry{key, k, it->second});
    }
    for (const YAML::Node &m : merges) {
      if (m.IsMap()) {
        collect(m, path, out, seen, depth + 1, true);
      } else if (m.IsSequence()) {
        for (auto it = m.begin(); it != m.end(); ++it) {
          if (!it->IsMap())
            fail(*it, path, QStringLiteral("a merge key (<<) takes a mapping or a list of them"));
          collect(*it, path, out, seen, depth + 1, true);
        }
      } else if (!m.IsNull()) {
        fail(m, path, QStringLiteral("a merge key (<<) takes a mapping or a list of them"));
      }
    }
  }

  void expectMap(const YAML::Node &n, const QString &field, const QString &example) {
    if (!n.IsMap()) fail(n, field, QStringLiteral("expected a mapping (e.g. %1)").arg(example));
  }

  QString string(const YAML::Node &n, const QString &field, const QString &example) {
    if (isAbsent(n)) return QString();
    if (!n.IsScalar()) fail(n, field, QStringLiteral("expected a string (e.g. %1)").arg(example));
    return qstr(n.Scalar());
  }

  bool boolean(const YAML::Node &n, const QString &field) {
    if (isAbsent(n)) return false;
    if (n.IsScalar()) {
      const QString s = qstr(n.Scalar());
      if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
        return true;
      if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE"))
        return false;
      fail(n, field, QStringLiteral("%1 is not a boolean (expected true or false)").arg(quoted(s)));
    }
    fail(n, field, QStringLiteral("expected true or false"));
  }

  QStringList stringList(const YAML::Node &n, const QString &field, const QString &example,
                         std::vector<YAML::Node> *nodes = nullptr) {
    QStringList out;
    if (isAbsent(n)) return out;
    if (!n.IsSequence())
      fail(n, field, QStringLiteral("expected a list of strings (e.g. %1)").arg(example));
    int i = 0;
    for (auto it = n.begin(); it != n.end(); ++it, ++i) {
      const QString f = QStringLiteral("%1[%2]").arg(field).arg(i);
      if (!it->IsScalar()) fail(*it, f, QStringLiteral("expected a string (e.g. %1)").arg(example));
      out.append(qstr(it->Scalar()));
      if (nodes) nodes->push_back(*it);
    }
    return out;
  }

  quint16 port(const QString &text, const YAML::Node &at, const QString &field,
               const QString &whole, const char *which) {
    bool ok = false;
    const int v = isPlainDigits(text, 5) ? text.toInt(&ok) : -1;
    if (!ok || v < 1 || v > 65535)
      fail(at, field,
           QStringLiteral("%1: the %2 port %3 is not a port number 1-65535 (expected e.g. "
                          "8080:127.0.0.1:80)")
               .arg(quoted(whole), QLatin1String(which), quoted(text)));
    return quint16(v);
  }

  PortSpec portSpec(const QString &text, const YAML::Node &at, const QString &field) {
    PortSpec p;
    QString s = text;
    if (s.endsWith(QLatin1String("/tcp"))) {
      s.chop(4);
    } else if (s.endsWith(QLatin1String("/udp"))) {
      s.chop(4);
      p.proto = QStringLiteral("udp");
    }
    if (s.contains(QLatin1Char('/')))
      fail(at, field,
           QStringLiteral("%1 has an unknown protocol suffix (expected /tcp, /udp or none, "
                          "e.g. 8080:127.0.0.1:80/tcp)")
               .arg(quoted(text)));
    const QStringList parts = s.split(QLatin1Char(':'));
    if (parts.size() != 3)
      fail(at, field,
           QStringLiteral("%1 is not LISTENPORT:CONNECTHOST:CONNECTPORT (expected e.g. "
                          "8080:127.0.0.1:80; IPv6 connect addresses cannot be written)")
               .arg(quoted(text)));
    p.listenPort = port(parts[0], at, field, text, "listen");
    p.connectHost = parts[1];
    if (p.connectHost.isEmpty())
      fail(at, field,
           QStringLiteral("%1 has no connect host (expected e.g. 8080:127.0.0.1:80)")
               .arg(quoted(text)));
    if (looksLikeIpv4Attempt(p.connectHost) ? canonicalIpv4(p.connectHost).isEmpty()
                                            : !isHostName(p.connectHost))
      fail(at, field,
           QStringLiteral("%1: the connect host %2 is neither an IPv4 address nor a host name "
                          "(expected e.g. 127.0.0.1 or db.internal)")
               .arg(quoted(text), quoted(p.connectHost)));
    p.connectPort = port(parts[2], at, field, text, "connect");
    return p;
  }

  QString listenAddress(const YAML::Node &n, const QString &field, const QString &example) {
    const QString s = string(n, field, example);
    if (s.isEmpty()) return s;
    const qsizetype colon = s.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const QString portText = colon < 0 ? QString() : s.mid(colon + 1);
    const int v = isPlainDigits(portText, 5) ? portText.toInt(&ok) : -1;
    if (colon < 0 || !ok || v > 65535 || hasSpaceOrControl(s))
      fail(n, field,
           QStringLiteral("%1 is not an ip:port listen address (expected e.g. %2)")
               .arg(quoted(s), example));
    return s;
  }

  // `sub: {key: value}` objects (http, socks, loopback, stateDir).
  RawHost host(const YAML::Node &node, const QString &path, bool isTemplate);
  RouteSpec route(const YAML::Node &node, const QString &path);

  QString m_file;
  Manifest m_manifest;
  QHash<QString, qsizetype> m_hostIndex;  // host name -> index in m_manifest.hosts
};

const QStringList &hostKeys() {
  static const QStringList keys = {
      QStringLiteral("vip"),      QStringLiteral("cmd"),     QStringLiteral("ports"),
      QStringLiteral("http"),     QStringLiteral("socks"),   QStringLiteral("loopback"),
      QStringLiteral("stateDir"), QStringLiteral("aliases"), QStringLiteral("writeEtcHosts")};
  return keys;
}

Parser::RawHost Parser::host(const YAML::Node &node, const QString &path, bool isTemplate) {
  RawHost h;
  if (isAbsent(node)) return h;
  expectMap(node, path, QStringLiteral("vip: \"127.0.42.101\""));
  for (const Entry &e : entries(node, path)) {
    const QString f = path + QLatin1Char('.') + e.key;
    const YAML::Node &v = e.value;
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
      } else if (v.IsScalar()) {
        QStringList words;
        QString why;
        if (!splitCommandLine(qstr(v.Scalar()), &words, &why))
          fail(v, f,
               QStringLiteral("cannot split %1 into words: %2 (or write cmd as a list, e.g. "
                              "[\"ssh\", \"host\", \"--\", \"norouter\"])")
                   .arg(quoted(qstr(v.Scalar())), why));
        h.cmd = words;
      } else if (v.IsSequence()) {
        h.cmd = stringList(v, f, QStringLiteral("[\"ssh\", \"host\", \"--\", \"norouter\"]"));
      } else {
        fail(v, f,
             QStringLiteral("expected a string or a list of strings (e.g. \"ssh host -- "
                            "norouter\")"));
      }
    } else if (e.key == QLatin1String("ports")) {
      const QString example = QStringLiteral("[\"8080:127.0.0.1:80\"]");
      std::vector<YAML::Node> nodes;
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
      for (const Entry &s : entries(v, f)) {
        if (s.key == QLatin1String("listen"))
          listen = listenAddress(s.value, f + QStringLiteral(".listen"), example);
        else
          warnUnknown(s, f, {QStringLiteral("listen")});
      }
      (e.key == QLatin1String("http") ? h.httpListen : h.socksListen) = listen;
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
    } else {
      warnUnknown(e, path, hostKeys());
    }
  }
  return h;
}

RouteSpec Parser::route(const YAML::Node &node, const QString &path) {
  RouteSpec r;
  r.line = lineOf(node);
  expectMap(node, path, QStringLiteral("{via: bastion, to: [\"192.168.95.0/24\"]}"));
  YAML::Node viaNode, toNode;
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
  std::vector<YAML::Node> nodes;
  const QStringList to =
      stringList(toNode, toField, QStringLiteral("[\"192.168.95.0/24\", \"*.internal\"]"), &nodes);
  for (qsizetype i = 0; i < to.size(); ++i) {
    const YAML::Node *it = &nodes[size_t(i)];
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
    m_manifest.warnings.append(
        QStringLiteral("%1 at line %2 has no \"to\" entries; it routes nothing")
            .arg(path)
            .arg(r.line));
  return r;
}

Manifest Parser::parse(const YAML::Node &root) {
  const QString hostsExample = QStringLiteral("hosts: {local: {vip: \"127.0.42.100\"}}");
  if (isAbsent(root))
    fail(root, QString(),
         QStringLiteral("the manifest is empty (expected a mapping with hosts, e.g. %1)")
             .arg(hostsExample));
  if (!root.IsMap())
    fail(root, QString(),
         QStringLiteral("the manifest must be a mapping with hosts (e.g. %1)").arg(hostsExample));

  YAML::Node hostsNode, templateNode, routesNode, hostsKey;
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
  for (const Entry &e : hostEntries) {
    if (e.key.isEmpty() || hasSpaceOrControl(e.key))
      fail(e.keyNode, QStringLiteral("hosts.") + e.key,
           QStringLiteral("%1 is not a usable host name (no spaces or control characters, "
                          "e.g. hostA)")
               .arg(quoted(e.key)));
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
    h.loopbackDisable = raw.loopbackDisable.value_or(tmpl.loopbackDisable.value_or(false));
    const auto stateDir = raw.stateDir ? raw.stateDir : tmpl.stateDir;
    if (stateDir) {
      h.stateDirPath = stateDir->first;
      h.stateDirDisable = stateDir->second;
    }
    h.writeEtcHosts = raw.writeEtcHosts.value_or(tmpl.writeEtcHosts.value_or(false));
    h.aliases = raw.aliases.value_or(QStringList());
    for (qsizetype i = 0; i < h.aliases.size(); ++i) {
      const QString &a = h.aliases[i];
      const YAML::Node &at = raw.aliasNodes[size_t(i)];
      const QString f = QStringLiteral("%1.aliases[%2]").arg(path).arg(i);
      if (a.isEmpty() || hasSpaceOrControl(a))
        fail(at, f,
             QStringLiteral("%1 is not a usable name (no spaces, e.g. db.example.com)")
                 .arg(quoted(a)));
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
      m_manifest.warnings.append(
          QStringLiteral("host name %1 at line %2 contains a dot; NoRouter agents leave it out "
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
    if (!routesNode.IsSequence())
      fail(routesNode, QStringLiteral("routes"),
           QStringLiteral("expected a list of routes (e.g. - via: bastion\\n    to: "
                          "[\"192.168.95.0/24\"])"));
    int i = 0;
    for (auto it = routesNode.begin(); it != routesNode.end(); ++it, ++i)
      m_manifest.routes.append(route(*it, QStringLiteral("routes[%1]").arg(i)));
  }
  return m_manifest;
}

// ---- writer -------------------------------------------------------------------------------

// A YAML double-quoted scalar: always quoted, so that no value can turn into a number,
// a boolean or null when NoRouter reads it back.
QByteArray yamlQuote(const QString &s) {
  QByteArray out = "\"";
  for (const char32_t c : s.toUcs4()) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff ||
               c == 0xfffe || c == 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
      out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0')).toLatin1();
    } else {
      out += QString::fromUcs4(&c, 1).toUtf8();
    }
  }
  out += '"';
  return out;
}

QByteArray yamlList(const QStringList &items) {
  QByteArray out = "[";
  for (qsizetype i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += yamlQuote(items[i]);
  }
  out += ']';
  return out;
}

}  // namespace

QString PortSpec::toString() const {
  QString s = QStringLiteral("%1:%2:%3").arg(listenPort).arg(connectHost).arg(connectPort);
  if (proto != QLatin1String("tcp")) s += QLatin1Char('/') + proto;
  return s;
}

bool HostSpec::sameAs(const HostSpec &o) const {
  return name == o.name && vip == o.vip && cmd == o.cmd && ports == o.ports &&
         httpListen == o.httpListen && socksListen == o.socksListen &&
         loopbackDisable == o.loopbackDisable && stateDirPath == o.stateDirPath &&
         stateDirDisable == o.stateDirDisable && aliases == o.aliases &&
         writeEtcHosts == o.writeEtcHosts;
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
  try {
    const YAML::Node root = YAML::Load(std::string(yaml.constData(), size_t(yaml.size())));
    Parser parser(fileName);
    return parser.parse(root);
  } catch (const ParseFailure &f) {
    return f.error;
  } catch (const YAML::Exception &e) {
    const int line = e.mark.line < 0 ? 0 : e.mark.line + 1;
    const int column = e.mark.column < 0 ? 0 : e.mark.column + 1;
    return ManifestError{fileName, line, column, QString(),
                         QStringLiteral("YAML syntax error: %1").arg(qstr(e.msg))};
  } catch (const std::exception &e) {
    return ManifestError{
        fileName, 0, 0, QString(),
        QStringLiteral("cannot read the YAML: %1").arg(QString::fromUtf8(e.what()))};
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

QByteArray toYaml(const Manifest &m) {
  QByteArray out = "hosts:\n";
  for (const HostSpec &h : m.hosts) {
    out += "  " + yamlQuote(h.name) + ":\n";
    out += "    vip: " + yamlQuote(h.vip) + '\n';
    if (!h.cmd.isEmpty()) out += "    cmd: " + yamlList(h.cmd) + '\n';
    if (!h.ports.isEmpty()) {
      QStringList ports;
      for (const PortSpec &p : h.ports) ports.append(p.toString());
      out += "    ports: " + yamlList(ports) + '\n';
    }
    if (!h.httpListen.isEmpty()) out += "    http: {listen: " + yamlQuote(h.httpListen) + "}\n";
    if (!h.socksListen.isEmpty()) out += "    socks: {listen: " + yamlQuote(h.socksListen) + "}\n";
    if (h.loopbackDisable) out += "    loopback: {disable: true}\n";
    if (!h.stateDirPath.isEmpty() || h.stateDirDisable) {
      QByteArrayList fields;
      if (!h.stateDirPath.isEmpty()) fields.append("pathOnAgent: " + yamlQuote(h.stateDirPath));
      if (h.stateDirDisable) fields.append("disable: true");
      out += "    stateDir: {" + fields.join(", ") + "}\n";
    }
    if (!h.aliases.isEmpty()) out += "    aliases: " + yamlList(h.aliases) + '\n';
    if (h.writeEtcHosts) out += "    writeEtcHosts: true\n";
  }
  if (!m.routes.isEmpty()) {
    out += "routes:\n";
    for (const RouteSpec &r : m.routes) {
      out += "  - via: " + yamlQuote(r.via) + '\n';
      out += "    to: " + yamlList(r.toCidr + r.toHostnameGlob) + '\n';
    }
  }
  return out;
}

}  // namespace routeless::mesh
