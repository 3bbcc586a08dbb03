#include "profiles/profile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include "mesh/portspec.h"
#include "mproxy/deviceurl.h"
#include "nodepass/tunnelurl.h"
#include "profiles/demoports.h"
#include "profiles/redaction.h"
#include "profiles/tunneltext.h"

namespace routeless::profiles {

namespace {

const QLatin1String kFormatName("routeless-profile");

// Line (1-based) of a byte offset, for JSON syntax errors.
int lineOfOffset(const QByteArray &data, int offset) {
  offset = qBound(0, offset, int(data.size()));
  return int(data.left(offset).count('\n')) + 1;
}

QJsonObject hostToJson(const mesh::HostSpec &h) {
  QJsonObject o;
  o[QStringLiteral("name")] = h.name;
  o[QStringLiteral("vip")] = h.vip;
  if (!h.cmd.isEmpty()) o[QStringLiteral("cmd")] = QJsonArray::fromStringList(h.cmd);
  if (!h.ports.isEmpty()) {
    QJsonArray ports;
    for (const mesh::PortSpec &p : h.ports) ports.append(p.toString());
    o[QStringLiteral("ports")] = ports;
  }
  if (!h.httpListen.isEmpty()) o[QStringLiteral("httpListen")] = h.httpListen;
  if (!h.socksListen.isEmpty()) o[QStringLiteral("socksListen")] = h.socksListen;
  if (h.loopbackDisable) o[QStringLiteral("loopbackDisable")] = true;
  if (!h.stateDirPath.isEmpty()) o[QStringLiteral("stateDir")] = h.stateDirPath;
  if (h.stateDirDisable) o[QStringLiteral("stateDirDisable")] = true;
  if (!h.aliases.isEmpty()) o[QStringLiteral("aliases")] = QJsonArray::fromStringList(h.aliases);
  if (h.writeEtcHosts) o[QStringLiteral("writeEtcHosts")] = true;
  if (h.zeroInstall) o[QStringLiteral("zeroInstall")] = true;
  return o;
}

// Typed accessors that name the field at fault.
struct Reader {
  QString source;
  std::optional<ProfileError> error;

  void fail(const QString &field, const QString &message) {
    if (!error) error = ProfileError{source, 0, field, message};
  }
  QString string(const QJsonObject &o, const QString &key, const QString &path, bool required) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
      if (required) fail(path, QStringLiteral("is missing"));
      return {};
    }
    if (!v.isString()) {
      fail(path, QStringLiteral("must be a string"));
      return {};
    }
    return v.toString();
  }
  bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool def) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return def;
    if (!v.isBool()) {
      fail(path, QStringLiteral("must be true or false"));
      return def;
    }
    return v.toBool();
  }
  QStringList strings(const QJsonObject &o, const QString &key, const QString &path) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isArray()) {
      fail(path, QStringLiteral("must be a list of strings"));
      return {};
    }
    QStringList out;
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
      if (!a[i].isString()) {
        fail(QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("must be a string"));
        return {};
      }
      out.append(a[i].toString());
    }
    return out;
  }
  QJsonArray array(const QJsonObject &o, const QString &key, const QString &path) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isArray()) fail(path, QStringLiteral("must be a list"));
    return v.toArray();
  }
};

}  // namespace

QString ProfileError::toString() const {
  QString out = source.isEmpty() ? QStringLiteral("input") : source;
  if (line > 0) out += QStringLiteral(":%1").arg(line);
  if (line > 0 && column > 0) out += QStringLiteral(":%1").arg(column);
  out += QStringLiteral(": ");
  if (!field.isEmpty()) out += field + QStringLiteral(": ");
  return out + message;
}

bool Profile::sameAs(const Profile &o) const {
  return id == o.id && name == o.name && mesh.sameAs(o.mesh) && tunnels == o.tunnels &&
         masters == o.masters && builtinResponder == o.builtinResponder;
}

DemoPorts demoPorts() {
  DemoPorts ports;
  const QList<QByteArray> parts = qgetenv("ROUTELESS_TEST_DEMO_PORTS").split(',');
  if (parts.size() != 4) return ports;
  quint16 values[4] = {};
  for (int i = 0; i < 4; ++i) {
    bool ok = false;
    const uint v = parts[i].trimmed().toUInt(&ok);
    if (!ok || v == 0 || v > 65535) return ports;
    values[i] = quint16(v);
  }
  return DemoPorts{values[0], values[1], values[2], values[3]};
}

