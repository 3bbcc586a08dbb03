#include "mastersync.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMasters, "masters")

namespace routeless::desktop {

namespace {
QString stateName(master::MasterClient::State state) {
  switch (state) {
    case master::MasterClient::State::Connecting:
      return QStringLiteral("Connecting");
    case master::MasterClient::State::Live:
      return QStringLiteral("Live");
    case master::MasterClient::State::Failed:
      return QStringLiteral("Failed");
    case master::MasterClient::State::Stopped:
      break;
  }
  return QStringLiteral("Stopped");
}
}  // namespace

MasterSyncWorker::MasterSyncWorker(QObject *parent) : QObject(parent), m_coalesce(this) {
  m_coalesce.setSingleShot(true);
  m_coalesce.setInterval(500);
  connect(&m_coalesce, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
}

MasterSyncWorker::~MasterSyncWorker() = default;

void MasterSyncWorker::setMasters(const QList<profiles::MasterEntry> &masters) {
  if (masters == m_entries) return;
  m_clients.clear();  // stops them
  m_entries = masters;
  for (const profiles::MasterEntry &m : masters) {
    auto client = std::make_unique<master::MasterClient>(master::masterApiBase(m.url, m.apiPath),
                                                         m.apiKey.toUtf8());
    master::MasterClient *raw = client.get();
    QString name = m.name;
    connect(raw, &master::MasterClient::changed, this, [this, raw, name] {
      if (raw->state() == master::MasterClient::State::Failed)
        qCDebug(lcMasters).noquote() << QStringLiteral("%1: %2").arg(name, raw->lastError());
      if (!m_coalesce.isActive()) m_coalesce.start();
    });
    connect(raw, &master::MasterClient::actionFailed, this,
            [this, name](const QString &id, const QString &message) {
              qCWarning(lcMasters).noquote()
                  << QStringLiteral("%1: instance %2: %3").arg(name, id, message);
              Q_EMIT actionFailed(name, message);
            });
    raw->start();
    m_clients.push_back(std::move(client));
  }
  Q_EMIT snapshotReady(snapshot());
}

void MasterSyncWorker::act(int master, const QString &id, const QString &action) {
  if (master < 0 || master >= int(m_clients.size())) return;
  m_clients[size_t(master)]->act(id, action);
}

QList<MasterView> MasterSyncWorker::snapshot() const {
  QList<MasterView> out;
  for (size_t i = 0; i < m_clients.size(); ++i) {
    const master::MasterClient &c = *m_clients[i];
    MasterView v;
    v.name = m_entries[qsizetype(i)].name;
    v.address = m_entries[qsizetype(i)].url;
    v.state = stateName(c.state());
    v.lastError = c.lastError();
    v.instances = c.instances();
    out.append(v);
  }
  return out;
}

MasterSync::MasterSync(QObject *parent) : QObject(parent), m_worker(new MasterSyncWorker) {
  qRegisterMetaType<MasterView>();
  qRegisterMetaType<QList<MasterView>>();
  qRegisterMetaType<QList<profiles::MasterEntry>>();
  m_thread.setObjectName(QStringLiteral("masters"));
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &MasterSyncWorker::snapshotReady, this, &MasterSync::snapshotReady);
  connect(m_worker, &MasterSyncWorker::actionFailed, this, &MasterSync::actionFailed);
  m_thread.start();
}

MasterSync::~MasterSync() {
  // The worker and its clients (and their sockets) are deleted on their own thread when its
  // loop ends (finished -> deleteLater); this thread only joins it.
  m_thread.quit();
  m_thread.wait();
}

void MasterSync::setMasters(const QList<profiles::MasterEntry> &masters) {
  MasterSyncWorker *w = m_worker;
  QMetaObject::invokeMethod(w, [w, masters] { w->setMasters(masters); });
}

void MasterSync::act(int master, const QString &id, const QString &action) {
  MasterSyncWorker *w = m_worker;
  QMetaObject::invokeMethod(w, [w, master, id, action] { w->act(master, id, action); });
}

}  // namespace routeless::desktop
