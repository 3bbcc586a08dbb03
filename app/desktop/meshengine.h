#pragma once
// MeshEngine: owns the mesh manager on its own QThread and turns a profile's manifest into the
// manager's plan (launch command and configure request per host, as NoRouter builds them).
// The GUI thread talks to the manager only through queued calls; it must never touch it directly.

#include <QObject>
#include <QThread>

#include "mesh/manifest.h"
#include "mesh/meshmanager.h"

namespace routeless::desktop {

struct MeshLaunchPlan {
  QList<mesh::HostPlan> hosts;
  QList<agent::Route> routes;
};

// NoRouter's derivation: each host's own ports become its forwards, every other host's ports
// its `others`, all names and aliases the hostnameMap, one name server per host.
MeshLaunchPlan planForManifest(const mesh::Manifest &manifest, const QString &localAgentProgram);

class MeshEngine : public QObject {
  Q_OBJECT
 public:
  explicit MeshEngine(QObject *parent = nullptr);
  ~MeshEngine() override;

  void start(const MeshLaunchPlan &plan);
  void stop();
  // Stops the agents and waits (bounded) so that no child process outlives the app.
  void shutdown();
  bool isRunning() const { return m_running; }

 Q_SIGNALS:
  void snapshotReady(const routeless::mesh::MeshSnapshot &snapshot);
  void hostStateChanged(const QString &name, routeless::mesh::HostState state);
  void started();
  void stopped();

 private:
  QThread m_thread;
  mesh::MeshManager *m_manager = nullptr;  // lives on m_thread
  bool m_running = false;
};

}  // namespace routeless::desktop