Profile demoProfile() {
  const DemoPorts ports = demoPorts();
  Profile p;
  p.id = QStringLiteral("local-demo");
  p.name = QStringLiteral("Local demo");
  p.builtinResponder = true;
  mesh::HostSpec a;
  a.name = QStringLiteral("alpha");
  a.vip = QStringLiteral("127.0.42.1");
  mesh::HostSpec b;
  b.name = QStringLiteral("beta");
  b.vip = QStringLiteral("127.0.42.2");
  b.loopbackDisable = true;  // alpha already listens on the loopback VIPs of this machine
  mesh::PortSpec port;
  port.listenPort = ports.forward;
  port.connectHost = QStringLiteral("127.0.0.1");
  port.connectPort = ports.responder;
  b.ports.append(port);
  p.mesh.hosts = {a, b};
  p.tunnels.append(
      {QStringLiteral("demo server"),
       QStringLiteral("server://routeless-demo@127.0.0.1:%1/127.0.0.1:%2?mode=2&log=warn")
           .arg(ports.tunnel)
           .arg(ports.responder),
       true});
  p.tunnels.append(
      {QStringLiteral("demo client"),
       QStringLiteral("client://routeless-demo@127.0.0.1:%1/127.0.0.1:%2?mode=2&log=warn")
           .arg(ports.tunnel)
           .arg(ports.tunnelClient),
       true});
  return p;
}

std::optional<ProfileError> validateProfile(const Profile &p, const QString &source) {
  if (p.name.trimmed().isEmpty())
    return ProfileError{source, 0, QStringLiteral("name"), QStringLiteral("must not be empty")};
  if (!p.mesh.hosts.isEmpty() || !p.mesh.routes.isEmpty()) {
    // The manifest parser holds every NoRouter rule; a profile's mesh must pass it.
    const auto parsed = mesh::parseManifest(mesh::toYaml(p.mesh), source);
    if (const auto *e = std::get_if<mesh::ManifestError>(&parsed)) {
      QString field = e->field;
      for (int i = 0; i < p.mesh.hosts.size(); ++i) {
        const QString prefix = QStringLiteral("hosts.%1").arg(p.mesh.hosts[i].name);
        if (field.startsWith(prefix)) {
          field = QStringLiteral("hosts[%1]").arg(i) + field.mid(prefix.size());
          break;
        }
      }
      return ProfileError{
          source, 0, QStringLiteral("mesh.") + (field.isEmpty() ? QStringLiteral("hosts") : field),
          e->message};
    }
  }
  for (int i = 0; i < p.tunnels.size(); ++i) {
    QString why;
    if (!checkTunnelName(p.tunnels[i].name, &why))
      return ProfileError{source, 0, QStringLiteral("tunnels[%1].name").arg(i), why};
    if (!checkTunnelUrl(p.tunnels[i].url, &why))
      return ProfileError{source, 0, QStringLiteral("tunnels[%1].url").arg(i), why};
  }
  for (int i = 0; i < p.masters.size(); ++i) {
    const QUrl url(p.masters[i].url);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
      return ProfileError{
          source, 0, QStringLiteral("masters[%1].url").arg(i),
          QStringLiteral("\"%1\" is not an http(s)://host:port URL").arg(p.masters[i].url)};
  }
  return std::nullopt;
}

