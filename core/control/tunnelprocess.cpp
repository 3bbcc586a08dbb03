#include "control/tunnelprocess.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "platform/childguard.h"
#include "platform/executables.h"

namespace routeless::control {

std::optional<TunnelCounters> parseCheckPoint(QByteArrayView line) {
  const qsizetype at = line.indexOf(QByteArrayView("CHECK_POINT|"));
  if (at < 0) return std::nullopt;
  TunnelCounters c;
  int seen = 0;
  for (const QByteArray &part : line.sliced(at + 12).toByteArray().trimmed().split('|')) {
    const qsizetype eq = part.indexOf('=');
    if (eq <= 0) continue;
    const QByteArray key = part.left(eq);
    QByteArray value = part.mid(eq + 1);
    if (value.endsWith("ms")) value.chop(2);
    bool ok = false;
    const qulonglong n = value.toULongLong(&ok);
    if (!ok) return std::nullopt;
    ++seen;
    if (key == "MODE")
      c.mode = int(n);
    else if (key == "PING")
      c.ping = qint64(n);
    else if (key == "POOL")
      c.pool = qint64(n);
    else if (key == "TCPS")
      c.tcps = qint64(n);
    else if (key == "UDPS")
      c.udps = qint64(n);
    else if (key == "TCPRX")
      c.tcprx = n;
    else if (key == "TCPTX")
      c.tcptx = n;
    else if (key == "UDPRX")
      c.udprx = n;
    else if (key == "UDPTX")
      c.udptx = n;
    else
      --seen;
  }
  if (seen < 9) return std::nullopt;
  return c;
}

QString stripAnsi(const QString &line) {
  static const QRegularExpression ansi(QStringLiteral("\x1b\\[[0-9;]*[A-Za-z]"));
  QString s = line;
  s.remove(ansi);
  return s;
}

QString TunnelProcess::defaultProgram() {
  const QString override = qEnvironmentVariable("ROUTELESS_NODEPASS_PROGRAM");
  if (!override.isEmpty()) return override;
  return nodeProgram();
}

QString TunnelProcess::nodeProgram() {
  if (platform::runningExecutableIs(QStringLiteral("routeless-node")))
    return QCoreApplication::applicationFilePath();
  return platform::siblingExecutable(QStringLiteral("routeless-node"));
}

TunnelProcess::TunnelProcess(const QString &program, const QString &url, QObject *parent)
    : QObject(parent), m_program(program), m_url(url) {
  m_process.setProcessChannelMode(QProcess::MergedChannels);
  // A tunnel must not outlive the process that supervises it, even after a SIGKILL.
  platform::guardChild(m_process);
  m_killTimer.setSingleShot(true);
  connect(&m_killTimer, &QTimer::timeout, &m_process, &QProcess::kill);
  connect(&m_process, &QProcess::readyReadStandardOutput, this, &TunnelProcess::onOutput);
  connect(&m_process, &QProcess::started, this, &TunnelProcess::started);
  connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
    onOutput();
    if (!m_partial.isEmpty()) handleLine(std::exchange(m_partial, {}));
    m_killTimer.stop();
    const bool requested = std::exchange(m_stopping, false);
    Q_EMIT finished(code, status == QProcess::CrashExit, requested, m_tail.join(QLatin1Char('\n')));
  });
  connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart) return;
    const QString why = QStringLiteral("cannot run %1: %2").arg(m_program, m_process.errorString());
    m_tail.append(why);
    Q_EMIT finished(-1, true, std::exchange(m_stopping, false), why);
  });
}

TunnelProcess::~TunnelProcess() {
  m_process.disconnect(this);
  if (m_process.state() != QProcess::NotRunning) {
    m_process.terminate();
    if (!m_process.waitForFinished(1000)) {
      m_process.kill();
      m_process.waitForFinished(1000);
    }
  }
}

void TunnelProcess::start() {
  if (isRunning()) return;
  m_stopping = false;
  m_tail.clear();
  m_partial.clear();
  m_process.start(m_program, {m_url});
}

void TunnelProcess::stop() {
  if (!isRunning()) return;
  m_stopping = true;
  m_process.terminate();
  m_killTimer.start(kStopGraceMs);
}

void TunnelProcess::onOutput() {
  m_partial.append(m_process.readAllStandardOutput());
  qsizetype nl;
  while ((nl = m_partial.indexOf('\n')) >= 0) {
    QByteArray line = m_partial.left(nl);
    m_partial.remove(0, nl + 1);
    if (line.endsWith('\r')) line.chop(1);
    handleLine(line);
  }
  if (m_partial.size() > 64 * 1024) handleLine(std::exchange(m_partial, {}));  // runaway line
}

void TunnelProcess::handleLine(const QByteArray &line) {
  if (line.isEmpty()) return;
  if (const auto c = parseCheckPoint(line)) {
    Q_EMIT checkPoint(*c);
    return;
  }
  const QString text = QString::fromUtf8(line);
  m_tail.append(stripAnsi(text));
  while (m_tail.size() > 8) m_tail.removeFirst();
  if (text.contains(QLatin1String("Server error:")) ||
      text.contains(QLatin1String("Client error:")))
    Q_EMIT errorLine(text);
  Q_EMIT logLine(text);
}

}  // namespace routeless::control
