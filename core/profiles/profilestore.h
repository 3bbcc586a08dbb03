#pragma once
// ProfileStore: one JSON file per profile in a directory only the user can read. Saves are
// atomic with mode 0600 from the file's creation (PrivateFileWriter) and keep the previous
// version as "<id>.json.bak"; it must never leave a half-written profile or widen a file's
// permissions.

#include <QList>
#include <QString>
#include <QStringList>

#include "profiles/profile.h"

namespace routeless::profiles {

class ProfileStore {
 public:
  explicit ProfileStore(QString directory);

  const QString &directory() const { return m_dir; }
  QString pathFor(const QString &id) const;

  // Every readable profile, sorted by name; unreadable files are reported in *problems and
  // left untouched on disk.
  QList<Profile> loadAll(QStringList *problems = nullptr) const;
  std::optional<Profile> load(const QString &id, QString *error = nullptr) const;
  // Writes `profile` (its id must be set); false with *error when nothing was changed.
  bool save(const Profile &profile, QString *error = nullptr) const;
  // Removes the profile file and its .bak (which holds the same keys).
  bool remove(const QString &id, QString *error = nullptr) const;
  QStringList ids() const;
  // The kept version of a profile: the one before its last save (a deleted profile keeps
  // none: remove() deletes its .bak too).
  bool hasBackup(const QString &id) const;
  std::optional<Profile> loadBackup(const QString &id, QString *error = nullptr) const;
  // Saves the kept version as the profile; the version it replaces becomes the backup, so a
  // second call swaps them back.
  bool restoreBackup(const QString &id, QString *error = nullptr) const;

 private:
  bool ensureDirectory(QString *error) const;
  std::optional<Profile> loadFile(const QString &path, const QString &id, QString *error) const;
  QString m_dir;
};

}  // namespace routeless::profiles
