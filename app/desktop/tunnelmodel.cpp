#include "tunnelmodel.h"

#include "format.h"
#include "tone.h"

namespace routeless::desktop {

namespace {
QString counterText(qint64 v) { return v < 0 ? QStringLiteral("—") : QString::number(v); }
QString bytesText(qint64 v) { return v < 0 ? QStringLiteral("—") : formatBytes(quint64(v)); }
}  // namespace

static_assert(int(TunnelModel::Failed) == int(TunnelState::Failed) &&
              int(TunnelModel::Running) == int(TunnelState::Running));

QList<TunnelStatus> restingTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  QList<TunnelStatus> out;
  for (const auto &t : tunnels) {
    TunnelStatus s;
    s.name = t.name;
    s.maskedUrl = profiles::maskedTunnelUrl(t.url);
    s.role = tunnelRole(t.url);
    if (s.role.isEmpty()) s.role = t.url.section(QLatin1String("://"), 0, 0);
    s.target = tunnelTarget(t.url);
    out.append(s);
  }
  return out;
}

TunnelModel::TunnelModel(QObject *parent) : QAbstractListModel(parent) {}

QString TunnelModel::stateText(TunnelState state) {
  switch (state) {
    case TunnelState::Stopped:
      return tr("Stopped");
    case TunnelState::Starting:
      return tr("Starting");
    case TunnelState::Waiting:
      return tr("Waiting");
    case TunnelState::Running:
      return tr("Running");
    case TunnelState::Restarting:
      return tr("Restarting");
    case TunnelState::Failed:
      return tr("Failed");
  }
  return {};
}

int TunnelModel::tone(TunnelState state, bool waitingIsIdle) {
  switch (state) {
    case TunnelState::Running:
      return Tone::Good;
    case TunnelState::Waiting:
      return waitingIsIdle ? Tone::Good : Tone::Busy;
    case TunnelState::Starting:
    case TunnelState::Restarting:
      return Tone::Busy;
    case TunnelState::Failed:
      return Tone::Bad;
    case TunnelState::Stopped:
      break;
  }
  return Tone::Idle;
}

void TunnelModel::retranslate() {
  for (Row &r : m_rows) r.sides = TunnelSides::of(r.status.maskedUrl);
  if (!m_rows.isEmpty())
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                       {StateTextRole, RoleTextRole, ListensRole, ConnectsRole, PingRole,
                        TransportRole, ProxyRole});
}

int TunnelModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

const TunnelStatus *TunnelModel::at(int row) const {
  return row >= 0 && row < m_rows.size() ? &m_rows[row].status : nullptr;
}

QVariant TunnelModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const Row &r = m_rows[index.row()];
  const TunnelStatus &s = r.status;
  switch (role) {
    case Qt::DisplayRole:
    case NameRole:
      return s.name;
    case RoleRole:
      return s.role;
    case RoleTextRole:
      return r.sides.roleText;
    case ListensRole:
      return r.sides.listens;
    case ConnectsRole:
      return r.sides.connects;
    case TransportRole:
      return r.sides.transport;
    case ProxyRole:
      return r.sides.proxy;
    case UrlRole:
      return s.maskedUrl;
    case TargetRole:
      return s.target;
    case StateRole:
      return int(s.state);
    case StateTextRole:
      return stateText(s.state);
    case ToneRole:
      return tone(s.state, s.waitingIsIdle);
    case RestartsRole:
      return s.restarts;
    case UptimeRole:
      return formatDuration(s.uptimeMs);
    case LastErrorRole:
      return s.lastError;
    case PoolRole:
      return counterText(s.pool);
    case PingRole:
      if (r.pingMs == -2 && s.pingMs >= 0) return QStringLiteral("%1 ms").arg(s.pingMs);
      return r.pingMs == -2 ? QStringLiteral("—")
             : r.pingMs < 0 ? tr("unreachable")
                            : QStringLiteral("%1 ms").arg(r.pingMs);
    case TcpRole:
      return counterText(s.tcpConnections);
    case UdpRole:
      return counterText(s.udpConnections);
    case RxRole:
      return bytesText(s.rxBytes);
    case TxRole:
      return bytesText(s.txBytes);
    case HistoryRole: {
      QVariantList out;
      for (qreal v : r.history) out.append(v);
      return out;
    }
  }
  return {};
}

