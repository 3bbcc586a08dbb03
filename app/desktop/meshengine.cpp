#include "meshengine.h"

#include <QEventLoop>
#include <QTimer>

#include "mesh/meshplan.h"

namespace routeless::desktop {

MeshEngine::MeshEngine(QObject *parent) : QObject(parent) {
  qRegisterMetaType<mesh::MeshSnapshot>();
  qRegisterMetaType<mesh::HostState>();
  m_thread.setObjectName(QStringLiteral("mesh"));
  m_anchor = new QObject;
  m_anchor->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
  m_thread.start();
}

MeshEngine::~MeshEngine() { shutdown(); }

void MeshEngine::post(std::function<void(mesh::MeshManager *)> call) {
  if (m_down) return;
  QMetaObject::invokeMethod(
      m_anchor,
      [this, call = std::move(call)] {
        // The manager is made on its thread, so its by-value timers belong to that thread too.
        if (!m_manager) {
          m_manager = new mesh::MeshManager;
          connect(m_manager, &mesh::MeshManager::snapshotReady, this, &MeshEngine::snapshotReady,
                  Qt::QueuedConnection);
          connect(m_manager, &mesh::MeshManager::hostStateChanged, this,
                  &MeshEngine::hostStateChanged, Qt::QueuedConnection);
          connect(m_manager, &mesh::MeshManager::started, this, &MeshEngine::started,
                  Qt::QueuedConnection);
          connect(
              m_manager, &mesh::MeshManager::stopped, this,
              [this] {
                m_running = false;
                Q_EMIT stopped();
              },
              Qt::QueuedConnection);
        }
        call(m_manager);
      },
      Qt::QueuedConnection);
}

void MeshEngine::start(const mesh::MeshPlan &plan) {
  m_running = true;
  post([plan](mesh::MeshManager *mgr) {
    if (mgr->isRunning()) mgr->stop();
    mgr->setPlan(plan.hosts, plan.routes);
    mgr->start();
  });
}

void MeshEngine::update(const mesh::MeshPlan &plan, mesh::MeshManager::OthersPolicy others) {
  post([plan, others](mesh::MeshManager *mgr) {
    if (mgr->isRunning())
      mgr->updatePlan(plan.hosts, plan.routes, others);
    else {
      mgr->setPlan(plan.hosts, plan.routes);
      mgr->start();
    }
  });
}

void MeshEngine::stop() {
  post([](mesh::MeshManager *mgr) { mgr->stop(); });
}

void MeshEngine::meshTest(const QString &from, const QString &to, int seconds) {
  if (m_down) {
    mesh::MeshTestOutcome o;
    o.from = from;
    o.to = to;
    o.failure = mesh::MeshTestOutcome::Failure::Refused;
    o.error = tr("the mesh is shut down");
    QMetaObject::invokeMethod(
        this, [this, o] { Q_EMIT meshTestFinished(o); }, Qt::QueuedConnection);
    return;
  }
  // Emitted on the manager's thread: queued to the receivers on the GUI thread.
  post([this, from, to, seconds](mesh::MeshManager *mgr) {
    mgr->startMeshTest(from, to, seconds,
                       [this](const mesh::MeshTestOutcome &o) { Q_EMIT meshTestFinished(o); });
  });
}

void MeshEngine::shutdown(int timeoutMs) {
  if (m_down) return;
  // The last call on the manager's thread: stop the agents, give them a moment to exit on
  // stdin EOF (destroying a link kills its agent), delete the manager, end the thread.
  post([this](mesh::MeshManager *mgr) {
    if (mgr->isRunning()) {
      QEventLoop loop;
      bool done = false;
      QTimer::singleShot(2000, &loop, &QEventLoop::quit);
      connect(mgr, &mesh::MeshManager::stopped, &loop, [&done, &loop] {
        done = true;
        loop.quit();
      });
      mgr->stop();
      if (!done) loop.exec();
    }
    delete mgr;
    m_manager = nullptr;
    m_thread.quit();
  });
  m_down = true;
  if (!m_thread.wait(timeoutMs)) {
    m_thread.quit();
    m_thread.wait(1000);
  }
  m_running = false;
}

}  // namespace routeless::desktop