ProfileResult profileFromJson(const QByteArray &json, const QString &source) {
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
  if (pe.error != QJsonParseError::NoError)
    return ProfileError{source, lineOfOffset(json, pe.offset), {}, pe.errorString()};
  if (!doc.isObject()) return ProfileError{source, 1, {}, QStringLiteral("expected a JSON object")};
  const QJsonObject root = doc.object();
  Reader r{source, std::nullopt};
  if (root.value(QStringLiteral("format")).toString() != kFormatName)
    return ProfileError{source, 0, QStringLiteral("format"),
                        QStringLiteral("must be \"%1\"").arg(kFormatName)};
  const QJsonValue version = root.value(QStringLiteral("version"));
  if (!version.isDouble() || version.toInt() < 1)
    return ProfileError{source, 0, QStringLiteral("version"),
                        QStringLiteral("must be a positive integer")};
  if (version.toInt() > Profile::kFormatVersion)
    return ProfileError{source, 0, QStringLiteral("version"),
                        QStringLiteral("%1 is newer than this app understands (%2)")
                            .arg(version.toInt())
                            .arg(Profile::kFormatVersion)};
  Profile p;
  p.id = r.string(root, QStringLiteral("id"), QStringLiteral("id"), false);
  p.name = r.string(root, QStringLiteral("name"), QStringLiteral("name"), true);
  p.builtinResponder = r.boolean(root, QStringLiteral("builtinResponder"),
                                 QStringLiteral("builtinResponder"), false);
  const QJsonValue meshValue = root.value(QStringLiteral("mesh"));
  if (!meshValue.isUndefined() && !meshValue.isObject())
    r.fail(QStringLiteral("mesh"), QStringLiteral("must be an object"));
  const QJsonObject meshObj = meshValue.toObject();
  const QJsonArray hosts = r.array(meshObj, QStringLiteral("hosts"), QStringLiteral("mesh.hosts"));
  for (int i = 0; i < hosts.size() && !r.error; ++i) {
    const QString path = QStringLiteral("mesh.hosts[%1]").arg(i);
    if (!hosts[i].isObject()) {
      r.fail(path, QStringLiteral("must be an object"));
      break;
    }
    const QJsonObject o = hosts[i].toObject();
    mesh::HostSpec h;
    h.name = r.string(o, QStringLiteral("name"), path + QStringLiteral(".name"), true);
    h.vip = r.string(o, QStringLiteral("vip"), path + QStringLiteral(".vip"), true);
    h.cmd = r.strings(o, QStringLiteral("cmd"), path + QStringLiteral(".cmd"));
    const QStringList ports =
        r.strings(o, QStringLiteral("ports"), path + QStringLiteral(".ports"));
    for (int j = 0; j < ports.size(); ++j) {
      QString why;
      const auto port = mesh::parsePortSpec(ports[j], &why);
      if (!port) {
        r.fail(QStringLiteral("%1.ports[%2]").arg(path).arg(j), why);
        break;
      }
      h.ports.append(*port);
    }
    h.httpListen =
        r.string(o, QStringLiteral("httpListen"), path + QStringLiteral(".httpListen"), false);
    h.socksListen =
        r.string(o, QStringLiteral("socksListen"), path + QStringLiteral(".socksListen"), false);
    h.loopbackDisable = r.boolean(o, QStringLiteral("loopbackDisable"),
                                  path + QStringLiteral(".loopbackDisable"), false);
    h.stateDirPath =
        r.string(o, QStringLiteral("stateDir"), path + QStringLiteral(".stateDir"), false);
    h.stateDirDisable = r.boolean(o, QStringLiteral("stateDirDisable"),
                                  path + QStringLiteral(".stateDirDisable"), false);
    h.aliases = r.strings(o, QStringLiteral("aliases"), path + QStringLiteral(".aliases"));
    h.writeEtcHosts = r.boolean(o, QStringLiteral("writeEtcHosts"),
                                path + QStringLiteral(".writeEtcHosts"), false);
    h.zeroInstall =
        r.boolean(o, QStringLiteral("zeroInstall"), path + QStringLiteral(".zeroInstall"), false);
    p.mesh.hosts.append(h);
  }
  const QJsonArray routes =
      r.array(meshObj, QStringLiteral("routes"), QStringLiteral("mesh.routes"));
  for (int i = 0; i < routes.size() && !r.error; ++i) {
    const QString path = QStringLiteral("mesh.routes[%1]").arg(i);
    const QJsonObject o = routes[i].toObject();
    mesh::RouteSpec route;
    route.via = r.string(o, QStringLiteral("via"), path + QStringLiteral(".via"), true);
    // An empty `to` routes nothing; NoRouter accepts it (the manifest parser warns), so a
    // profile holding one must load again as it was saved.
    const QStringList to = r.strings(o, QStringLiteral("to"), path + QStringLiteral(".to"));
    for (const QString &t : to) {
      if (t.contains(QLatin1Char('/')) || !mesh::canonicalIpv4(t).isEmpty())
        route.toCidr.append(t);
      else
        route.toHostnameGlob.append(t);
    }
    p.mesh.routes.append(route);
  }
  const QJsonArray tunnels = r.array(root, QStringLiteral("tunnels"), QStringLiteral("tunnels"));
  for (int i = 0; i < tunnels.size() && !r.error; ++i) {
    const QString path = QStringLiteral("tunnels[%1]").arg(i);
    const QJsonObject o = tunnels[i].toObject();
    TunnelEntry t;
    t.name = r.string(o, QStringLiteral("name"), path + QStringLiteral(".name"), false);
    t.url = r.string(o, QStringLiteral("url"), path + QStringLiteral(".url"), true);
    t.autostart =
        r.boolean(o, QStringLiteral("autostart"), path + QStringLiteral(".autostart"), true);
    p.tunnels.append(t);
  }
  const QJsonArray masters = r.array(root, QStringLiteral("masters"), QStringLiteral("masters"));
  for (int i = 0; i < masters.size() && !r.error; ++i) {
    const QString path = QStringLiteral("masters[%1]").arg(i);
    const QJsonObject o = masters[i].toObject();
    MasterEntry m;
    m.name = r.string(o, QStringLiteral("name"), path + QStringLiteral(".name"), false);
    m.url = r.string(o, QStringLiteral("url"), path + QStringLiteral(".url"), true);
    m.apiPath = r.string(o, QStringLiteral("apiPath"), path + QStringLiteral(".apiPath"), false);
    if (m.apiPath.isEmpty()) m.apiPath = QStringLiteral("/api");
    m.apiKey = r.string(o, QStringLiteral("apiKey"), path + QStringLiteral(".apiKey"), false);
    p.masters.append(m);
  }
  if (r.error) return *r.error;
  if (auto e = validateProfile(p, source)) return *e;
  return p;
}

