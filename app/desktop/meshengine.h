#pragma once
// MeshEngine: owns the mesh manager on its own QThread. The GUI thread reaches the manager only
// through calls queued to that thread (never a blocking one) and hears from it through queued
// signals; it must never touch the manager directly.

#include <QObject>
#include <QThread>

#include "mesh/meshmanager.h"
#include "mesh/meshplan.h"

namespace routeless::desktop {

class MeshEngine : public QObject {
  Q_OBJECT
 public:
  explicit MeshEngine(QObject *parent = nullptr);
  ~MeshEngine() override;

  // Starts `plan` (stopping what runs first).
  void start(const mesh::MeshPlan &plan);
  // Applies a changed plan to the running mesh host by host (MeshManager::updatePlan).
  void update(const mesh::MeshPlan &plan, mesh::MeshManager::OthersPolicy others =
                                              mesh::MeshManager::OthersPolicy::RestartIfNeeded);
  void stop();
  // A speed test between two hosts (MeshManager::startMeshTest); the outcome comes as
  // meshTestFinished, on this object's thread.
  void meshTest(const QString &from, const QString &to, int seconds);
  // Stops the agents (closing their stdin, then signals) and ends the thread, waiting for it
  // at most `timeoutMs`: for the app's exit, after the event loop.
  void shutdown(int timeoutMs = 6000);
  bool isRunning() const { return m_running; }

 Q_SIGNALS:
  void snapshotReady(const routeless::mesh::MeshSnapshot &snapshot);
  void hostStateChanged(const QString &name, routeless::mesh::HostState state);
  void started();
  void stopped();
  void meshTestFinished(const routeless::mesh::MeshTestOutcome &outcome);

 private:
  // Runs `call` on the manager's thread with the manager (created by the first call).
  void post(std::function<void(mesh::MeshManager *)> call);

  QThread m_thread;
  QObject *m_anchor = nullptr;             // lives on m_thread; calls are queued to it
  mesh::MeshManager *m_manager = nullptr;  // touched on m_thread only
  bool m_running = false;
  bool m_down = false;
};

}  // namespace routeless::desktop
