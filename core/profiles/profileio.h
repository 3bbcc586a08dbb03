#pragma once
// Profile import and export: recognises our JSON, NoRouter YAML manifests, NodePass URL lines,
// np://master links and NodePassDash v1 backups, and writes our JSON, NoRouter YAML and URL
// lines. It must never return part of an input: one bad line or field fails the whole import.

#include <QByteArray>
#include <QList>
#include <QString>

#include "profiles/profile.h"

namespace routeless::profiles {

enum class ImportFormat { Auto, RoutelessJson, NoRouterYaml, NodePassLinks, NodePassDashBackup };
enum class ExportFormat { RoutelessJson, NoRouterYaml, NodePassUrls };

// Inputs larger than this are refused before parsing.
inline constexpr qsizetype kMaxImportSize = 4 * 1024 * 1024;

struct ImportOutcome {
  QList<Profile> profiles;  // ids are suggestions; the caller makes them unique
  ImportFormat format = ImportFormat::Auto;
  QStringList warnings;
};

using ImportResult = std::variant<ImportOutcome, ProfileError>;

// `source` names the input in errors (a file name, "clipboard"); `fallbackName` names profiles
// whose format carries no name (URL lines, YAML).
ImportResult importProfiles(const QByteArray &data, const QString &source,
                            const QString &fallbackName, ImportFormat format = ImportFormat::Auto);

ImportFormat detectFormat(const QByteArray &data);

// One profile in the given format. YAML carries the mesh only, URL lines the tunnels (and
// masters as np:// links) only.
QByteArray exportProfile(const Profile &profile, ExportFormat format, const ExportOptions &options);

// np://master?url=<base64>&key=<base64>
QString masterLink(const MasterEntry &master);
std::optional<MasterEntry> parseMasterLink(const QString &link, QString *error);

}  // namespace routeless::profiles
