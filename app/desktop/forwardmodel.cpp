#include "forwardmodel.h"

#include "hostmodel.h"
#include "stoppedforwards.h"
#include "tone.h"

namespace routeless::desktop {

namespace {
// A forward the user stopped shows Stopped whatever its host does.
mesh::HostState shown(const ForwardModel::Forward &f) {
  return f.stopped ? mesh::HostState::Stopped : f.state;
}
}  // namespace

ForwardModel::ForwardModel(QObject *parent) : QAbstractListModel(parent) {}

int ForwardModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ForwardModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const Forward &f = m_rows[index.row()];
  switch (role) {
    case HostRole:
      return f.host;
    case Qt::DisplayRole:
    case ListenRole:
      return f.listen;
    case TargetRole:
      return f.target;
    case ProtoRole:
      return f.proto;
    case StateRole:
      return int(shown(f));
    case StateTextRole:
      return HostModel::stateText(shown(f));
    case ToneRole:
      return HostModel::tone(shown(f), false);
    case KeyRole:
      return f.key;
    case StoppedRole:
      return f.stopped;
  }
  return {};
}

QHash<int, QByteArray> ForwardModel::roleNames() const {
  return {{HostRole, "host"},   {ListenRole, "listen"},   {TargetRole, "target"},
          {ProtoRole, "proto"}, {StateRole, "hostState"}, {StateTextRole, "stateText"},
          {ToneRole, "tone"},   {KeyRole, "key"},         {StoppedRole, "stopped"}};
}

void ForwardModel::setManifest(const mesh::Manifest &manifest) {
  beginResetModel();
  m_rows.clear();
  for (const auto &h : manifest.hosts) {
    for (const auto &p : h.ports) {
      m_rows.append({h.name, QStringLiteral("%1:%2").arg(h.vip).arg(p.listenPort),
                     QStringLiteral("%1:%2").arg(p.connectHost).arg(p.connectPort), p.proto,
                     mesh::HostState::Stopped, StoppedForwards::portKey(h.name, p), false});
    }
  }
  endResetModel();
  Q_EMIT countChanged();
}

void ForwardModel::updateStates(const HostModel &hosts) {
  for (int i = 0; i < m_rows.size(); ++i) {
    const mesh::HostState state = hosts.stateOf(m_rows[i].host);
    if (state == m_rows[i].state) continue;
    m_rows[i].state = state;
    Q_EMIT dataChanged(index(i), index(i), {StateRole, StateTextRole, ToneRole});
  }
}

void ForwardModel::updateStopped(const std::function<bool(const QString &key)> &isStopped) {
  for (int i = 0; i < m_rows.size(); ++i) {
    const bool stopped = isStopped(m_rows[i].key);
    if (stopped == m_rows[i].stopped) continue;
    m_rows[i].stopped = stopped;
    Q_EMIT dataChanged(index(i), index(i), {StateRole, StateTextRole, ToneRole, StoppedRole});
  }
}

void ForwardModel::retranslate() {
  if (!m_rows.isEmpty())
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {StateTextRole});
}

}  // namespace routeless::desktop
