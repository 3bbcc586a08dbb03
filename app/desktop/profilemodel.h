#pragma once
// ProfileModel: the saved profiles for the Profiles screen and the tray (name, counts, default,
// active). It only mirrors the store's list; it must never write files itself.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "profiles/profile.h"

namespace routeless::desktop {

class ProfileModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    IdRole = Qt::UserRole + 1,
    NameRole,
    HostCountRole,
    TunnelCountRole,
    MasterCountRole,
    IsDefaultRole,
    IsActiveRole,
    IsCurrentRole,
    SummaryRole,
  };
  Q_ENUM(Role)

  explicit ProfileModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  // The language changed: the text roles say so.
  void retranslate();

  void setProfiles(const QList<profiles::Profile> &profiles);
  void setMarks(const QString &defaultId, const QString &activeId, const QString &currentId);
  const QList<profiles::Profile> &profiles() const { return m_rows; }
  const profiles::Profile *find(const QString &id) const;
  Q_INVOKABLE int indexOf(const QString &id) const;

 Q_SIGNALS:
  void countChanged();

 private:
  QList<profiles::Profile> m_rows;
  QString m_default;
  QString m_active;
  QString m_current;
};

}  // namespace routeless::desktop
