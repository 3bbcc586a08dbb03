#include "meshengine.h"

#include <QEventLoop>
#include <QTimer>

#include "mesh/meshplan.h"

namespace routeless::desktop {

MeshLaunchPlan planForManifest(const mesh::Manifest &m, const QString &localAgentProgram) {
  // One derivation for every front end: core's, as routeless-node mesh uses it.
  mesh::MeshPlan plan = mesh::planFromManifest(m, localAgentProgram);
  return MeshLaunchPlan{std::move(plan.hosts), std::move(plan.routes)};
}

MeshEngine::MeshEngine(QObject *parent) : QObject(parent) {
  qRegisterMetaType<mesh::MeshSnapshot>();
  qRegisterMetaType<mesh::HostState>();
  m_thread.setObjectName(QStringLiteral("mesh"));
  m_thread.start();
  // Construct the manager on its thread: its by-value timers then belong to that thread too
  // (moveToThread() would leave unparented member timers behind on the GUI thread).
  QObject anchor;
  anchor.moveToThread(&m_thread);
  QMetaObject::invokeMethod(
      &anchor, [this] { m_manager = new mesh::MeshManager; }, Qt::BlockingQueuedConnection);
  connect(m_manager, &mesh::MeshManager::snapshotReady, this, &MeshEngine::snapshotReady,
          Qt::QueuedConnection);
  connect(m_manager, &mesh::MeshManager::hostStateChanged, this, &MeshEngine::hostStateChanged,
          Qt::QueuedConnection);
  connect(m_manager, &mesh::MeshManager::started, this, &MeshEngine::started, Qt::QueuedConnection);
  connect(
      m_manager, &mesh::MeshManager::stopped, this,
      [this] {
        m_running = false;
        Q_EMIT stopped();
      },
      Qt::QueuedConnection);
}

MeshEngine::~MeshEngine() { shutdown(); }

void MeshEngine::start(const MeshLaunchPlan &plan) {
  if (!m_manager) return;
  m_running = true;
  mesh::MeshManager *mgr = m_manager;
  QMetaObject::invokeMethod(
      mgr,
      [mgr, plan] {
        if (mgr->isRunning()) mgr->stop();
        mgr->setPlan(plan.hosts, plan.routes);
        mgr->start();
      },
      Qt::QueuedConnection);
}

void MeshEngine::stop() {
  if (!m_manager) return;
  QMetaObject::invokeMethod(m_manager, &mesh::MeshManager::stop, Qt::QueuedConnection);
}

void MeshEngine::shutdown() {
  if (!m_manager) return;
  mesh::MeshManager *mgr = m_manager;
  m_manager = nullptr;
  bool wasRunning = false;
  QMetaObject::invokeMethod(
      mgr,
      [mgr, &wasRunning] {
        wasRunning = mgr->isRunning();
        if (wasRunning) mgr->stop();
      },
      Qt::BlockingQueuedConnection);
  if (wasRunning) {
    // Agents exit on EOF; give them a moment before the links are destroyed (which kills them).
    QEventLoop loop;
    QTimer::singleShot(2000, &loop, &QEventLoop::quit);
    connect(mgr, &mesh::MeshManager::stopped, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    loop.exec();
  }
  QMetaObject::invokeMethod(
      mgr, [mgr] { delete mgr; }, Qt::BlockingQueuedConnection);
  m_thread.quit();
  m_thread.wait();
  m_running = false;
}

}  // namespace routeless::desktop
