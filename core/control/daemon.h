#pragma once
// The UI protocol daemon: keeps the setup space, starts the node (`routeless-node engine
// --ui-port N --ui-token-file FILE`) on a free port and verifies the launch with an
// authenticated UI handshake, redirects every other request to the running node, and tells all
// UIs with `crashed` when the node dies. It never talks to the network beyond 127.0.0.1, never
// puts the token on a command line and never edits the setup space while a node runs.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include "control/envelope.h"
#include "control/setupspace.h"
#include "control/uiaccess.h"
#include "control/uiserver.h"

namespace routeless::control {

class UiClient;

class Daemon : public QObject {
  Q_OBJECT
 public:
  // `nodeProgram` is the routeless-node executable that runs `engine --ui-port N`.
  explicit Daemon(const QString &nodeProgram, QObject *parent = nullptr,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
  ~Daemon() override;

  // Who may connect to the daemon and to the node it starts (call before listen()).
  void setUiAccess(const UiAccess &access);
  bool listen(quint16 port, QString *error);
  quint16 port() const { return m_server->port(); }
  bool nodeRunning() const { return m_state == NodeState::Running; }
  quint16 nodePort() const { return m_nodePort; }
  const SetupSpace &setup() const { return m_setup; }
  // Stops the node (if any) and waits for it, bounded.
  void stopNode();

  static constexpr int kLaunchTimeoutMs = 10000;
  static constexpr int kProbeIntervalMs = 250;

 private:
  enum class NodeState { Stopped, Starting, Running };
  void handle(int clientId, const Envelope &message);
  void handleSetup(int clientId, const Envelope &message);
  void handleStart(int clientId, const Envelope &message);
  void redirect(int clientId, const Envelope &message);
  void probe();
  void launchSucceeded();
  void launchFailed(const QString &why);
  void onNodeFinished(int exitCode, QProcess::ExitStatus status);
  void onNodeOutput();

  QString m_program;
  UiAccess m_access;
  UiServer *m_server;
  SetupSpace m_setup;
  NodeState m_state = NodeState::Stopped;
  QProcess *m_node = nullptr;
  qint64 m_nodePid = 0;
  quint16 m_nodePort = 0;
  QByteArray m_stderrTail;
  // The `start` conversation waiting for the launch probe.
  int m_startClient = -1;
  Envelope m_startRequest;
  QTimer m_probeTimer;
  QElapsedTimer m_launchClock;
  QPointer<UiClient> m_probe;
};

}  // namespace routeless::control
