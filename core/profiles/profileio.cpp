#include "profiles/profileio.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>
#include <QUrlQuery>

#include "mproxy/deviceurl.h"
#include "nodepass/tunnelurl.h"
#include "profiles/privatefile.h"

namespace routeless::profiles {

namespace {

bool isTunnelScheme(const QString &line) {
  return line.startsWith(QLatin1String("server://")) ||
         line.startsWith(QLatin1String("client://")) || mproxy::isDeviceUrl(line);
}

QString baseName(const QString &source, const QString &fallback) {
  const QString stem = QFileInfo(source).completeBaseName();
  return stem.isEmpty() || source == QLatin1String("clipboard") ? fallback : stem;
}

std::optional<QByteArray> decodeBase64(const QString &text) {
  const QByteArray raw = QUrl::fromPercentEncoding(text.toLatin1()).toLatin1().trimmed();
  static const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9+/_-]+=*$"));
  if (raw.isEmpty() || !alphabet.match(QString::fromLatin1(raw)).hasMatch()) return std::nullopt;
  for (auto opts : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
    auto r = QByteArray::fromBase64Encoding(raw, opts | QByteArray::AbortOnBase64DecodingErrors);
    if (r && !r.decoded.isEmpty()) return r.decoded;
  }
  return std::nullopt;
}

// The comment lines that open an export which left something out.
QStringList removedNote(const QStringList &removed, const ExportOptions &options) {
  if (removed.isEmpty()) return {};
  const QString without = !options.includeSecrets && !options.includeLocalPaths
                              ? QStringLiteral("secrets or local paths")
                          : !options.includeSecrets ? QStringLiteral("secrets")
                                                    : QStringLiteral("local paths");
  QStringList lines = {
      QStringLiteral("Exported by Routeless without %1; removed (REDACTED marks where):")
          .arg(without)};
  for (const QString &r : removed) lines.append(QStringLiteral("  - ") + r);
  return lines;
}

ImportResult importLinks(const QByteArray &data, const QString &source, const QString &fallback) {
  Profile p;
  p.name = baseName(source, fallback);
  const QList<QByteArray> lines = data.split('\n');
  for (int i = 0; i < lines.size(); ++i) {
    // Bytes that are not UTF-8 would come back as U+FFFD: the line would not be the one the
    // user had, so it is refused rather than changed.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString line = QString(utf8(lines[i])).trimmed();
    if (utf8.hasError())
      return ProfileError{source, i + 1, {}, QStringLiteral("not valid UTF-8 text")};
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    if (line.startsWith(QLatin1String("np://"))) {
      QString why;
      auto master = parseMasterLink(line, &why);
      if (!master) return ProfileError{source, i + 1, QStringLiteral("np://"), why};
      p.masters.append(*master);
      continue;
    }
    if (!isTunnelScheme(line))
      return ProfileError{source,
                          i + 1,
                          {},
                          QStringLiteral("expected server://, client://, device:// or "
                                         "np://master, got \"%1\"")
                              .arg(line.left(40))};
    QString why;
    if (!checkTunnelUrl(line, &why)) return ProfileError{source, i + 1, QStringLiteral("url"), why};
    TunnelEntry t;
    if (mproxy::isDeviceUrl(line)) {
      const auto device = mproxy::parseDeviceUrl(line, &why);
      if (!device) return ProfileError{source, i + 1, QStringLiteral("url"), why};
      t.name = QStringLiteral("device %1").arg(device->name);
    } else {
      const auto url = nodepass::parseTunnelUrl(line, &why);
      if (!url) return ProfileError{source, i + 1, QStringLiteral("url"), why};
      t.name = QStringLiteral("%1 %2").arg(
          url->role == nodepass::Role::Server ? QStringLiteral("server") : QStringLiteral("client"),
          url->tunnel.toString());
    }
    t.url = line;
    p.tunnels.append(t);
  }
  if (p.tunnels.isEmpty() && p.masters.isEmpty())
    return ProfileError{source, 0, {}, QStringLiteral("no NodePass URL or np:// link found")};
  p.id = makeProfileId(p.name, {});
  // What is saved must load again: the same rules as a profile file's.
  if (auto e = validateProfile(p, source)) return *e;
  ImportOutcome out;
  out.format = ImportFormat::NodePassLinks;
  out.profiles.append(p);
  return out;
}

ImportResult importYaml(const QByteArray &data, const QString &source, const QString &fallback) {
  const auto parsed = mesh::parseManifest(data, source);
  if (const auto *e = std::get_if<mesh::ManifestError>(&parsed))
    return ProfileError{source, e->line, e->field, e->message, e->column};
  Profile p;
  p.name = baseName(source, fallback);
  p.id = makeProfileId(p.name, {});
  p.mesh = std::get<mesh::Manifest>(parsed);
  ImportOutcome out;
  out.format = ImportFormat::NoRouterYaml;
  out.warnings = p.mesh.warnings;
  p.mesh.warnings.clear();
  if (auto e = validateProfile(p, source)) return *e;
  out.profiles.append(p);
  return out;
}

// "server" or "client" of a NodePassDash tunnel record: older backups call it `mode`; newer ones
// call it `type` and use `mode` for the run mode (0-2, a number).
QString dashTunnelRole(const QJsonObject &t) {
  const QJsonValue mode = t.value(QStringLiteral("mode"));
  return mode.isString() ? mode.toString() : t.value(QStringLiteral("type")).toString();
}

// Builds a URL from a NodePassDash tunnel record that has no usable command line. The record has
// no field for the pool transport (only its command line carries `type=`), but it has the run
// mode and PROXY protocol, which the URL keeps.
QString dashTunnelUrl(const QJsonObject &t) {
  const QString mode = dashTunnelRole(t);
  QString url = QStringLiteral("%1://%2:%3/%4:%5")
                    .arg(mode, t.value(QStringLiteral("tunnelAddress")).toString(),
                         t.value(QStringLiteral("tunnelPort")).toString(),
                         t.value(QStringLiteral("targetAddress")).toString(),
                         t.value(QStringLiteral("targetPort")).toString());
  QStringList query;
  const QString log = t.value(QStringLiteral("logLevel")).toString();
  if (!log.isEmpty() && log != QLatin1String("inherit")) query.append(QStringLiteral("log=") + log);
  const QString tls = t.value(QStringLiteral("tlsMode")).toString();
  if (mode == QLatin1String("server") &&
      (tls == QLatin1String("0") || tls == QLatin1String("1") || tls == QLatin1String("2")))
    query.append(QStringLiteral("tls=") + tls);
  const QJsonValue runMode = t.value(QStringLiteral("mode"));
  if (runMode.isDouble() && runMode.toInt() >= 1 && runMode.toInt() <= 2)
    query.append(QStringLiteral("mode=%1").arg(runMode.toInt()));
  if (t.value(QStringLiteral("proxyProtocol")).toBool()) query.append(QStringLiteral("proxy=1"));
  if (!query.isEmpty()) url += QLatin1Char('?') + query.join(QLatin1Char('&'));
  return url;
}

ImportResult importDashBackup(const QJsonObject &root, const QString &source) {
  const QString version = root.value(QStringLiteral("version")).toString();
  if (version != QLatin1String("1.0"))
    return ProfileError{source, 0, QStringLiteral("version"),
                        QStringLiteral("NodePassDash backup version \"%1\" is not supported "
                                       "(expected \"1.0\", which includes tunnels)")
                            .arg(version)};
  const QJsonValue endpoints =
      root.value(QStringLiteral("data")).toObject().value(QStringLiteral("endpoints"));
  if (!endpoints.isArray())
    return ProfileError{source, 0, QStringLiteral("data.endpoints"),
                        QStringLiteral("must be a list")};
  ImportOutcome out;
  out.format = ImportFormat::NodePassDashBackup;
  QStringList taken;
  const QJsonArray eps = endpoints.toArray();
  for (int i = 0; i < eps.size(); ++i) {
    const QString path = QStringLiteral("data.endpoints[%1]").arg(i);
    if (!eps[i].isObject())
      return ProfileError{source, 0, path, QStringLiteral("must be an object")};
    const QJsonObject ep = eps[i].toObject();
    MasterEntry m;
    m.name = ep.value(QStringLiteral("name")).toString();
    m.url = ep.value(QStringLiteral("url")).toString();
    m.apiPath = ep.value(QStringLiteral("apiPath")).toString(QStringLiteral("/api"));
    m.apiKey = ep.value(QStringLiteral("apiKey")).toString();
    if (m.url.isEmpty())
      return ProfileError{source, 0, path + QStringLiteral(".url"), QStringLiteral("is missing")};
    Profile p;
    p.name = m.name.isEmpty() ? QStringLiteral("NodePassDash %1").arg(i + 1) : m.name;
    p.id = makeProfileId(p.name, taken);
    taken.append(p.id);
    p.masters.append(m);
    const QJsonValue tunnels = ep.value(QStringLiteral("tunnels"));
    if (!tunnels.isUndefined() && !tunnels.isArray())
      return ProfileError{source, 0, path + QStringLiteral(".tunnels"),
                          QStringLiteral("must be a list")};
    const QJsonArray ts = tunnels.toArray();
    for (int j = 0; j < ts.size(); ++j) {
      const QString tpath = QStringLiteral("%1.tunnels[%2]").arg(path).arg(j);
      const QJsonObject t = ts[j].toObject();
      const QString mode = dashTunnelRole(t);
      if (mode != QLatin1String("server") && mode != QLatin1String("client"))
        return ProfileError{source, 0, tpath + QStringLiteral(".mode"),
                            QStringLiteral("\"%1\" is neither server nor client").arg(mode)};
      QString url = t.value(QStringLiteral("commandLine")).toString().trimmed();
      QString why;
      if (url.isEmpty() || !nodepass::parseTunnelUrl(url, &why)) url = dashTunnelUrl(t);
      if (!nodepass::parseTunnelUrl(url, &why)) return ProfileError{source, 0, tpath, why};
      TunnelEntry entry;
      entry.name = t.value(QStringLiteral("name")).toString();
      entry.url = url;
      entry.autostart = false;  // these ran on a remote master; start them here on purpose only
      p.tunnels.append(entry);
    }
    if (auto e = validateProfile(p, source)) {
      e->field = path + QLatin1Char('.') + e->field;
      return *e;
    }
    out.profiles.append(p);
  }
  if (out.profiles.isEmpty())
    return ProfileError{source, 0, QStringLiteral("data.endpoints"), QStringLiteral("is empty")};
  return out;
}

}  // namespace

