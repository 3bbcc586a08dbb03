#pragma once
// HostModel: the mesh hosts as QML sees them (state as an enum with its translated text and
// tone, what went wrong and how to fix it, pid, restarts, uptime, rates, totals, a short rate
// history for sparklines). It is updated from 1 Hz snapshots in one batch and must never emit
// a signal for a row whose values did not change.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QList>

#include "hostproblem.h"
#include "mesh/hostlink.h"
#include "mesh/manifest.h"

namespace routeless::desktop {

// The hosts of a manifest that nothing runs (Stopped, no counters).
QList<mesh::HostStatus> restingHosts(const mesh::Manifest &manifest, const QString &localAgent);

class HostModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int readyCount READ readyCount NOTIFY readyCountChanged)

 public:
  // mesh::HostState as QML sees it.
  enum State { Stopped = 0, Starting, Ready, Restarting, Failed };
  Q_ENUM(State)

  enum Role {
    NameRole = Qt::UserRole + 1,
    VipRole,
    CommandRole,
    StateRole,      // State
    StateTextRole,  // translated
    ToneRole,       // Tone::Value
    ProblemRole,    // one line, translated; empty when the host is fine
    FixRole,        // what to do about it
    DetailRole,     // the host's own words (stderr, exit status)
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

  static QString stateText(mesh::HostState state);
  static int tone(mesh::HostState state, bool problem);

  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows when the set of hosts changes, else updates values in place.
  // `intervalMs` is the time since the previous snapshot (for rates).
  void applySnapshot(const QList<mesh::HostStatus> &hosts, qint64 intervalMs);
  // The language changed: the text roles say so.
  void retranslate();
  int readyCount() const;
  quint64 totalRxRate() const;
  quint64 totalTxRate() const;
  mesh::HostState stateOf(const QString &name) const;
  const mesh::HostStatus *at(int row) const;
  HostProblem problemAt(int row) const;

 Q_SIGNALS:
  void countChanged();
  void readyCountChanged();

 private:
  struct Row {
    mesh::HostStatus status;
    HostProblem problem;
    quint64 rxRate = 0;
    quint64 txRate = 0;
    QList<qreal> history;
  };
  QList<Row> m_rows;
  int m_ready = 0;
};

}  // namespace routeless::desktop
