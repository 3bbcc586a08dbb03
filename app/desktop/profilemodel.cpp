#include "profilemodel.h"

namespace routeless::desktop {

ProfileModel::ProfileModel(QObject *parent) : QAbstractListModel(parent) {}

int ProfileModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ProfileModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const profiles::Profile &p = m_rows[index.row()];
  switch (role) {
    case IdRole:
      return p.id;
    case Qt::DisplayRole:
    case NameRole:
      return p.name;
    case HostCountRole:
      return int(p.mesh.hosts.size());
    case TunnelCountRole:
      return int(p.tunnels.size());
    case MasterCountRole:
      return int(p.masters.size());
    case IsDefaultRole:
      return p.id == m_default;
    case IsActiveRole:
      return p.id == m_active;
    case IsCurrentRole:
      return p.id == m_current;
    case SummaryRole: {
      QStringList parts;
      parts << tr("%n host(s)", nullptr, int(p.mesh.hosts.size()));
      parts << tr("%n tunnel(s)", nullptr, int(p.tunnels.size()));
      if (!p.masters.isEmpty()) parts << tr("%n master(s)", nullptr, int(p.masters.size()));
      return parts.join(QStringLiteral(" · "));
    }
  }
  return {};
}

QHash<int, QByteArray> ProfileModel::roleNames() const {
  return {{IdRole, "profileId"},
          {NameRole, "name"},
          {HostCountRole, "hostCount"},
          {TunnelCountRole, "tunnelCount"},
          {MasterCountRole, "masterCount"},
          {IsDefaultRole, "isDefault"},
          {IsActiveRole, "isActive"},
          {IsCurrentRole, "isCurrent"},
          {SummaryRole, "summary"}};
}

void ProfileModel::setProfiles(const QList<profiles::Profile> &profiles) {
  beginResetModel();
  m_rows = profiles;
  endResetModel();
  Q_EMIT countChanged();
}

void ProfileModel::setMarks(const QString &defaultId, const QString &activeId,
                            const QString &currentId) {
  const QString oldDefault = m_default, oldActive = m_active, oldCurrent = m_current;
  m_default = defaultId;
  m_active = activeId;
  m_current = currentId;
  for (int i = 0; i < m_rows.size(); ++i) {
    const QString &id = m_rows[i].id;
    QList<int> roles;
    if ((id == oldDefault) != (id == m_default)) roles << IsDefaultRole;
    if ((id == oldActive) != (id == m_active)) roles << IsActiveRole;
    if ((id == oldCurrent) != (id == m_current)) roles << IsCurrentRole;
    if (!roles.isEmpty()) Q_EMIT dataChanged(index(i), index(i), roles);
  }
}

const profiles::Profile *ProfileModel::find(const QString &id) const {
  for (const auto &p : m_rows) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

int ProfileModel::indexOf(const QString &id) const {
  for (int i = 0; i < m_rows.size(); ++i) {
    if (m_rows[i].id == id) return i;
  }
  return -1;
}

void ProfileModel::retranslate() {
  if (rowCount() > 0) Q_EMIT dataChanged(index(0), index(rowCount() - 1), {SummaryRole});
}

}  // namespace routeless::desktop
