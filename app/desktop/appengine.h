#pragma once
// AppEngine: the desktop app's engines seen through the node's Engine interface, so that the
// app can serve the same UI protocol as `routeless-node engine` (NodeService) and the CLI or a
// script can drive what the window shows. The engine is the app's running profile (the shown
// one while nothing runs); a tunnel's id is its position in that profile. It changes profiles
// only through the app's controllers, so the window and the protocol never disagree.

#include "control/engine.h"

namespace routeless::desktop {

class App;

class AppEngine final : public control::Engine {
  Q_OBJECT
 public:
  explicit AppEngine(App *app, QObject *parent = nullptr);

  bool setManifest(const mesh::Manifest &manifest, QString *error) override;
  mesh::Manifest manifest() const override;
  bool startMesh(QString *error) override;
  void stopMesh() override;
  bool meshRunning() const override;
  mesh::MeshSnapshot meshSnapshot() const override;
  // Through the connection, so that the Mesh page's card shows the outcome too.
  void meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done) override;

  QList<control::TunnelInfo> tunnels() const override;
  std::optional<control::TunnelInfo> tunnel(const QString &id) const override;
  std::optional<control::TunnelInfo> createTunnel(const QString &name, const QString &url,
                                                  QString *error) override;
  bool startTunnel(const QString &id, QString *error) override;
  bool stopTunnel(const QString &id, QString *error) override;
  bool deleteTunnel(const QString &id, QString *error) override;
  void shutdown() override;

 private:
  QString profileId() const;
  int rowOf(const QString &id, QString *error) const;

  App *m_app;
  // Requests waiting for their outcome, matched by (from, to) in the order they came.
  struct PendingTest {
    QString from;
    QString to;
    MeshTestDone done;
  };
  QList<PendingTest> m_pendingTests;
};

}  // namespace routeless::desktop