ImportFormat detectFormat(const QByteArray &data) {
  const QByteArray t = data.trimmed();
  if (t.startsWith('{')) {
    if (t.contains("\"routeless-profile\"")) return ImportFormat::RoutelessJson;
    if (t.contains("\"endpoints\"")) return ImportFormat::NodePassDashBackup;
    return ImportFormat::RoutelessJson;
  }
  for (const QByteArray &raw : t.split('\n')) {
    const QByteArray line = raw.trimmed();
    if (line.isEmpty() || line.startsWith('#')) continue;
    if (line.startsWith("server://") || line.startsWith("client://") || line.startsWith("np://") ||
        line.startsWith("master://"))
      return ImportFormat::NodePassLinks;
    break;
  }
  return ImportFormat::NoRouterYaml;
}

ImportResult importProfiles(const QByteArray &data, const QString &source,
                            const QString &fallbackName, ImportFormat format) {
  if (data.size() > kMaxImportSize)
    return ProfileError{source, 0, {}, QStringLiteral("larger than %1 bytes").arg(kMaxImportSize)};
  if (data.trimmed().isEmpty()) return ProfileError{source, 0, {}, QStringLiteral("is empty")};
  if (format == ImportFormat::Auto) format = detectFormat(data);
  switch (format) {
    case ImportFormat::NodePassLinks:
      return importLinks(data, source, fallbackName);
    case ImportFormat::NoRouterYaml:
      return importYaml(data, source, fallbackName);
    case ImportFormat::NodePassDashBackup:
    case ImportFormat::RoutelessJson:
    case ImportFormat::Auto: {
      QJsonParseError pe;
      const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
      if (pe.error != QJsonParseError::NoError) {
        const int line = int(data.left(pe.offset).count('\n')) + 1;
        return ProfileError{source, line, {}, pe.errorString()};
      }
      if (!doc.isObject())
        return ProfileError{source, 1, {}, QStringLiteral("expected a JSON object")};
      if (format == ImportFormat::NodePassDashBackup ||
          (format == ImportFormat::Auto && !doc.object().contains(QStringLiteral("format"))))
        return importDashBackup(doc.object(), source);
      auto r = profileFromJson(data, source);
      if (auto *e = std::get_if<ProfileError>(&r)) return *e;
      ImportOutcome out;
      out.format = ImportFormat::RoutelessJson;
      out.profiles.append(std::get<Profile>(r));
      if (out.profiles[0].id.isEmpty())
        out.profiles[0].id = makeProfileId(out.profiles[0].name, {});
      return out;
    }
  }
  return ProfileError{source, 0, {}, QStringLiteral("unknown format")};
}

