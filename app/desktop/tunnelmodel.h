#pragma once
// TunnelModel: the NodePass tunnels of the shown profile (role, masked URL, state, pool, ping,
// connections, traffic). It shows unknown counters as unknown and must never show a key.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "tunnels/tunnelcontroller.h"

namespace routeless::desktop {

// The app shows core's tunnel runner (core/tunnels) as it is.
using tunnels::TunnelController;
using tunnels::tunnelRole;
using tunnels::TunnelState;
using tunnels::tunnelStateName;
using tunnels::TunnelStatus;
using tunnels::tunnelTarget;

class TunnelModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by Backend")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int runningCount READ runningCount NOTIFY runningCountChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,
    RoleRole,
    UrlRole,  // masked
    TargetRole,
    StateRole,
    RestartsRole,
    UptimeRole,
    LastErrorRole,
    PoolRole,
    PingRole,
    TcpRole,
    UdpRole,
    RxRole,
    TxRole,
    HistoryRole,
  };
  Q_ENUM(Role)

  explicit TunnelModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void applySnapshot(const QList<TunnelStatus> &tunnels);
  void setPing(int row, int ms);  // ms < 0: unreachable
  int runningCount() const;
  const TunnelStatus *at(int row) const;

 Q_SIGNALS:
  void countChanged();
  void runningCountChanged();

 private:
  struct Row {
    TunnelStatus status;
    int pingMs = -2;  // -2 never pinged, -1 unreachable
    QList<qreal> history;
  };
  QList<Row> m_rows;
  int m_running = 0;
};

}  // namespace routeless::desktop
