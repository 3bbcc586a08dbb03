#pragma once
// ProfilesController: the saved profiles and which one the screens show. It owns the profile
// store and its list model, creates, duplicates, renames, deletes (with undo) and restores
// profiles, and exports them. Every change goes through save(), which says so with
// profileSaved(); it never starts or stops an engine itself.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QUrl>
#include <optional>

#include "profilemodel.h"
#include "profiles/profile.h"
#include "profiles/profilestore.h"

namespace routeless::desktop {

class AppSettings;
class ProfileImport;

class ProfilesController final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_MOC_INCLUDE("profileimport.h")
  Q_PROPERTY(routeless::desktop::ProfileModel *model READ model CONSTANT)
  Q_PROPERTY(routeless::desktop::ProfileImport *importer READ importer CONSTANT)
  Q_PROPERTY(QString currentId READ currentId WRITE setCurrentId NOTIFY currentChanged)
  Q_PROPERTY(QString currentName READ currentName NOTIFY currentChanged)
  Q_PROPERTY(QString defaultId READ defaultId NOTIFY marksChanged)
  Q_PROPERTY(QString directory READ directory CONSTANT)
  // What undo() would bring back ("" when nothing): the last deleted profile's name.
  Q_PROPERTY(QString undoName READ undoName NOTIFY undoChanged)

 public:
  enum Format { RoutelessJson = 0, NoRouterYaml, NodePassUrls };
  Q_ENUM(Format)

  ProfilesController(const QString &directory, AppSettings *settings, QObject *parent = nullptr);
  ~ProfilesController() override;

  ProfileModel *model() const { return m_model; }
  ProfileImport *importer() const { return m_import; }
  const profiles::ProfileStore &store() const { return m_store; }
  QString directory() const { return m_store.directory(); }

  QString currentId() const { return m_currentId; }
  void setCurrentId(const QString &id);
  QString currentName() const;
  QString defaultId() const;
  QString undoName() const { return m_removed ? m_removed->name : QString(); }

  const profiles::Profile *profile(const QString &id) const { return m_model->find(id); }
  // Validates and writes `p`; "" on success, else a message for the user.
  QString save(const profiles::Profile &p);
  // Reads the store again (at start, after an import).
  void reload();
  // The connected profile, for the list's marks.
  void setActiveId(const QString &id);
  // A name no saved profile has: `name`, else "name (2)", ...
  QString uniqueName(const QString &name) const;
  // First run: the demo profile.
  QString ensureDemo();

  // Each returns "" on success, else a message for the user.
  Q_INVOKABLE QString create(const QString &name);
  Q_INVOKABLE QString duplicate(const QString &id);
  Q_INVOKABLE QString rename(const QString &id, const QString &name);
  // Deletes (disconnecting it first when it runs); undo() brings it back.
  Q_INVOKABLE QString remove(const QString &id);
  Q_INVOKABLE QString undo();
  Q_INVOKABLE bool hasPreviousVersion(const QString &id) const;
  Q_INVOKABLE QString restorePreviousVersion(const QString &id);
  Q_INVOKABLE void setDefault(const QString &id);
  Q_INVOKABLE QString name(const QString &id) const;
  Q_INVOKABLE QString exportText(const QString &id, int format, bool includeSecrets,
                                 bool includeLocalPaths) const;
  Q_INVOKABLE QString exportToFile(const QString &id, const QUrl &file, int format,
                                   bool includeSecrets, bool includeLocalPaths);

 Q_SIGNALS:
  void currentChanged();
  void listChanged();
  void marksChanged();
  void undoChanged();
  // `id` was written (created, edited, restored, imported).
  void profileSaved(const QString &id);
  // `id` is about to be deleted: whoever runs it stops now.
  void removing(const QString &id);

 private:
  void updateMarks();

  profiles::ProfileStore m_store;
  AppSettings *m_settings;
  ProfileModel *m_model;
  ProfileImport *m_import;
  QString m_currentId;
  QString m_activeId;
  std::optional<profiles::Profile> m_removed;
};

}  // namespace routeless::desktop
