#include "tunnelcontroller.h"

#include <QLoggingCategory>
#include <algorithm>

#include "net/backoff.h"

Q_LOGGING_CATEGORY(lcTunnel, "tunnel")

namespace routeless::desktop {

QString tunnelStateName(TunnelState state) {
  switch (state) {
    case TunnelState::Stopped:
      return QStringLiteral("Stopped");
    case TunnelState::Starting:
      return QStringLiteral("Starting");
    case TunnelState::Waiting:
      return QStringLiteral("Waiting");
    case TunnelState::Running:
      return QStringLiteral("Running");
    case TunnelState::Restarting:
      return QStringLiteral("Restarting");
    case TunnelState::Failed:
      return QStringLiteral("Failed");
  }
  return {};
}

TunnelController::TunnelController(QObject *parent) : QObject(parent), m_snapshotTimer(this) {
  m_snapshotTimer.setInterval(1000);
  connect(&m_snapshotTimer, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
}

TunnelController::~TunnelController() {
  for (auto &r : m_runners) halt(*r);
}

int TunnelController::backoffMs(int failures) { return net::backoffMs(failures, 1000, 30000); }

QList<TunnelStatus> TunnelController::snapshot() const {
  QList<TunnelStatus> out;
  for (const auto &r : m_runners) {
    TunnelStatus s = r->status;
    if (r->engine) r->engine->readCounters(&s);
    s.uptimeMs = s.state == TunnelState::Running ? r->upSince.elapsed() : 0;
    out.append(s);
  }
  return out;
}

std::unique_ptr<TunnelController::Runner> TunnelController::makeRunner(
    const profiles::TunnelEntry &t) {
  auto r = std::make_unique<Runner>();
  r->entry = t;
  r->status.name = t.name;
  r->status.maskedUrl = profiles::maskedTunnelUrl(t.url);
  r->status.role = tunnelRole(t.url);
  r->status.target = tunnelTarget(t.url);
  r->status.waitingIsIdle = r->status.role == QLatin1String("server");
  if (r->status.role.isEmpty()) r->status.role = t.url.section(QLatin1String("://"), 0, 0);
  r->restartTimer.setSingleShot(true);
  Runner *raw = r.get();
  connect(&r->restartTimer, &QTimer::timeout, this, [this, raw] {
    if (raw->wanted) launch(*raw);
  });
  return r;
}

void TunnelController::setTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  for (auto &r : m_runners) halt(*r);
  m_runners.clear();
  for (const auto &t : tunnels) m_runners.push_back(makeRunner(t));
  Q_EMIT snapshotReady(snapshot());
}

void TunnelController::updateTunnels(const QList<profiles::TunnelEntry> &tunnels) {
  std::vector<std::unique_ptr<Runner>> old = std::move(m_runners);
  m_runners.clear();
  for (const auto &t : tunnels) {
    auto same =
        std::find_if(old.begin(), old.end(), [&t](const auto &r) { return r && r->entry == t; });
    if (same != old.end()) {
      m_runners.push_back(std::move(*same));
    } else {
      m_runners.push_back(makeRunner(t));
    }
  }
  for (auto &r : old) {
    if (r) halt(*r);
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
  r.restartTimer.stop();
  if (!r.engine) launch(r);
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
  if (r.engine) return;
  const bool again = r.status.restarts > 0 || r.failures > 0;
  QString error;
  r.engine = makeTunnelEngine(r.entry.url, &error);
  if (!r.engine) return onFailed(r, error, false);  // a bad URL does not get better
  setState(r, again ? TunnelState::Restarting : TunnelState::Starting);
  Runner *raw = &r;
  TunnelEngine *engine = r.engine.get();
  connect(engine, &TunnelEngine::linked, this, [this, raw] {
    raw->failures = 0;
    raw->upSince.start();
    setState(*raw, TunnelState::Running);
  });
  connect(engine, &TunnelEngine::unlinked, this,
          [this, raw](const QString &reason) {
            raw->status.lastError = reason;
            qCWarning(lcTunnel).noquote()
                << QStringLiteral("%1: link lost: %2").arg(raw->entry.name, reason);
            setState(*raw, TunnelState::Waiting);
          });
  connect(engine, &TunnelEngine::failed, this,
          [this, raw](const QString &reason) { onFailed(*raw, reason, true); });
  connect(engine, &TunnelEngine::refused, this,
          [this, raw](const QString &reason) { onFailed(*raw, reason, false); });
  connect(
      engine, &TunnelEngine::logLine, this,
      [this, raw](TunnelEngine::Level level, const QString &text) { onLog(*raw, level, text); });
  if (!engine->start(&error)) return onFailed(r, error, true);
  setState(r, TunnelState::Waiting);
}

void TunnelController::halt(Runner &r) {
  r.wanted = false;
  r.restartTimer.stop();
  discardEngine(r, false);
  setState(r, TunnelState::Stopped);
}

void TunnelController::onLog(Runner &r, TunnelEngine::Level level, const QString &text) {
  const QString line = r.entry.name + QStringLiteral(": ") + text;
  switch (level) {
    case TunnelEngine::Level::Debug:
      qCDebug(lcTunnel).noquote() << line;
      break;
    case TunnelEngine::Level::Info:
      qCInfo(lcTunnel).noquote() << line;
      break;
    case TunnelEngine::Level::Warn:
      qCWarning(lcTunnel).noquote() << line;
      break;
    case TunnelEngine::Level::Error:
      r.status.lastError = text;
      qCWarning(lcTunnel).noquote() << line;
      break;
  }
}

void TunnelController::discardEngine(Runner &r, bool fromItsSignal) {
  if (!r.engine) return;
  TunnelEngine *engine = r.engine.release();
  engine->disconnect(this);
  engine->stop();
  // Called from one of the engine's own signals, it must outlive that emission.
  if (fromItsSignal)
    engine->deleteLater();
  else
    delete engine;
}

void TunnelController::onFailed(Runner &r, const QString &reason, bool retry) {
  discardEngine(r, true);
  r.status.lastError = reason;
  qCWarning(lcTunnel).noquote() << QStringLiteral("%1: %2").arg(r.entry.name, reason);
  setState(r, TunnelState::Failed);
  if (r.wanted && retry) {
    ++r.status.restarts;
    r.restartTimer.start(backoffMs(r.failures++));
  }
}

void TunnelController::setState(Runner &r, TunnelState state) {
  if (r.status.state == state) return;
  r.status.state = state;
  if (state == TunnelState::Running) r.status.lastError.clear();
  int index = 0;
  while (index < int(m_runners.size()) && m_runners[size_t(index)].get() != &r) ++index;
  Q_EMIT stateChanged(index, r.entry.name, state, r.status.lastError);
  Q_EMIT snapshotReady(snapshot());
}

}  // namespace routeless::desktop