QByteArray profileToJson(const Profile &in, const ExportOptions &options,
                         const QStringList &removedNote) {
  const Profile p = stripped(in, options);
  QJsonObject root;
  root[QStringLiteral("format")] = kFormatName;
  root[QStringLiteral("version")] = Profile::kFormatVersion;
  root[QStringLiteral("id")] = p.id;
  root[QStringLiteral("name")] = p.name;
  if (p.builtinResponder) root[QStringLiteral("builtinResponder")] = true;
  QJsonObject meshObj;
  QJsonArray hosts;
  for (const auto &h : p.mesh.hosts) hosts.append(hostToJson(h));
  meshObj[QStringLiteral("hosts")] = hosts;
  QJsonArray routes;
  for (const auto &r : p.mesh.routes) {
    QJsonObject o;
    o[QStringLiteral("via")] = r.via;
    o[QStringLiteral("to")] = QJsonArray::fromStringList(r.toCidr + r.toHostnameGlob);
    routes.append(o);
  }
  if (!routes.isEmpty()) meshObj[QStringLiteral("routes")] = routes;
  root[QStringLiteral("mesh")] = meshObj;
  QJsonArray tunnels;
  for (const auto &t : p.tunnels) {
    QJsonObject o;
    o[QStringLiteral("name")] = t.name;
    o[QStringLiteral("url")] = t.url;
    o[QStringLiteral("autostart")] = t.autostart;
    tunnels.append(o);
  }
  root[QStringLiteral("tunnels")] = tunnels;
  QJsonArray masters;
  for (const auto &m : p.masters) {
    QJsonObject o;
    o[QStringLiteral("name")] = m.name;
    o[QStringLiteral("url")] = m.url;
    o[QStringLiteral("apiPath")] = m.apiPath;
    if (!m.apiKey.isEmpty()) o[QStringLiteral("apiKey")] = m.apiKey;
    masters.append(o);
  }
  if (!masters.isEmpty()) root[QStringLiteral("masters")] = masters;
  if (!removedNote.isEmpty())
    root[QStringLiteral("removed")] = QJsonArray::fromStringList(removedNote);
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool checkTunnelUrl(const QString &url, QString *why) {
  if (!checkTunnelUrlText(url, why)) return false;
  if (mproxy::isDeviceUrl(url)) return mproxy::parseDeviceUrl(url, why).has_value();
  if (url.startsWith(QLatin1String("master://"))) {
    *why = QStringLiteral(
        "a master URL is not a tunnel (expected server://, client:// or "
        "device://)");
    return false;
  }
  return nodepass::parseTunnelUrl(url, why).has_value();
}

QString strippedTunnelUrl(const QString &url, const ExportOptions &options) {
  const int scheme = url.indexOf(QLatin1String("://"));
  if (scheme < 0) return url;
  QString out = url;
  if (!options.includeSecrets) {
    const int start = scheme + 3;
    const int end = out.indexOf(QRegularExpression(QStringLiteral("[/?#]")), start);
    const int at = out.lastIndexOf(QLatin1Char('@'), end < 0 ? -1 : end);
    if (at >= start && mproxy::isDeviceUrl(url))
      out.replace(start, at - start, QLatin1String(kRemovedToken));
    else if (at >= start)
      out.remove(start, at - start + 1);
  }
  if (!options.includeLocalPaths) {
    const int q = out.indexOf(QLatin1Char('?'));
    if (q >= 0) {
      QStringList kept;
      for (const QString &pair : out.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        if (key != QLatin1String("crt") && key != QLatin1String("key") &&
            key != QLatin1String("ca"))
          kept.append(pair);
      }
      out = out.left(q);
      if (!kept.isEmpty()) out += QLatin1Char('?') + kept.join(QLatin1Char('&'));
    }
  }
  return out;
}

QString maskedTunnelUrl(const QString &url) {
  const int scheme = url.indexOf(QLatin1String("://"));
  if (scheme < 0) return url;
  const int start = scheme + 3;
  const int end = url.indexOf(QRegularExpression(QStringLiteral("[/?]")), start);
  const int at = url.lastIndexOf(QLatin1Char('@'), end < 0 ? -1 : end);
  if (at < start) return url;
  QString out = url;
  out.replace(start, at - start, QStringLiteral("****"));
  return out;
}

Profile stripped(const Profile &in, const ExportOptions &options, QList<RemovedItem> *removed) {
  Profile p = in;
  auto note = [removed](RemovedItem::Part part, const QString &what) {
    if (removed) removed->append(RemovedItem{part, what});
  };
  const QString home = QDir::homePath();
  for (auto &h : p.mesh.hosts) {
    const QString host = QStringLiteral("host \"%1\"").arg(h.name);
    if (!options.includeSecrets) {
      QStringList what;
      h.cmd = redactedCommand(h.cmd, &what);
      for (const QString &w : what)
        note(RemovedItem::Part::Mesh, QStringLiteral("%1 cmd: %2").arg(host, w));
    }
    if (!options.includeLocalPaths) {
      if (!h.stateDirPath.isEmpty())
        note(RemovedItem::Part::Mesh, QStringLiteral("%1 stateDir: its path").arg(host));
      h.stateDirPath.clear();
      bool homeReplaced = false;
      for (QString &w : h.cmd) {
        if (home.size() > 1 && w.contains(home)) {
          w.replace(home, QStringLiteral("~"));
          homeReplaced = true;
        }
      }
      if (homeReplaced)
        note(RemovedItem::Part::Mesh,
             QStringLiteral("%1 cmd: the home directory, now written ~").arg(host));
    }
  }
  for (auto &t : p.tunnels) {
    const QString tunnel = QStringLiteral("tunnel \"%1\"").arg(t.name);
    if (!options.includeSecrets && strippedTunnelUrl(t.url, {false, true}) != t.url)
      note(RemovedItem::Part::Tunnels, QStringLiteral("%1: its key").arg(tunnel));
    if (!options.includeLocalPaths && strippedTunnelUrl(t.url, {true, false}) != t.url)
      note(RemovedItem::Part::Tunnels,
           QStringLiteral("%1: its certificate and key file paths").arg(tunnel));
    t.url = strippedTunnelUrl(t.url, options);
  }
  if (!options.includeSecrets) {
    for (auto &m : p.masters) {
      if (!m.apiKey.isEmpty())
        note(RemovedItem::Part::Masters, QStringLiteral("master \"%1\": its API key").arg(m.name));
      m.apiKey.clear();
    }
  }
  return p;
}

QString makeProfileId(const QString &name, const QStringList &taken) {
  QString base;
  for (const QChar c : name.toLower()) {
    if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
        (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
      base += c;
    else if (!base.isEmpty() && !base.endsWith(QLatin1Char('-')))
      base += QLatin1Char('-');
  }
  while (base.endsWith(QLatin1Char('-'))) base.chop(1);
  if (base.isEmpty()) base = QStringLiteral("profile");
  base = base.left(48);
  QString id = base;
  for (int n = 2; taken.contains(id); ++n) id = QStringLiteral("%1-%2").arg(base).arg(n);
  return id;
}

}  // namespace routeless::profiles
