#include "hostmodel.h"

#include "format.h"
#include "tone.h"

namespace routeless::desktop {

static_assert(int(HostModel::Failed) == int(mesh::HostState::Failed) &&
              int(HostModel::Ready) == int(mesh::HostState::Ready));

QString HostModel::stateText(mesh::HostState state) {
  switch (state) {
    case mesh::HostState::Stopped:
      return tr("Stopped");
    case mesh::HostState::Starting:
      return tr("Starting");
    case mesh::HostState::Ready:
      return tr("Ready");
    case mesh::HostState::Restarting:
      return tr("Restarting");
    case mesh::HostState::Failed:
      return tr("Failed");
  }
  return {};
}

int HostModel::tone(mesh::HostState state, bool problem) {
  if (problem) return Tone::Bad;
  switch (state) {
    case mesh::HostState::Ready:
      return Tone::Good;
    case mesh::HostState::Starting:
    case mesh::HostState::Restarting:
      return Tone::Busy;
    case mesh::HostState::Failed:
      return Tone::Bad;
    case mesh::HostState::Stopped:
      break;
  }
  return Tone::Idle;
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

QList<mesh::HostStatus> restingHosts(const mesh::Manifest &manifest, const QString &localAgent) {
  QList<mesh::HostStatus> out;
  for (const auto &h : manifest.hosts) {
    mesh::HostStatus s;
    s.name = h.name;
    s.vip = h.vip;
    s.command =
        h.cmd.isEmpty() ? localAgent + QStringLiteral(" agent") : h.cmd.join(QLatin1Char(' '));
    out.append(s);
  }
  return out;
}

HostModel::HostModel(QObject *parent) : QAbstractListModel(parent) {}

int HostModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

const mesh::HostStatus *HostModel::at(int row) const {
  return row >= 0 && row < m_rows.size() ? &m_rows[row].status : nullptr;
}

HostProblem HostModel::problemAt(int row) const {
  return row >= 0 && row < m_rows.size() ? m_rows[row].problem : HostProblem{};
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
      return int(s.state);
    case StateTextRole:
      return stateText(s.state);
    case ToneRole:
      return tone(s.state, r.problem.isProblem());
    case ProblemRole:
      return r.problem.summary;
    case FixRole:
      return r.problem.fix;
    case DetailRole:
      return r.problem.detail;
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
          {StateTextRole, "stateText"},
          {ToneRole, "tone"},
          {ProblemRole, "problem"},
          {FixRole, "fix"},
          {DetailRole, "detail"},
          {PidRole, "pid"},
          {RestartsRole, "restarts"},
          {UptimeRole, "uptime"},
          {RxRateRole, "rxRate"},
          {TxRateRole, "txRate"},
          {RxTotalRole, "rxTotal"},
          {TxTotalRole, "txTotal"},
          {HistoryRole, "history"},
          {DroppedRole, "dropped"},
          {AgentSourceRole, "agentSource"},
          {AgentVersionRole, "agentVersion"}};
}

void HostModel::retranslate() {
  for (Row &r : m_rows) r.problem = explainHostProblem(r.status);
  if (!m_rows.isEmpty())
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                       {StateTextRole, ProblemRole, FixRole});
}

void HostModel::applySnapshot(const QList<mesh::HostStatus> &hosts, qint64 intervalMs) {
  bool sameShape = hosts.size() == m_rows.size();
  for (int i = 0; sameShape && i < hosts.size(); ++i)
    sameShape = hosts[i].name == m_rows[i].status.name;
  const double seconds = intervalMs > 0 ? double(intervalMs) / 1000.0 : 1.0;

  if (!sameShape) {
    beginResetModel();
    m_rows.clear();
    for (const auto &h : hosts) m_rows.append(Row{h, explainHostProblem(h), 0, 0, {}});
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
      const HostProblem problem = explainHostProblem(now);
      QList<int> roles;
      if (now.vip != old.vip) roles << VipRole;
      if (now.command != old.command) roles << CommandRole;
      if (now.state != old.state) roles << StateRole << StateTextRole << UptimeRole;
      if (problem.summary != row.problem.summary || problem.detail != row.problem.detail ||
          problem.fix != row.problem.fix)
        roles << ProblemRole << FixRole << DetailRole;
      if (now.state != old.state || problem.isProblem() != row.problem.isProblem())
        roles << ToneRole;
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
      row.problem = problem;
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

mesh::HostState HostModel::stateOf(const QString &name) const {
  for (const Row &r : m_rows) {
    if (r.status.name == name) return r.status.state;
  }
  return mesh::HostState::Stopped;
}

}  // namespace routeless::desktop
