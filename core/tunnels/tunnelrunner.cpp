#include "tunnels/tunnelrunner.h"

#include "net/backoff.h"
#include "profiles/profile.h"

namespace routeless::tunnels {

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

int TunnelRunner::backoffMs(int failures) { return net::backoffMs(failures, 1000, 30000); }

TunnelRunner::TunnelRunner(const QString &name, const QString &url, QObject *parent)
    : QObject(parent), m_name(name), m_url(url), m_restartTimer(this) {
  m_status.name = name;
  m_status.maskedUrl = profiles::maskedTunnelUrl(url);
  m_status.role = tunnelRole(url);
  m_status.target = tunnelTarget(url);
  m_status.waitingIsIdle = m_status.role == QLatin1String("server");
  if (m_status.role.isEmpty()) m_status.role = url.section(QLatin1String("://"), 0, 0);
  m_restartTimer.setSingleShot(true);
  connect(&m_restartTimer, &QTimer::timeout, this, [this] {
    if (m_wanted) launch();
  });
}

TunnelRunner::~TunnelRunner() {
  m_wanted = false;
  discardEngine(false);
}

TunnelRunner::Traffic TunnelRunner::engineTraffic() const {
  Traffic t;
  if (!m_engine) return t;
  const EngineCounters c = m_engine->counters();
  t.tcpRx = quint64(qMax<qint64>(0, c.tcpRx));
  t.tcpTx = quint64(qMax<qint64>(0, c.tcpTx));
  t.udpRx = quint64(qMax<qint64>(0, c.udpRx));
  t.udpTx = quint64(qMax<qint64>(0, c.udpTx));
  return t;
}

TunnelStatus TunnelRunner::status() const {
  TunnelStatus s = m_status;
  s.uptimeMs = s.state == TunnelState::Running ? m_upSince.elapsed() : 0;
  if (!m_ran) return s;  // never ran: no counters to show
  // Bytes stay counted between engine runs, so traffic does not vanish when a tunnel restarts.
  const Traffic now = engineTraffic();
  auto since = [](quint64 carried, quint64 live, quint64 offset) {
    return qint64(carried + (live > offset ? live - offset : 0));
  };
  s.rxBytes = since(m_carried.tcpRx, now.tcpRx, m_offset.tcpRx);
  s.txBytes = since(m_carried.tcpTx, now.tcpTx, m_offset.tcpTx);
  if (s.role != QLatin1String("device")) {
    s.udpRx = since(m_carried.udpRx, now.udpRx, m_offset.udpRx);
    s.udpTx = since(m_carried.udpTx, now.udpTx, m_offset.udpTx);
    s.rxBytes += s.udpRx;
    s.txBytes += s.udpTx;
  }
  if (m_engine) {
    const EngineCounters c = m_engine->counters();
    s.pool = c.pool;
    s.tcpConnections = c.tcpSessions;
    s.udpConnections = c.udpSessions;
    s.pingMs = c.pingMs;
    s.mode = c.mode;
  }
  return s;
}

void TunnelRunner::resetTraffic() {
  m_carried = Traffic{};
  m_offset = engineTraffic();
}

void TunnelRunner::start() {
  m_wanted = true;
  m_failures = 0;
  m_restartTimer.stop();
  if (!m_engine) launch();
}

void TunnelRunner::stop() {
  m_wanted = false;
  m_restartTimer.stop();
  discardEngine(false);
  setState(TunnelState::Stopped);
}

void TunnelRunner::restart() {
  stop();
  start();
}

void TunnelRunner::launch() {
  if (m_engine) return;
  const bool again = m_status.restarts > 0 || m_failures > 0;
  QString error;
  m_engine = makeTunnelEngine(m_url, &error);
  if (!m_engine) return onFailed(error, false);  // a bad URL does not get better
  setState(again ? TunnelState::Restarting : TunnelState::Starting);
  m_ran = true;
  TunnelEngine *engine = m_engine.get();
  connect(engine, &TunnelEngine::linked, this, [this] {
    m_failures = 0;
    m_upSince.start();
    setState(TunnelState::Running);
  });
  connect(engine, &TunnelEngine::unlinked, this, [this](const QString &reason) {
    m_status.lastError = reason;
    Q_EMIT logLine(TunnelEngine::Level::Warn, QStringLiteral("link lost: %1").arg(reason));
    setState(TunnelState::Waiting);
  });
  connect(engine, &TunnelEngine::failed, this,
          [this](const QString &reason) { onFailed(reason, true); });
  connect(engine, &TunnelEngine::refused, this,
          [this](const QString &reason) { onFailed(reason, false); });
  connect(engine, &TunnelEngine::reported, this, &TunnelRunner::reported);
  connect(engine, &TunnelEngine::logLine, this,
          [this](TunnelEngine::Level level, const QString &text) {
            if (level == TunnelEngine::Level::Error) m_status.lastError = text;
            Q_EMIT logLine(level, text);
          });
  if (!engine->start(&error)) return onFailed(error, true);
  setState(TunnelState::Waiting);
}

void TunnelRunner::discardEngine(bool fromItsSignal) {
  if (!m_engine) return;
  // What this run carried stays counted.
  const Traffic last = engineTraffic();
  auto add = [](quint64 *carried, quint64 live, quint64 offset) {
    *carried += live > offset ? live - offset : 0;
  };
  add(&m_carried.tcpRx, last.tcpRx, m_offset.tcpRx);
  add(&m_carried.tcpTx, last.tcpTx, m_offset.tcpTx);
  add(&m_carried.udpRx, last.udpRx, m_offset.udpRx);
  add(&m_carried.udpTx, last.udpTx, m_offset.udpTx);
  m_offset = Traffic{};
  TunnelEngine *engine = m_engine.release();
  engine->disconnect(this);
  engine->stop();
  // Called from one of the engine's own signals, it must outlive that emission.
  if (fromItsSignal)
    engine->deleteLater();
  else
    delete engine;
}

void TunnelRunner::onFailed(const QString &reason, bool retry) {
  discardEngine(true);
  m_status.lastError = reason;
  Q_EMIT logLine(TunnelEngine::Level::Error, reason);
  setState(TunnelState::Failed);
  if (m_wanted && retry) {
    ++m_status.restarts;
    const int delay = backoffMs(m_failures++);
    Q_EMIT logLine(TunnelEngine::Level::Info, QStringLiteral("restarting in %1 ms").arg(delay));
    m_restartTimer.start(delay);
  }
}

void TunnelRunner::setState(TunnelState state) {
  if (m_status.state == state) return;
  m_status.state = state;
  if (state == TunnelState::Running) m_status.lastError.clear();
  Q_EMIT stateChanged(state, m_status.lastError);
}

}  // namespace routeless::tunnels
