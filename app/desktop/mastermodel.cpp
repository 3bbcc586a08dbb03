#include "mastermodel.h"

#include "format.h"
#include "profiles/profile.h"
#include "tone.h"

namespace routeless::desktop {

MasterModel::MasterModel(QObject *parent) : QAbstractListModel(parent) {}

int MasterModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QList<MasterModel::Row> MasterModel::layout(const QList<MasterView> &masters) {
  QList<Row> rows;
  for (int m = 0; m < masters.size(); ++m) {
    rows.append({m, -1});
    for (int i = 0; i < masters[m].instances.size(); ++i) rows.append({m, i});
  }
  return rows;
}

void MasterModel::applySnapshot(const QList<MasterView> &masters) {
  const QList<Row> rows = layout(masters);
  bool sameShape = rows.size() == m_rows.size();
  for (qsizetype r = 0; sameShape && r < rows.size(); ++r) {
    const Row &a = rows[r];
    const Row &b = m_rows[r];
    sameShape = a.master == b.master && a.instance == b.instance &&
                (a.instance < 0 || masters[a.master].instances[a.instance].id ==
                                       m_masters[b.master].instances[b.instance].id);
  }
  if (sameShape) {
    m_masters = masters;
    if (!m_rows.isEmpty()) Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
    return;
  }
  beginResetModel();
  m_masters = masters;
  m_rows = rows;
  endResetModel();
  Q_EMIT countChanged();
}

bool MasterModel::instanceAt(int row, int *master, QString *id) const {
  if (row < 0 || row >= m_rows.size() || m_rows[row].instance < 0) return false;
  *master = m_rows[row].master;
  *id = m_masters[*master].instances[m_rows[row].instance].id;
  return true;
}

namespace {
// A master's link state (MasterView::state) or an instance's status on its master.
QString stateText(const QString &state) {
  if (state == QLatin1String("Connecting")) return MasterModel::tr("Connecting");
  if (state == QLatin1String("Live")) return MasterModel::tr("Live");
  if (state == QLatin1String("Failed")) return MasterModel::tr("Failed");
  if (state == QLatin1String("running")) return MasterModel::tr("Running");
  if (state == QLatin1String("error")) return MasterModel::tr("Failed");
  return MasterModel::tr("Stopped");
}

int stateTone(const QString &state) {
  if (state == QLatin1String("Live") || state == QLatin1String("running")) return Tone::Good;
  if (state == QLatin1String("Connecting")) return Tone::Busy;
  if (state == QLatin1String("Failed") || state == QLatin1String("error")) return Tone::Bad;
  return Tone::Idle;
}
}  // namespace

QVariant MasterModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const Row &r = m_rows[index.row()];
  const MasterView &m = m_masters[r.master];
  if (role == IsMasterRole) return r.instance < 0;
  if (role == KindRole)
    return r.instance < 0 ? QStringLiteral("master") : QStringLiteral("instance");
  if (role == MasterIndexRole) return r.master;
  if (r.instance < 0) {
    switch (role) {
      case NameRole:
        return m.name;
      case DetailRole:
        return m.address;
      case StateRole:
        return m.state;
      case StateTextRole:
        return stateText(m.state);
      case ToneRole:
        return stateTone(m.state);
      case ErrorRole:
        return m.lastError;
      default:
        return QString();
    }
  }
  const master::MasterInstance &i = m.instances[r.instance];
  switch (role) {
    case NameRole:
      return i.alias.isEmpty() ? i.id : i.alias;
    case DetailRole:
      return QStringLiteral("%1 · %2").arg(i.id, i.type);
    case StateRole:
      return i.status;
    case StateTextRole:
      return stateText(i.status);
    case ToneRole:
      return stateTone(i.status);
    case ErrorRole:
      return QString();
    case UrlRole:
      return profiles::maskedTunnelUrl(i.url);
    case InstanceIdRole:
      return i.id;
    case PoolRole:
      return QString::number(i.pool);
    case PingRole:
      return QStringLiteral("%1 ms").arg(i.ping);
    case ConnectionsRole:
      return QStringLiteral("%1 · %2").arg(i.tcps).arg(i.udps);
    case RxRole:
      return formatBytes(quint64(i.tcprx + i.udprx));
    case TxRole:
      return formatBytes(quint64(i.tcptx + i.udptx));
    default:
      return {};
  }
}

QHash<int, QByteArray> MasterModel::roleNames() const {
  return {{KindRole, "kind"},     {MasterIndexRole, "masterIndex"}, {NameRole, "name"},
          {DetailRole, "detail"}, {StateRole, "masterState"},       {ErrorRole, "lastError"},
          {UrlRole, "url"},       {InstanceIdRole, "instanceId"},   {PoolRole, "pool"},
          {PingRole, "ping"},     {ConnectionsRole, "connections"}, {RxRole, "rx"},
          {TxRole, "tx"},         {IsMasterRole, "isMaster"},       {StateTextRole, "stateText"},
          {ToneRole, "tone"}};
}

void MasterModel::retranslate() {
  if (rowCount() > 0) Q_EMIT dataChanged(index(0), index(rowCount() - 1), {StateTextRole});
}

}  // namespace routeless::desktop
