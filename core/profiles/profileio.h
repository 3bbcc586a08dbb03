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
// masters as np:// links) only. What `options` made it leave out (only what this format
// would have carried) is listed at the top of the text (`# ` comments in YAML and URL lines,
// a "removed" list in JSON) and in *removed when given.
QByteArray exportProfile(const Profile &profile, ExportFormat format, const ExportOptions &options,
                         QStringList *removed = nullptr);

// exportProfile() written to `path` with mode 0600 before any byte and atomically
// (PrivateFileWriter); false with *error when nothing was written.
bool exportProfileToFile(const Profile &profile, ExportFormat format, const ExportOptions &options,
                         const QString &path, QString *error, QStringList *removed = nullptr);

// np://master?url=<base64>&key=<base64>
QString masterLink(const MasterEntry &master);
std::optional<MasterEntry> parseMasterLink(const QString &link, QString *error);

}  // namespace routeless::profiles
