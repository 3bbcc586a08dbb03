#include "tunnelcontroller.h"

#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <signal.h>
#include <sys/prctl.h>
#endif

#include "nodepass/tunnelurl.h"

Q_LOGGING_CATEGORY(lcTunnel, "tunnel")

namespace routeless::desktop {

QString tunnelStateName(TunnelState state) {
  switch (state) {
    case TunnelState::Stopped:
      return QStringLiteral("Stopped");
    case TunnelState::Starting:
      return QStringLiteral("Starting");
    case TunnelState::Running:
      return QStringLiteral("Running");
    case TunnelState::Restarting:
      return QStringLiteral("Restarting");
    case TunnelState::Failed:
      return QStringLiteral("Failed");
  }
  return {};
}

bool applyCheckPoint(const QString &line, TunnelStatus *status) {
  const int at = line.indexOf(QLatin1String("CHECK_POINT|"));
  if (at < 0) return false;
  const QStringList fields = line.mid(at + 12).trimmed().split(QLatin1Char('|'));
  for (const QString &f : fields) {
    const QString key = f.section(QLatin1Char('='), 0, 0).trimmed();
    QString value = f.section(QLatin1Char('='), 1).trimmed();
    if (value.endsWith(QLatin1String("ms"))) value.chop(2);
    bool ok = false;
    const qint64 v = value.toLongLong(&ok);
    if (!ok) continue;
    if (key == QLatin1String("PING"))
      status->pingMs = v;
    else if (key == QLatin1String("POOL"))
      status->pool = v;
    else if (key == QLatin1String("TCPS"))
      status->tcpConnections = v;
    else if (key == QLatin1String("UDPS"))
      status->udpConnections = v;
    else if (key == QLatin1String("TCPRX"))
      status->rxBytes = v + qMax<qint64>(0, status->udpRx);
    else if (key == QLatin1String("TCPTX"))
      status->txBytes = v + qMax<qint64>(0, status->udpTx);
    else if (key == QLatin1String("UDPRX"))
      status->udpRx = v;
    else if (key == QLatin1String("UDPTX"))
      status->udpTx = v;
  }
  return true;
}

TunnelController::TunnelController(QString nodeProgram, QObject *parent)
    : QObject(parent), m_program(std::move(nodeProgram)), m_snapshotTimer(this) {
  m_snapshotTimer.setInterval(1000);
  connect(&m_snapshotTimer, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
}

TunnelController::~TunnelController() {
  for (auto &r : m_runners) halt(*r);
}

int TunnelController::backoffMs(int failures) { return qMin(30000, 1000 << qMin(failures, 5)); }

QList<TunnelStatus> TunnelController::snapshot() const {
  QList<TunnelStatus> out;
  for (const auto &r : m_runners) {
    TunnelStatus s = r->status;
    s.uptimeMs = s.state == TunnelState::Running ? r->upSince.elapsed() : 0;
    out.append(s);
  }
  return out;
}

void TunnelController::setTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  for (auto &r : m_runners) halt(*r);
  m_runners.clear();
  for (const auto &t : tunnels) {
    auto r = std::make_unique<Runner>();
    r->entry = t;
    r->status.name = t.name;
    r->status.maskedUrl = profiles::maskedTunnelUrl(t.url);
    QString why;
    if (const auto url = nodepass::parseTunnelUrl(t.url, &why)) {
      r->status.role =
          url->role == nodepass::Role::Server ? QStringLiteral("server") : QStringLiteral("client");
      if (!url->targets.isEmpty()) r->status.target = url->targets.first().toString();
    } else {
      r->status.role = t.url.section(QLatin1String("://"), 0, 0);
      r->status.lastError = why;
    }
    r->restartTimer.setSingleShot(true);
    Runner *raw = r.get();
    connect(&r->restartTimer, &QTimer::timeout, this, [this, raw] {
      if (raw->wanted) launch(*raw);
    });
    m_runners.push_back(std::move(r));
  }
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::startAutostart() {
  for (int i = 0; i < int(m_runners.size()); ++i) {
    if (m_runners[i]->entry.autostart) startTunnel(i);
  }
}

void TunnelController::stopAll() {
  for (int i = 0; i < int(m_runners.size()); ++i) stopTunnel(i);
}

void TunnelController::startTunnel(int index) {
  if (index < 0 || index >= int(m_runners.size())) return;
  Runner &r = *m_runners[index];
  r.wanted = true;
  r.failures = 0;
  if (!r.process) launch(r);
  if (!m_snapshotTimer.isActive()) m_snapshotTimer.start();
}

void TunnelController::stopTunnel(int index) {
  if (index < 0 || index >= int(m_runners.size())) return;
  halt(*m_runners[index]);
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::restartTunnel(int index) {
  stopTunnel(index);
  startTunnel(index);
}

void TunnelController::launch(Runner &r) {
  if (r.process) return;
  setState(
      r, r.status.restarts > 0 || r.failures > 0 ? TunnelState::Restarting : TunnelState::Starting);
  r.process = new QProcess(this);
  QProcess *p = r.process;
  p->setProgram(m_program);
  p->setArguments({r.entry.url});
  p->setProcessChannelMode(QProcess::SeparateChannels);
  p->setStandardOutputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
  // If the app dies without stopping its tunnels, the kernel stops them (no orphans holding
  // ports). The modifier runs in the child between fork and exec.
  p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
  Runner *raw = &r;
  connect(p, &QProcess::started, this, [this, raw] {
    raw->status.pid = raw->process ? raw->process->processId() : 0;
    raw->upSince.start();
    setState(*raw, TunnelState::Running);
  });
  connect(p, &QProcess::readyReadStandardError, this, [this, raw] { onStderr(*raw); });
  connect(p, &QProcess::finished, this,
          [this, raw](int code, QProcess::ExitStatus st) { onFinished(*raw, code, st); });
  connect(p, &QProcess::errorOccurred, this, [this, raw](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart) onFinished(*raw, -1, QProcess::CrashExit);
  });
  p->start();
}

void TunnelController::halt(Runner &r) {
  r.wanted = false;
  r.restartTimer.stop();
  if (QProcess *p = r.process) {
    r.process = nullptr;
    p->disconnect(this);
    p->terminate();
    if (!p->waitForFinished(1500)) {
      p->kill();
      p->waitForFinished(500);
    }
    p->deleteLater();
  }
  r.status.pid = 0;
  setState(r, TunnelState::Stopped);
}

void TunnelController::onStderr(Runner &r) {
  if (!r.process) return;
  r.stderrPartial += r.process->readAllStandardError();
  int nl;
  while ((nl = r.stderrPartial.indexOf('\n')) >= 0) {
    const QString line = QString::fromUtf8(r.stderrPartial.left(nl)).trimmed();
    r.stderrPartial.remove(0, nl + 1);
    if (line.isEmpty()) continue;
    if (applyCheckPoint(line, &r.status)) continue;  // counters, every 5 s: not log-worthy
    r.status.lastError = line;                       // the last line usually explains an exit
    qCInfo(lcTunnel).noquote() << r.entry.name + QStringLiteral(": ") + line;
  }
  if (r.stderrPartial.size() > 64 * 1024) r.stderrPartial.clear();
}

void TunnelController::onFinished(Runner &r, int exitCode, QProcess::ExitStatus status) {
  if (!r.process) return;
  onStderr(r);
  r.process->deleteLater();
  r.process = nullptr;
  r.status.pid = 0;
  const QString why = status == QProcess::CrashExit
                          ? QStringLiteral("crashed or could not start")
                          : QStringLiteral("exited with code %1").arg(exitCode);
  qCWarning(lcTunnel).noquote() << QStringLiteral("%1: %2").arg(r.entry.name, why);
  if (r.status.lastError.isEmpty()) r.status.lastError = why;
  setState(r, TunnelState::Failed);
  if (r.wanted) {
    ++r.status.restarts;
    r.restartTimer.start(backoffMs(r.failures++));
  }
}

void TunnelController::setState(Runner &r, TunnelState state) {
  if (r.status.state == state) return;
  r.status.state = state;
  if (state == TunnelState::Running) r.status.lastError.clear();
  Q_EMIT stateChanged(r.entry.name, state);
  Q_EMIT snapshotReady(snapshot());
}

}  // namespace routeless::desktop