QHash<int, QByteArray> TunnelModel::roleNames() const {
  return {{NameRole, "name"},
          {RoleRole, "role"},
          {RoleTextRole, "roleText"},
          {ListensRole, "listens"},
          {ConnectsRole, "connects"},
          {TransportRole, "transport"},
          {ProxyRole, "proxyHeader"},
          {UrlRole, "url"},
          {TargetRole, "target"},
          {StateRole, "tunnelState"},
          {StateTextRole, "stateText"},
          {ToneRole, "tone"},
          {RestartsRole, "restarts"},
          {UptimeRole, "uptime"},
          {LastErrorRole, "lastError"},
          {PoolRole, "pool"},
          {PingRole, "ping"},
          {TcpRole, "tcp"},
          {UdpRole, "udp"},
          {RxRole, "rx"},
          {TxRole, "tx"},
          {HistoryRole, "history"}};
}

void TunnelModel::applySnapshot(const QList<TunnelStatus> &tunnels) {
  bool sameShape = tunnels.size() == m_rows.size();
  for (int i = 0; sameShape && i < tunnels.size(); ++i)
    sameShape = tunnels[i].name == m_rows[i].status.name &&
                tunnels[i].maskedUrl == m_rows[i].status.maskedUrl;
  if (!sameShape) {
    beginResetModel();
    m_rows.clear();
    for (const auto &t : tunnels) m_rows.append(Row{t, -2, TunnelSides::of(t.maskedUrl), {}});
    endResetModel();
    Q_EMIT countChanged();
  } else {
    for (int i = 0; i < tunnels.size(); ++i) {
      Row &row = m_rows[i];
      const TunnelStatus &o = row.status;
      const TunnelStatus &n = tunnels[i];
      QList<int> roles;
      if (n.state != o.state) roles << StateRole << StateTextRole << ToneRole;
      if (n.restarts != o.restarts) roles << RestartsRole;
      if (n.uptimeMs / 1000 != o.uptimeMs / 1000) roles << UptimeRole;
      if (n.lastError != o.lastError) roles << LastErrorRole;
      if (n.pool != o.pool) roles << PoolRole;
      if (n.pingMs != o.pingMs) roles << PingRole;
      if (n.tcpConnections != o.tcpConnections) roles << TcpRole;
      if (n.udpConnections != o.udpConnections) roles << UdpRole;
      if (n.rxBytes != o.rxBytes) roles << RxRole;
      if (n.txBytes != o.txBytes) roles << TxRole;
      if (n.state == TunnelState::Running && n.rxBytes >= 0 && o.rxBytes >= 0) {
        row.history.append(qreal(n.rxBytes - o.rxBytes + n.txBytes - o.txBytes));
        if (row.history.size() > 60) row.history.removeFirst();
        roles << HistoryRole;
      }
      row.status = n;
      if (!roles.isEmpty()) Q_EMIT dataChanged(index(i), index(i), roles);
    }
  }
  const int running = runningCount();
  if (running != m_running) {
    m_running = running;
    Q_EMIT runningCountChanged();
  }
}

void TunnelModel::setPing(int row, int ms) {
  if (row < 0 || row >= m_rows.size() || m_rows[row].pingMs == ms) return;
  m_rows[row].pingMs = ms;
  Q_EMIT dataChanged(index(row), index(row), {PingRole});
}

int TunnelModel::runningCount() const {
  int n = 0;
  for (const Row &r : m_rows) n += r.status.state == TunnelState::Running ? 1 : 0;
  return n;
}

}  // namespace routeless::desktop
