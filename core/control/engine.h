#pragma once
// What the node service drives: the mesh (a NoRouter manifest run by MeshManager) and tunnels.
// An interface so that the node (NodeEngine) and the desktop app (AppEngine) serve the same UI
// protocol over their own engines; it never speaks the UI protocol itself.

#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

#include "mesh/manifest.h"
#include "mesh/meshmanager.h"
#include "tunnels/tunnelrunner.h"

namespace routeless::control {

// A tunnel's counters as the UI protocol (and NodePass's CHECK_POINT) names them.
struct TunnelCounters {
  int mode = 0;
  qint64 ping = 0;
  qint64 pool = 0;
  qint64 tcps = 0;
  qint64 udps = 0;
  quint64 tcprx = 0;
  quint64 tcptx = 0;
  quint64 udprx = 0;
  quint64 udptx = 0;
};

// The protocol's view of a runner's status: "running" (starting, waiting or linked), "error"
// (failed or restarting after a failure) or "stopped"; counters not applicable are 0.
QString tunnelProtocolStatus(tunnels::TunnelState state);
TunnelCounters tunnelCounters(const tunnels::TunnelStatus &status);

struct TunnelInfo {
  QString id;
  QString name;
  QString url;
  QString status;  // "running", "stopped" or "error"
  QString lastError;
  TunnelCounters counters;
};

class Engine : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  ~Engine() override = default;

  // Replaces the manifest; only while the mesh is stopped.
  virtual bool setManifest(const mesh::Manifest &manifest, QString *error) = 0;
  virtual mesh::Manifest manifest() const = 0;
  virtual bool startMesh(QString *error) = 0;
  virtual void stopMesh() = 0;
  virtual bool meshRunning() const = 0;
  virtual mesh::MeshSnapshot meshSnapshot() const = 0;
  // Speed test between two mesh hosts (MeshManager::startMeshTest); `done` runs once, later,
  // on this object's thread. An engine without one refuses.
  using MeshTestDone = std::function<void(const mesh::MeshTestOutcome &outcome)>;
  virtual void meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done);

  virtual QList<TunnelInfo> tunnels() const = 0;
  virtual std::optional<TunnelInfo> tunnel(const QString &id) const = 0;
  virtual std::optional<TunnelInfo> createTunnel(const QString &name, const QString &url,
                                                 QString *error) = 0;
  virtual bool startTunnel(const QString &id, QString *error) = 0;
  virtual bool stopTunnel(const QString &id, QString *error) = 0;
  virtual bool deleteTunnel(const QString &id, QString *error) = 0;

  // Stops everything; the engine may be destroyed afterwards.
  virtual void shutdown() = 0;

 Q_SIGNALS:
  // kind: "mesh", "host" or "tunnel"; id: host name or tunnel id (empty for the mesh).
  void stateChanged(const QString &kind, const QString &id, const QString &state,
                    const QString &detail);
  // level: "Info", "Warn" or "Error".
  void logLine(const QString &level, const QString &source, const QString &text);
};

}  // namespace routeless::control
