#pragma once
// What the node service drives: the mesh (a NoRouter manifest run by MeshManager) and NodePass
// tunnels. An interface so that today's process-based engine (ProcessEngine) can be replaced by
// an in-process tunnel runtime later; it never speaks the UI protocol itself.

#include <QList>
#include <QObject>
#include <QString>
#include <optional>

#include "control/tunnelprocess.h"
#include "mesh/manifest.h"
#include "mesh/meshmanager.h"

namespace routeless::control {

struct TunnelInfo {
  QString id;
  QString name;
  QString url;
  QString status;  // "running", "stopped" or "error"
  QString lastError;
  qint64 pid = 0;
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
