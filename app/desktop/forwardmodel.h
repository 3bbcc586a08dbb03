#pragma once
// ForwardModel: the port forwards of the shown profile (listen address on the mesh, target on
// the owning host) with the owning host's live state and whether the user stopped the forward
// in this session. It must never probe ports itself nor start or stop a forward.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <functional>

#include "mesh/hostlink.h"
#include "mesh/manifest.h"

namespace routeless::desktop {

class HostModel;

class ForwardModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    HostRole = Qt::UserRole + 1,
    ListenRole,
    TargetRole,
    ProtoRole,
    StateRole,      // the owning host's HostModel::State
    StateTextRole,  // translated
    ToneRole,
    KeyRole,      // StoppedForwards::portKey: what ConnectionController::stopForward takes
    StoppedRole,  // stopped by the user in this session (the state then says Stopped)
  };
  Q_ENUM(Role)

  struct Forward {
    QString host;
    QString listen;  // "127.0.42.2:18080"
    QString target;  // "127.0.0.1:18081" on `host`
    QString proto;
    mesh::HostState state = mesh::HostState::Stopped;
    QString key;
    bool stopped = false;
  };

  explicit ForwardModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setManifest(const mesh::Manifest &manifest);
  void updateStates(const HostModel &hosts);
  // Marks each row stopped or not by its key.
  void updateStopped(const std::function<bool(const QString &key)> &isStopped);
  void retranslate();
  const QList<Forward> &forwards() const { return m_rows; }

 Q_SIGNALS:
  void countChanged();

 private:
  QList<Forward> m_rows;
};

}  // namespace routeless::desktop
