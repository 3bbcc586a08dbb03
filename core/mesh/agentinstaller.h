#pragma once
// Zero-install for one host: probes it through its own command (`cmd sh -c ...`: uname, the
// agent on PATH, a cached copy by content hash under ~/.cache/routeless), copies the matching
// build there through stdin when it lacks one (length- and hash-checked, renamed into place),
// and says how to start it. It never starts the agent itself and never writes outside
// ~/.cache/routeless on the host.

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>

#include "mesh/agentbuilds.h"

namespace routeless::mesh {

enum class AgentSource { None, Found, Uploaded, Cached };
QString agentSourceName(AgentSource source);  // "", "found", "uploaded", "cached"

struct AgentInstallResult {
  bool ok = false;
  bool retryable = false;  // the host could not be reached; a later start may succeed
  QString error;           // names the host and what to do
  AgentSource source = AgentSource::None;
  QString program;        // how to start the agent: program, then arguments ...
  QStringList arguments;  // ... to which the caller appends "agent", "--automated"
  QString target;         // "linux-x86_64"
  QString remotePath;     // the agent's file on the host
};

class AgentInstaller : public QObject {
  Q_OBJECT
 public:
  // `transport`: the words that reach the host (cmd without its last word; empty: this
  // machine); `agentName`: cmd's last word, looked up on the host's PATH.
  AgentInstaller(QString hostName, QStringList transport, QString agentName,
                 const AgentBuilds &builds, QObject *parent = nullptr);
  ~AgentInstaller() override;

  void start();

  // The probe and upload scripts, public for tests. Values are embedded (hex hashes, sizes
  // and a name checked against [A-Za-z0-9._-]), never taken from the host.
  static QString probeScript(const QString &agentName, const QList<AgentBuild> &builds);
  static QString uploadScript(const AgentBuild &build);
  // argv that runs `sh -c script` through `transport`; ssh gets the script shell-quoted, as
  // it joins its arguments into one line for the remote shell.
  static QStringList shellCommand(const QStringList &transport, const QString &script);

  static constexpr int kProbeTimeoutMs = 60000;
  static constexpr int kUploadTimeoutMs = 300000;

 Q_SIGNALS:
  void finished(const routeless::mesh::AgentInstallResult &result);

 private:
  enum class Step { Idle, Probe, Upload };
  void run(Step step, const QString &script, const QByteArray &input);
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void onProbe(int exitCode, const QByteArray &out, const QByteArray &err);
  void onUpload(int exitCode, const QByteArray &out, const QByteArray &err);
  void upload();
  void finish(AgentInstallResult result);
  void finishWithError(const QString &error, bool retryable = false);
  AgentInstallResult launchVia(const QString &remotePath, AgentSource source) const;

  QString m_host;
  QStringList m_transport;
  QString m_agentName;
  AgentBuilds m_builds;
  QProcess *m_process = nullptr;
  Step m_step = Step::Idle;
  QString m_target;
  QString m_cacheDir;
  int m_uploadAttempts = 0;
  QByteArray m_payload;
  bool m_timedOut = false;
};

}  // namespace routeless::mesh
