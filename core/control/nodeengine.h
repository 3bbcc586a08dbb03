#pragma once
// The engine `routeless-node engine` (the daemon's node) drives: the mesh manager in process on
// its own thread, and every tunnel in process through core/tunnels (one TunnelRunner each, its
// engine on a worker thread). It never blocks the caller's thread on network I/O, never starts a
// child process for a tunnel (a tunnel's key never reaches a command line), and stops everything
// when destroyed.

#include <QHash>
#include <QThread>
#include <memory>

#include "control/engine.h"

namespace routeless::control {

class NodeEngine final : public Engine {
  Q_OBJECT
 public:
  explicit NodeEngine(QObject *parent = nullptr);
  ~NodeEngine() override;

  // routeless-node itself: this program, or the one next to it when embedded in another
  // executable. Mesh hosts without a `cmd` run its `agent`.
  static QString nodeProgram();

  bool setManifest(const mesh::Manifest &manifest, QString *error) override;
  mesh::Manifest manifest() const override { return m_manifest; }
  bool startMesh(QString *error) override;
  void stopMesh() override;
  bool meshRunning() const override { return m_meshRunning; }
  mesh::MeshSnapshot meshSnapshot() const override;
  void meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done) override;

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
    QString id;
    QString url;
    std::unique_ptr<tunnels::TunnelRunner> runner;
  };
  TunnelInfo info(const Tunnel &t) const;

  QThread m_meshThread;
  mesh::MeshManager *m_mesh = nullptr;  // lives on m_meshThread
  mesh::Manifest m_manifest;
  mesh::MeshSnapshot m_lastSnapshot;
  bool m_meshRunning = false;
  QHash<QString, std::shared_ptr<Tunnel>> m_tunnels;
  QStringList m_order;
};

}  // namespace routeless::control
