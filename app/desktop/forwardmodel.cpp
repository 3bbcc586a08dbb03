#include "forwardmodel.h"

#include "hostmodel.h"
#include "tone.h"

namespace routeless::desktop {

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
      return int(f.state);
    case StateTextRole:
      return HostModel::stateText(f.state);
    case ToneRole:
      return HostModel::tone(f.state, false);
  }
  return {};
}

QHash<int, QByteArray> ForwardModel::roleNames() const {
  return {{HostRole, "host"},   {ListenRole, "listen"},   {TargetRole, "target"},
          {ProtoRole, "proto"}, {StateRole, "hostState"}, {StateTextRole, "stateText"},
          {ToneRole, "tone"}};
}

void ForwardModel::setManifest(const mesh::Manifest &manifest) {
  beginResetModel();
  m_rows.clear();
  for (const auto &h : manifest.hosts) {
    for (const auto &p : h.ports) {
      m_rows.append({h.name, QStringLiteral("%1:%2").arg(h.vip).arg(p.listenPort),
                     QStringLiteral("%1:%2").arg(p.connectHost).arg(p.connectPort), p.proto,
                     mesh::HostState::Stopped});
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

void ForwardModel::retranslate() {
  if (!m_rows.isEmpty())
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {StateTextRole});
}

}  // namespace routeless::desktop
