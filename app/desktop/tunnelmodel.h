#pragma once
// TunnelModel: the NodePass tunnels of the shown profile (role, which side listens and which
// connects, masked URL, state as an enum with its translated text and tone, pool, ping,
// connections, traffic). It shows unknown counters as unknown and must never show a key.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "tunnels/tunnelcontroller.h"
#include "tunnelsides.h"

namespace routeless::desktop {

// The app shows core's tunnel runner (core/tunnels) as it is.
using tunnels::TunnelController;
using tunnels::tunnelRole;
using tunnels::TunnelState;
using tunnels::tunnelStateName;
using tunnels::TunnelStatus;
using tunnels::tunnelTarget;

// The tunnels of a profile that nothing runs (Stopped, no counters).
QList<TunnelStatus> restingTunnels(const QList<profiles::TunnelEntry> &tunnels);

class TunnelModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int runningCount READ runningCount NOTIFY runningCountChanged)

 public:
  // TunnelState as QML sees it.
  enum State { Stopped = 0, Starting, Waiting, Running, Restarting, Failed };
  Q_ENUM(State)

  enum Role {
    NameRole = Qt::UserRole + 1,
    RoleRole,      // "server", "client", "device"
    RoleTextRole,  // translated
    ListensRole,   // which addresses this side listens on, in words
    ConnectsRole,  // and which it connects to
    UrlRole,       // masked
    TargetRole,
    StateRole,      // State
    StateTextRole,  // translated
    ToneRole,
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
    TransportRole,  // the pool transport in words (TunnelSides::transport)
    ProxyRole,      // "PROXY v1"/"PROXY v2", empty without a PROXY header
  };
  Q_ENUM(Role)

  explicit TunnelModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  static QString stateText(TunnelState state);
  static int tone(TunnelState state, bool waitingIsIdle);

  void applySnapshot(const QList<TunnelStatus> &tunnels);
  void retranslate();
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
    TunnelSides sides;
    QList<qreal> history;
  };
  QList<Row> m_rows;
  int m_running = 0;
};

}  // namespace routeless::desktop
