#pragma once
// HostModel: the mesh hosts as QML sees them (state, pid, restarts, uptime, rates, totals,
// a short rate history for sparklines). It is updated from 1 Hz snapshots in one batch and
// must never emit a signal for a row whose values did not change.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QList>

#include "mesh/hostlink.h"

namespace routeless::desktop {

// "Ready", "Failed", ...: the English state names the GUI shows (translated in QML).
QString hostStateLabel(mesh::HostState state);

class HostModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by Backend")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int readyCount READ readyCount NOTIFY readyCountChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,
    VipRole,
    CommandRole,
    StateRole,  // "Stopped", "Starting", "Ready", "Restarting", "Failed"
    StateCodeRole,
    LastErrorRole,
    PidRole,
    RestartsRole,
    UptimeRole,  // text, "1m 05s"
    RxRateRole,  // bytes/s from the agent
    TxRateRole,
    RxTotalRole,
    TxTotalRole,
    HistoryRole,  // QVariantList of recent (rx+tx) rates, oldest first
    DroppedRole,
    AgentSourceRole,   // zero-install: "found", "uploaded", "cached" (else empty)
    AgentVersionRole,  // the version the agent's configure result reported
  };
  Q_ENUM(Role)

  static constexpr int kHistoryLength = 60;

  explicit HostModel(QObject *parent);  // no default: QML must not create it

  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows when the set of hosts changes, else updates values in place.
  // `intervalMs` is the time since the previous snapshot (for rates).
  void applySnapshot(const QList<mesh::HostStatus> &hosts, qint64 intervalMs);
  int readyCount() const;
  quint64 totalRxRate() const;
  quint64 totalTxRate() const;
  QString stateOf(const QString &name) const;

 Q_SIGNALS:
  void countChanged();
  void readyCountChanged();

 private:
  struct Row {
    mesh::HostStatus status;
    quint64 rxRate = 0;
    quint64 txRate = 0;
    QList<qreal> history;
  };
  QList<Row> m_rows;
  int m_ready = 0;
};

}  // namespace routeless::desktop
