#pragma once
// One agent of the mesh as the manager sees it: the launched process (its stdin/stdout carry
// NoRouter frames, its stderr is logged line by line), its configure step, its counters and
// its restarts. It never interprets L3 packets; it hands whole frames to the manager.

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

#include "agent/wire/frame.h"
#include "agent/wire/messages.h"
#include "mesh/agentbuilds.h"

namespace routeless::mesh {

class AgentInstaller;
struct AgentInstallResult;
class MeshConfigure;

// What the manager needs to launch and configure one host's agent.
struct HostPlan {
  QString name;
  QString vip;
  QString program;        // argv[0]
  QStringList arguments;  // the rest of argv, ending in "agent", "--automated"
  // Zero-install (manifest `zeroInstall`): the agent is looked for, or copied, through
  // `transport` (cmd without its last word) before it is started; `agentName` is that word.
  bool zeroInstall = false;
  QStringList transport;
  QString agentName;
  agent::ConfigureArgs configure;
  // Set by planFromManifest: the request is spliced from what every host of the mesh shares
  // (see MeshConfigure), and `configure` holds this host's own settings and the routes, with
  // `others`, the name map and the name servers empty. Unset: `configure` is the whole request.
  std::shared_ptr<const MeshConfigure> mesh;
  qsizetype meshIndex = -1;

  std::string configureRequest(int64_t id) const;  // the JSON of the configure request
  agent::ConfigureArgs fullConfigure() const;      // the whole request's args
};

enum class HostState { Stopped, Starting, Ready, Restarting, Failed };
QString hostStateName(HostState state);

// Counters and state of one host, as shown by the GUI and the status log line.
struct HostStatus {
  QString name;
  QString vip;
  QString command;  // the launch command as one line
  HostState state = HostState::Stopped;
  // Why the agent last failed; kept while it restarts, cleared once it is Ready again.
  QString lastError;
  // The agent's (or its launcher's, e.g. ssh's) last stderr line that is not routine
  // information: what usually explains lastError. Kept like lastError.
  QString lastStderr;
  qint64 pid = 0;
  int restarts = 0;
  qint64 uptimeMs = 0;
  quint64 framesIn = 0;  // from the agent
  quint64 framesOut = 0;
  quint64 bytesIn = 0;
  quint64 bytesOut = 0;
  quint64 framesDropped = 0;  // queue to this agent full or agent not running
  QString agentVersion;
  QStringList agentFeatures;
  QString agentSource;  // zero-install: "found", "uploaded" or "cached"; empty otherwise
  QString agentTarget;  // zero-install: the host's "<os>-<arch>"
};

class HostLink : public QObject {
  Q_OBJECT
 public:
  // Frames queued to one agent beyond this are dropped (TCP retransmits) so that one slow
  // agent never stalls the links of the others.
  static constexpr qint64 kMaxQueuedBytes = 8 * 1024 * 1024;

  using L3Sink = std::function<void(HostLink &from, QByteArrayView frame, QByteArrayView packet)>;
  using SuggestionSink = std::function<void(HostLink &from, const agent::RouteSuggestion &)>;

  HostLink(HostPlan plan, L3Sink onL3, SuggestionSink onSuggestion, QObject *parent = nullptr);
  ~HostLink() override;

  void start();
  // Closes the agent's stdin (agents exit on EOF), then terminates it if it lingers.
  void stop();
  bool isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

  // True when the agent is Ready and takes a second configure request (its features include
  // agent::kReconfigureFeature).
  bool canReconfigure() const;
  // True when the agent is Ready and also takes new ports and proxies of its own in a second
  // request (agent::kReconfigureForwardsFeature).
  bool canReconfigureForwards() const;
  // Sends `plan`'s configure request to the running agent (only what other hosts publish, and
  // with canReconfigureForwards() this host's ports and proxies, may differ from the current
  // plan); a refusal restarts the agent with the new plan.
  void reconfigure(const HostPlan &plan);

  // Sends a "meshTest" request (a Routeless extension) to the agent; returns its id, or 0
  // when the frame could not be queued. The answer comes through onMeshTestResult.
  qint64 sendMeshTest(const agent::MeshTestArgs &args);
  std::function<void(HostLink &from, const agent::MeshTestResult &)> onMeshTestResult;

  // Queues one whole frame (header included) to the agent's stdin. False when dropped.
  bool sendFrame(QByteArrayView frame);

  const HostPlan &plan() const { return m_plan; }
  HostStatus status() const;
  quint32 vipAddress() const { return m_vipAddress; }

  // Restart delays: 250 ms doubling up to 30 s, back to 250 ms after 30 s of good uptime.
  static int backoffMs(int consecutiveFailures);

 Q_SIGNALS:
  void stateChanged(const QString &name, routeless::mesh::HostState state);
  void stopped();

 private:
  void launch(const QString &program, const QStringList &arguments);
  void onInstalled(const AgentInstallResult &result);
  void onStdout();
  void onStderr();
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void onErrorOccurred(QProcess::ProcessError error);
  void handleJson(std::string_view payload);
  void setState(HostState state);
  void fail(const QString &why, bool restart);
  void scheduleRestart();
  void logStderrLine(QByteArrayView line);
  // An agent's own routine lines ("level=info", "level=debug") explain nothing.
  static bool isRoutineStderr(QByteArrayView line);

  HostPlan m_plan;
  quint32 m_vipAddress = 0;
  L3Sink m_onL3;
  SuggestionSink m_onSuggestion;
  QProcess *m_process = nullptr;
  AgentInstaller *m_installer = nullptr;
  std::optional<AgentBuilds> m_builds;  // hashed once, at the first zero-install start
  agent::FrameDecoder m_decoder;
  QByteArray m_stderrPartial;
  QTimer m_restartTimer{this};
  QElapsedTimer m_upSince;
  HostState m_state = HostState::Stopped;
  HostStatus m_counters;
  bool m_stopping = false;
  int m_consecutiveFailures = 0;
  qint64 m_requestId = 0;
  bool m_reconfiguring = false;  // a second configure request is out
};

}  // namespace routeless::mesh
