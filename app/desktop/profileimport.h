#pragma once
// ProfileImport: an import in two steps. preview*() reads a file, the clipboard or dropped
// text and says what it would do: the profiles it would create, or what it would change in
// the shown profile when merged into it, and whether two local agents would then listen on
// the same addresses. commit() then writes either, all or nothing. Nothing is written before
// commit(); a bad input is one error and changes nothing.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QStringList>
#include <QUrl>

#include "listenconflicts.h"
#include "profiles/profile.h"

namespace routeless::desktop {

class ProfilesController;

// `current` with everything in `imported` merged into it: hosts, tunnels and masters by name
// (added, or replaced when they differ), routes added when new. `changes` lists what it did in
// words, one line each.
profiles::Profile mergeProfiles(profiles::Profile current, const QList<profiles::Profile> &imported,
                                QStringList *changes);

class ProfileImport final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App.profiles")
  Q_PROPERTY(bool pending READ pending NOTIFY changed)
  Q_PROPERTY(QString source READ source NOTIFY changed)
  Q_PROPERTY(QStringList names READ names NOTIFY changed)
  Q_PROPERTY(bool canMerge READ canMerge NOTIFY changed)
  Q_PROPERTY(QString mergeTarget READ mergeTarget NOTIFY changed)
  Q_PROPERTY(QStringList mergeChanges READ mergeChanges NOTIFY changed)
  Q_PROPERTY(QString mergeError READ mergeError NOTIFY changed)
  // Two local agents would listen on the same addresses: as new profiles / merged.
  Q_PROPERTY(QString conflict READ conflict NOTIFY changed)
  Q_PROPERTY(QString mergeConflict READ mergeConflict NOTIFY changed)
  Q_PROPERTY(QStringList warnings READ warnings NOTIFY changed)

 public:
  explicit ProfileImport(ProfilesController *profiles);

  bool pending() const { return !m_profiles.isEmpty(); }
  QString source() const { return m_source; }
  QStringList names() const;
  bool canMerge() const;
  QString mergeTarget() const;
  QStringList mergeChanges() const { return m_mergeChanges; }
  QString mergeError() const { return m_mergeError; }
  QString conflict() const;
  QString mergeConflict() const;
  QStringList warnings() const { return m_warnings; }

  // Each returns "" when there is something to commit, else why not.
  // A profile, manifest, URL list or backup; or a picture with a QR code (a shared tunnel).
  Q_INVOKABLE QString previewFile(const QUrl &file);
  Q_INVOKABLE QString previewText(const QString &text, const QString &source);
  Q_INVOKABLE QString previewClipboard();
  // Writes the pending import as new profiles or into the shown one. With `oneListener`, a
  // listen conflict is cured: the first of the conflicting hosts keeps listening, the others
  // get loopback.disable. "" on success.
  Q_INVOKABLE QString commit(bool intoCurrent, bool oneListener);
  Q_INVOKABLE void cancel();

 Q_SIGNALS:
  void changed();

 private:
  void computeMerge();

  ProfilesController *m_owner;
  QString m_source;
  QList<profiles::Profile> m_profiles;  // parsed, not written
  QStringList m_warnings;
  profiles::Profile m_merged;
  QStringList m_mergeChanges;
  QString m_mergeError;
};

}  // namespace routeless::desktop
