#include "hostmodel.h"

#include "format.h"

namespace routeless::desktop {

QString hostStateLabel(mesh::HostState state) {
  switch (state) {
    case mesh::HostState::Stopped:
      return QStringLiteral("Stopped");
    case mesh::HostState::Starting:
      return QStringLiteral("Starting");
    case mesh::HostState::Ready:
      return QStringLiteral("Ready");
    case mesh::HostState::Restarting:
      return QStringLiteral("Restarting");
    case mesh::HostState::Failed:
      return QStringLiteral("Failed");
  }
  return {};
}

namespace {
// "/long/path/routeless-node agent --automated" -> "routeless-node agent": the agent
// arguments are always the same and the directory is noise in a table.
QString shortCommand(const QString &command) {
  QStringList words = command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  if (words.isEmpty()) return command;
  if (words.last() == QLatin1String("--automated")) words.removeLast();
  if (words.first().startsWith(QLatin1Char('/')))
    words.first() = words.first().section(QLatin1Char('/'), -1);
  return words.join(QLatin1Char(' '));
}
}  // namespace

HostModel::HostModel(QObject *parent) : QAbstractListModel(parent) {}

int HostModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant HostModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const Row &r = m_rows[index.row()];
  const mesh::HostStatus &s = r.status;
  switch (role) {
    case Qt::DisplayRole:
    case NameRole:
      return s.name;
    case VipRole:
      return s.vip;
    case CommandRole:
      return shortCommand(s.command);
    case StateRole:
      return hostStateLabel(s.state);
    case StateCodeRole:
      return int(s.state);
    case LastErrorRole:
      return s.lastError;
    case PidRole:
      return s.pid;
    case RestartsRole:
      return s.restarts;
    case UptimeRole:
      return s.state == mesh::HostState::Ready ? formatDuration(s.uptimeMs) : QStringLiteral("—");
    case RxRateRole:
      return formatRate(r.rxRate);
    case TxRateRole:
      return formatRate(r.txRate);
    case RxTotalRole:
      return formatBytes(s.bytesIn);
    case TxTotalRole:
      return formatBytes(s.bytesOut);
    case HistoryRole: {
      QVariantList out;
      out.reserve(r.history.size());
      for (qreal v : r.history) out.append(v);
      return out;
    }
    case DroppedRole:
      return qulonglong(s.framesDropped);
    case AgentSourceRole:
      return s.agentSource;
    case AgentVersionRole:
      return s.agentVersion;
  }
  return {};
}

QHash<int, QByteArray> HostModel::roleNames() const {
  return {{NameRole, "name"},
          {VipRole, "vip"},
          {CommandRole, "command"},
          {StateRole, "hostState"},
          {StateCodeRole, "stateCode"},
          {LastErrorRole, "lastError"},
          {PidRole, "pid"},
          {RestartsRole, "restarts"},
          {UptimeRole, "uptime"},
          {RxRateRole, "rxRate"},
          {TxRateRole, "txRate"},
          {RxTotalRole, "rxTotal"},
          {TxTotalRole, "txTotal"},
          {HistoryRole, "history"},
          {AgentSourceRole, "agentSource"},
          {AgentVersionRole, "agentVersion"},
          {DroppedRole, "dropped"}};
}

void HostModel::applySnapshot(const QList<mesh::HostStatus> &hosts, qint64 intervalMs) {
  bool sameShape = hosts.size() == m_rows.size();
  for (int i = 0; sameShape && i < hosts.size(); ++i)
    sameShape = hosts[i].name == m_rows[i].status.name;
  const double seconds = intervalMs > 0 ? double(intervalMs) / 1000.0 : 1.0;

  if (!sameShape) {
    beginResetModel();
    m_rows.clear();
    for (const auto &h : hosts) m_rows.append(Row{h, 0, 0, {}});
    endResetModel();
    Q_EMIT countChanged();
  } else {
    for (int i = 0; i < hosts.size(); ++i) {
      Row &row = m_rows[i];
      const mesh::HostStatus &old = row.status;
      const mesh::HostStatus &now = hosts[i];
      // Counters restart from zero when an agent restarts; never show a negative rate.
      const quint64 rx =
          now.bytesIn >= old.bytesIn ? quint64((now.bytesIn - old.bytesIn) / seconds) : 0;
      const quint64 tx =
          now.bytesOut >= old.bytesOut ? quint64((now.bytesOut - old.bytesOut) / seconds) : 0;
      QList<int> roles;
      if (now.vip != old.vip) roles << VipRole;
      if (now.command != old.command) roles << CommandRole;
      if (now.state != old.state) roles << StateRole << StateCodeRole << UptimeRole;
      if (now.lastError != old.lastError) roles << LastErrorRole;
      if (now.pid != old.pid) roles << PidRole;
      if (now.restarts != old.restarts) roles << RestartsRole;
      if (now.agentSource != old.agentSource) roles << AgentSourceRole;
      if (now.agentVersion != old.agentVersion) roles << AgentVersionRole;
      if (now.uptimeMs / 1000 != old.uptimeMs / 1000 && now.state == mesh::HostState::Ready)
        roles << UptimeRole;
      if (rx != row.rxRate) roles << RxRateRole;
      if (tx != row.txRate) roles << TxRateRole;
      if (now.bytesIn != old.bytesIn) roles << RxTotalRole;
      if (now.bytesOut != old.bytesOut) roles << TxTotalRole;
      if (now.framesDropped != old.framesDropped) roles << DroppedRole;
      const bool running = now.state != mesh::HostState::Stopped;
      if (running || !row.history.isEmpty()) {
        row.history.append(qreal(rx + tx));
        if (row.history.size() > kHistoryLength) row.history.removeFirst();
        roles << HistoryRole;
      }
      row.status = now;
      row.rxRate = rx;
      row.txRate = tx;
      if (!roles.isEmpty()) {
        const QModelIndex idx = index(i);
        Q_EMIT dataChanged(idx, idx, roles);
      }
    }
  }
  const int ready = readyCount();
  if (ready != m_ready) {
    m_ready = ready;
    Q_EMIT readyCountChanged();
  }
}

int HostModel::readyCount() const {
  int n = 0;
  for (const Row &r : m_rows) n += r.status.state == mesh::HostState::Ready ? 1 : 0;
  return n;
}

quint64 HostModel::totalRxRate() const {
  quint64 n = 0;
  for (const Row &r : m_rows) n += r.rxRate;
  return n;
}

quint64 HostModel::totalTxRate() const {
  quint64 n = 0;
  for (const Row &r : m_rows) n += r.txRate;
  return n;
}

QString HostModel::stateOf(const QString &name) const {
  for (const Row &r : m_rows) {
    if (r.status.name == name) return hostStateLabel(r.status.state);
  }
  return hostStateLabel(mesh::HostState::Stopped);
}

}  // namespace routeless::desktop