QString masterLink(const MasterEntry &m) {
  QString url = m.url;
  if (!m.apiPath.isEmpty() && m.apiPath != QLatin1String("/api")) url += m.apiPath;
  return QStringLiteral("np://master?url=%1&key=%2")
      .arg(QString::fromLatin1(url.toUtf8().toBase64()),
           QString::fromLatin1(m.apiKey.toUtf8().toBase64()));
}

std::optional<MasterEntry> parseMasterLink(const QString &link, QString *error) {
  const QString prefix = QStringLiteral("np://master?");
  if (!link.startsWith(prefix)) {
    *error = QStringLiteral("expected np://master?url=<base64>&key=<base64>");
    return std::nullopt;
  }
  QString urlB64, keyB64;
  for (const QString &pair : link.mid(prefix.size()).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
    const int eq = pair.indexOf(QLatin1Char('='));
    const QString k = pair.left(eq);
    const QString v = eq < 0 ? QString() : pair.mid(eq + 1);
    if (k == QLatin1String("url"))
      urlB64 = v;
    else if (k == QLatin1String("key"))
      keyB64 = v;
  }
  if (urlB64.isEmpty()) {
    *error = QStringLiteral("url= is missing");
    return std::nullopt;
  }
  const auto urlRaw = decodeBase64(urlB64);
  if (!urlRaw) {
    *error = QStringLiteral("url= is not valid base64");
    return std::nullopt;
  }
  std::optional<QByteArray> keyRaw = QByteArray();
  if (!keyB64.isEmpty()) keyRaw = decodeBase64(keyB64);
  if (!keyRaw) {
    *error = QStringLiteral("key= is not valid base64");
    return std::nullopt;
  }
  const QUrl url(QString::fromUtf8(*urlRaw));
  if (!url.isValid() || url.host().isEmpty() ||
      (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
    *error = QStringLiteral("url= decodes to \"%1\", not an http(s)://host:port URL")
                 .arg(QString::fromUtf8(*urlRaw).left(60));
    return std::nullopt;
  }
  MasterEntry m;
  m.name = url.host();
  m.url = url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
  m.apiPath = url.path().isEmpty() || url.path() == QLatin1String("/") ? QStringLiteral("/api")
                                                                       : url.path();
  m.apiKey = QString::fromUtf8(*keyRaw);
  return m;
}

QByteArray exportProfile(const Profile &profile, ExportFormat format, const ExportOptions &options,
                         QStringList *removedOut) {
  QList<RemovedItem> items;
  const Profile p = stripped(profile, options, &items);
  QStringList removed;
  auto keep = [&](RemovedItem::Part part) {
    for (const RemovedItem &item : items)
      if (item.part == part) removed.append(item.what);
  };
  QByteArray out;
  switch (format) {
    case ExportFormat::RoutelessJson:
      for (auto part :
           {RemovedItem::Part::Mesh, RemovedItem::Part::Tunnels, RemovedItem::Part::Masters})
        keep(part);
      out = profileToJson(p, {true, true}, removed);  // already stripped as asked
      break;
    case ExportFormat::NoRouterYaml:
      keep(RemovedItem::Part::Mesh);
      out = mesh::toYaml(p.mesh, removedNote(removed, options));
      break;
    case ExportFormat::NodePassUrls: {
      keep(RemovedItem::Part::Tunnels);
      // An np:// link is its API key: without secrets, no master goes out at all.
      if (!options.includeSecrets)
        for (const auto &m : p.masters)
          removed.append(
              QStringLiteral("master \"%1\": its link (it would carry the API key)").arg(m.name));
      for (const QString &line : removedNote(removed, options)) out += "# " + line.toUtf8() + '\n';
      // NodePass reads these lines: device links (ours only) stay in the JSON export.
      for (const auto &t : p.tunnels) {
        if (!mproxy::isDeviceUrl(t.url)) out += t.url.toUtf8() + '\n';
      }
      for (const auto &m : p.masters) {
        if (options.includeSecrets) out += masterLink(m).toUtf8() + '\n';
      }
      break;
    }
  }
  if (removedOut) *removedOut = removed;
  return out;
}

bool exportProfileToFile(const Profile &profile, ExportFormat format, const ExportOptions &options,
                         const QString &path, QString *error, QStringList *removed) {
  return PrivateFileWriter::write(path, exportProfile(profile, format, options, removed), error);
}

}  // namespace routeless::profiles
