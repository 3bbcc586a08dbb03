#include "hostcheck.h"

#include "hostproblem.h"

namespace routeless::desktop {

HostCheck::HostCheck(const mesh::HostSpec &host, const QString &localAgent, QObject *parent)
    : QObject(parent), m_host(host.name), m_process(this), m_timeout(this) {
  if (host.cmd.isEmpty()) {
    m_program = localAgent;
  } else {
    m_program = host.cmd.first();
    m_arguments = host.cmd.mid(1);
  }
  m_arguments << QStringLiteral("--version");
  m_process.setProcessChannelMode(QProcess::SeparateChannels);
  m_process.setStandardInputFile(QProcess::nullDevice());  // ssh must not wait for a password
  m_timeout.setSingleShot(true);
  m_timeout.setInterval(kTimeoutMs);
  connect(&m_timeout, &QTimer::timeout, this, [this] {
    m_process.kill();
    if (std::exchange(m_reported, true)) return;
    Q_EMIT finished(m_host, false,
                    tr("No answer within %1 s: the host may be unreachable, or the command waits "
                       "for a password (the app cannot type one).")
                        .arg(kTimeoutMs / 1000));
  });
  connect(&m_process, &QProcess::finished, this, &HostCheck::done);
  connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart || std::exchange(m_reported, true)) return;
    m_timeout.stop();
    Q_EMIT finished(m_host, false,
                    tr("%1 cannot be started here: %2. Install it or give its full path.")
                        .arg(m_program, m_process.errorString()));
  });
}

void HostCheck::start() {
  m_timeout.start();
  m_process.start(m_program, m_arguments);
}

void HostCheck::done(int exitCode, QProcess::ExitStatus status) {
  m_timeout.stop();
  if (std::exchange(m_reported, true)) return;
  const QString out = QString::fromUtf8(m_process.readAllStandardOutput()).trimmed();
  const QStringList errLines = QString::fromUtf8(m_process.readAllStandardError())
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  const QString version = out.section(QLatin1Char('\n'), 0, 0);
  if (status == QProcess::NormalExit && exitCode == 0 &&
      version.contains(QLatin1String("version"))) {
    Q_EMIT finished(m_host, true,
                    m_arguments.size() > 1
                        ? tr("The command works and the agent answers: %1").arg(version)
                        : tr("The local agent answers: %1").arg(version));
    return;
  }
  // Explain it as a failed agent start would be explained.
  mesh::HostStatus s;
  s.name = m_host;
  s.state = mesh::HostState::Restarting;
  s.lastStderr = errLines.isEmpty() ? QString() : errLines.last().trimmed();
  s.lastError = status == QProcess::CrashExit
                    ? QStringLiteral("agent died (signal or crash)")
                    : QStringLiteral("agent exited with status %1").arg(exitCode);
  const HostProblem p = explainHostProblem(s);
  Q_EMIT finished(m_host, false, p.summary + QLatin1Char(' ') + p.fix);
}

}  // namespace routeless::desktop
