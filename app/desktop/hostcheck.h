#pragma once
// HostCheck: runs a host's launch command once with `--version` instead of `agent --automated`
// (e.g. `ssh web -- routeless-node --version`) and says what it found: the launcher works, the
// agent is there and which version, or why not with the fix. Asynchronous (a QProcess, bounded
// in time); it never starts an agent.

#include <QObject>
#include <QProcess>
#include <QTimer>

#include "mesh/manifest.h"

namespace routeless::desktop {

class HostCheck final : public QObject {
  Q_OBJECT
 public:
  static constexpr int kTimeoutMs = 20000;

  HostCheck(const mesh::HostSpec &host, const QString &localAgent, QObject *parent = nullptr);
  void start();

 Q_SIGNALS:
  // `ok`: the agent answered; `text` says what was found, or what went wrong and the fix.
  void finished(const QString &host, bool ok, const QString &text);

 private:
  void done(int exitCode, QProcess::ExitStatus status);

  QString m_host;
  QString m_program;
  QStringList m_arguments;
  QProcess m_process;
  QTimer m_timeout;
  bool m_reported = false;
};

}  // namespace routeless::desktop
