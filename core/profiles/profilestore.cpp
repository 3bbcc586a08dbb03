#include "profiles/profilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "profiles/privatefile.h"

namespace routeless::profiles {

namespace {
constexpr qint64 kMaxProfileSize = 4 * 1024 * 1024;
}  // namespace

ProfileStore::ProfileStore(QString directory) : m_dir(std::move(directory)) {}

QString ProfileStore::pathFor(const QString &id) const {
  return QDir(m_dir).filePath(id + QStringLiteral(".json"));
}

bool ProfileStore::ensureDirectory(QString *error) const {
  constexpr QFileDevice::Permissions kOwnerDir =
      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
  // The parents as the system makes them; the store itself 0700 from its creation.
  const QString dir = QDir::cleanPath(QDir(m_dir).absolutePath());
  if (!QFileInfo::exists(dir) &&
      !(QDir().mkpath(QFileInfo(dir).absolutePath()) && QDir().mkdir(dir, kOwnerDir))) {
    if (error) *error = QStringLiteral("cannot create %1").arg(m_dir);
    return false;
  }
  QFile::setPermissions(m_dir, kOwnerDir);
  return true;
}

QStringList ProfileStore::ids() const {
  QStringList out;
  const auto files = QDir(m_dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files);
  for (const QFileInfo &fi : files) out.append(fi.completeBaseName());
  return out;
}

std::optional<Profile> ProfileStore::load(const QString &id, QString *error) const {
  return loadFile(pathFor(id), id, error);
}

std::optional<Profile> ProfileStore::loadFile(const QString &path, const QString &id,
                                              QString *error) const {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("%1: %2").arg(f.fileName(), f.errorString());
    return std::nullopt;
  }
  if (f.size() > kMaxProfileSize) {
    if (error)
      *error = QStringLiteral("%1: larger than %2 bytes").arg(f.fileName()).arg(kMaxProfileSize);
    return std::nullopt;
  }
  const auto result = profileFromJson(f.readAll(), f.fileName());
  if (const auto *e = std::get_if<ProfileError>(&result)) {
    if (error) *error = e->toString();
    return std::nullopt;
  }
  Profile p = std::get<Profile>(result);
  p.id = id;  // the file name is authoritative
  return p;
}

bool ProfileStore::hasBackup(const QString &id) const {
  return QFile::exists(pathFor(id) + QStringLiteral(".bak"));
}

std::optional<Profile> ProfileStore::loadBackup(const QString &id, QString *error) const {
  return loadFile(pathFor(id) + QStringLiteral(".bak"), id, error);
}

bool ProfileStore::restoreBackup(const QString &id, QString *error) const {
  const auto kept = loadBackup(id, error);
  if (!kept) return false;
  if (QFile::exists(pathFor(id))) return save(*kept, error);  // the current one becomes .bak
  // A deleted profile: it comes back and keeps no backup of itself.
  if (!save(*kept, error)) return false;
  QFile::remove(pathFor(id) + QStringLiteral(".bak"));
  return true;
}

QList<Profile> ProfileStore::loadAll(QStringList *problems) const {
  QList<Profile> out;
  for (const QString &id : ids()) {
    QString error;
    if (auto p = load(id, &error))
      out.append(*p);
    else if (problems)
      problems->append(error);
  }
  std::sort(out.begin(), out.end(), [](const Profile &a, const Profile &b) {
    return QString::localeAwareCompare(a.name, b.name) < 0;
  });
  return out;
}

bool ProfileStore::save(const Profile &profile, QString *error) const {
  if (profile.id.isEmpty() || profile.id.contains(QLatin1Char('/')) ||
      profile.id.startsWith(QLatin1Char('.'))) {
    if (error) *error = QStringLiteral("profile \"%1\" has no valid id").arg(profile.name);
    return false;
  }
  if (auto e = validateProfile(profile, profile.id)) {
    if (error) *error = e->toString();
    return false;
  }
  if (!ensureDirectory(error)) return false;
  const QString path = pathFor(profile.id);
  const QString backup = path + QStringLiteral(".bak");
  const QByteArray data = profileToJson(profile, {true, true});

  // Keep the previous version before replacing it: written whole to the backup's name
  // (atomically, owner-only), so a crash leaves either the old or the new backup, never none.
  if (QFile::exists(path)) {
    QFile current(path);
    if (!current.open(QIODevice::ReadOnly) || current.size() > kMaxProfileSize) {
      if (error) *error = QStringLiteral("cannot back up %1").arg(path);
      return false;
    }
    if (!PrivateFileWriter::write(backup, current.readAll(), error)) return false;
  }
  return PrivateFileWriter::write(path, data, error);
}

bool ProfileStore::remove(const QString &id, QString *error) const {
  const QString path = pathFor(id);
  const QString backup = path + QStringLiteral(".bak");
  // The backup goes too: a deleted profile leaves none of its keys behind.
  for (const QString &file : {path, backup}) {
    if (QFile::exists(file) && !QFile::remove(file)) {
      if (error) *error = QStringLiteral("cannot remove %1").arg(file);
      return false;
    }
  }
  return true;
}

}  // namespace routeless::profiles
