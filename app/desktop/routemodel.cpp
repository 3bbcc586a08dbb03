#include "routemodel.h"

namespace routeless::desktop {

RouteModel::RouteModel(QObject *parent) : QAbstractListModel(parent) {}

int RouteModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RouteModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const mesh::RouteEntry &r = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case DestinationRole:
      return r.destination;
    case ViaRole:
      return r.via;
    case KindRole:
      return r.kind;
  }
  return {};
}

QHash<int, QByteArray> RouteModel::roleNames() const {
  return {{DestinationRole, "destination"}, {ViaRole, "via"}, {KindRole, "kind"}};
}

void RouteModel::applyTable(const QList<mesh::RouteEntry> &table) {
  if (table.size() != m_rows.size()) {
    beginResetModel();
    m_rows = table;
    endResetModel();
    Q_EMIT countChanged();
    return;
  }
  for (int i = 0; i < table.size(); ++i) {
    const auto &a = table[i];
    const auto &b = m_rows[i];
    if (a.destination == b.destination && a.via == b.via && a.kind == b.kind) continue;
    m_rows[i] = a;
    Q_EMIT dataChanged(index(i), index(i));
  }
}

}  // namespace routeless::desktop
