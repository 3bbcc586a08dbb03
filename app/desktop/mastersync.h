#pragma once
// MasterSync: keeps the shown profile's NodePass masters (from np:// links or a NodePassDash
// backup) in sync on its own worker thread: one master::MasterClient each, their instances
// reported to the GUI thread at most twice a second as plain snapshots. The GUI thread talks to
// it only through queued calls; API keys stay on the worker thread and out of every snapshot.

#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <memory>
#include <vector>

#include "master/masterclient.h"
#include "profiles/profile.h"

namespace routeless::desktop {

struct MasterView {
  QString name;
  QString address;  // "https://host:port"
  QString state;    // "Connecting", "Live", "Failed", "Stopped"
  QString lastError;
  QList<master::MasterInstance> instances;
};

// Lives on MasterSync's thread.
class MasterSyncWorker final : public QObject {
  Q_OBJECT
 public:
  explicit MasterSyncWorker(QObject *parent = nullptr);
  ~MasterSyncWorker() override;

 public Q_SLOTS:
  void setMasters(const QList<routeless::profiles::MasterEntry> &masters);
  void act(int master, const QString &id, const QString &action);

 Q_SIGNALS:
  void snapshotReady(const QList<routeless::desktop::MasterView> &masters);
  void actionFailed(const QString &master, const QString &message);

 private:
  QList<MasterView> snapshot() const;

  QList<profiles::MasterEntry> m_entries;
  std::vector<std::unique_ptr<master::MasterClient>> m_clients;
  QTimer m_coalesce;  // changes within 500 ms go out as one snapshot
};

// Owns the worker thread; the GUI thread's handle.
class MasterSync final : public QObject {
  Q_OBJECT
 public:
  explicit MasterSync(QObject *parent = nullptr);
  ~MasterSync() override;

  void setMasters(const QList<profiles::MasterEntry> &masters);
  void act(int master, const QString &id, const QString &action);

 Q_SIGNALS:
  void snapshotReady(const QList<routeless::desktop::MasterView> &masters);
  void actionFailed(const QString &master, const QString &message);

 private:
  QThread m_thread;
  MasterSyncWorker *m_worker;
};

}  // namespace routeless::desktop

Q_DECLARE_METATYPE(routeless::desktop::MasterView)
Q_DECLARE_METATYPE(QList<routeless::desktop::MasterView>)
Q_DECLARE_METATYPE(QList<routeless::profiles::MasterEntry>)
