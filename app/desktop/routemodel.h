#pragma once
// RouteModel: the mesh manager's routing table (destination, via, kind) for the Mesh screen.
// It must never emit anything when the table did not change.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "mesh/router.h"

namespace routeless::desktop {

class RouteModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role { DestinationRole = Qt::UserRole + 1, ViaRole, KindRole };
  Q_ENUM(Role)

  explicit RouteModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void applyTable(const QList<mesh::RouteEntry> &table);

 Q_SIGNALS:
  void countChanged();

 private:
  QList<mesh::RouteEntry> m_rows;
};

}  // namespace routeless::desktop
