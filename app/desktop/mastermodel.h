#pragma once
// MasterModel: the shown profile's NodePass masters and their instances as one flat list for
// the Tunnels screen: a "master" row (name, address, Live/Connecting/Failed and why) followed by
// an "instance" row per instance (alias, type, status, URL with the key masked, counters). It
// never shows an API key or a tunnel key.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "mastersync.h"

namespace routeless::desktop {

class MasterModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int masterCount READ masterCount NOTIFY countChanged)

 public:
  enum Role {
    KindRole = Qt::UserRole + 1,  // "master" or "instance"
    MasterIndexRole,
    NameRole,    // master name, or instance alias (its id when it has none)
    DetailRole,  // master address, or instance id and type
    StateRole,   // Live/Connecting/Failed/Stopped, or running/stopped/error
    ErrorRole,   // why a master is not Live
    UrlRole,     // instance URL, key masked
    InstanceIdRole,
    PoolRole,
    PingRole,
    ConnectionsRole,
    RxRole,
    TxRole,
    IsMasterRole,
    StateTextRole,  // translated
    ToneRole,
  };
  Q_ENUM(Role)

  explicit MasterModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;
  // The language changed: the text roles say so.
  void retranslate();

  void applySnapshot(const QList<MasterView> &masters);
  int masterCount() const { return int(m_masters.size()); }
  // For actions: which master and instance a row is (false for master rows).
  bool instanceAt(int row, int *master, QString *id) const;

 Q_SIGNALS:
  void countChanged();

 private:
  struct Row {
    int master = 0;
    int instance = -1;  // -1: the master's own row
  };
  static QList<Row> layout(const QList<MasterView> &masters);

  QList<MasterView> m_masters;
  QList<Row> m_rows;
};

}  // namespace routeless::desktop
