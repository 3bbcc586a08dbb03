#pragma once
// The engine as it can run today: the mesh manager in-process on its own thread, and every
// NodePass tunnel as a child process (TunnelProcess). It owns both; it never blocks the caller's
// thread on network I/O and never leaves children behind when destroyed.

#include <QHash>
#include <QThread>
#include <memory>

#include "control/engine.h"

namespace routeless::control {

class ProcessEngine final : public Engine {
  Q_OBJECT
 public:
  explicit ProcessEngine(QObject *parent = nullptr);
  ~ProcessEngine() override;

  bool setManifest(const mesh::Manifest &manifest, QString *error) override;
  mesh::Manifest manifest() const override { return m_manifest; }
  bool startMesh(QString *error) override;
  void stopMesh() override;
  bool meshRunning() const override { return m_meshRunning; }
  mesh::MeshSnapshot meshSnapshot() const override;

  QList<TunnelInfo> tunnels() const override;
  std::optional<TunnelInfo> tunnel(const QString &id) const override;
  std::optional<TunnelInfo> createTunnel(const QString &name, const QString &url,
                                         QString *error) override;
  bool startTunnel(const QString &id, QString *error) override;
  bool stopTunnel(const QString &id, QString *error) override;
  bool deleteTunnel(const QString &id, QString *error) override;
  void shutdown() override;

 private:
  struct Tunnel {
    TunnelInfo info;
    std::unique_ptr<TunnelProcess> process;
  };
  void setTunnelStatus(Tunnel &t, const QString &status, const QString &detail = QString());

  QThread m_meshThread;
  mesh::MeshManager *m_mesh = nullptr;  // lives on m_meshThread
  mesh::Manifest m_manifest;
  mesh::MeshSnapshot m_lastSnapshot;
  bool m_meshRunning = false;
  QHash<QString, std::shared_ptr<Tunnel>> m_tunnels;
  QStringList m_order;
};

}  // namespace routeless::control
