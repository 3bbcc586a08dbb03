#include "control/engine.h"

namespace routeless::control {

void Engine::meshTest(const QString &from, const QString &to, int seconds, MeshTestDone done) {
  mesh::MeshTestOutcome outcome;
  outcome.from = from;
  outcome.to = to;
  outcome.seconds = seconds;
  outcome.failure = mesh::MeshTestOutcome::Failure::Refused;
  outcome.error = QStringLiteral("this engine has no speed test");
  QMetaObject::invokeMethod(
      this, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
}

QString tunnelProtocolStatus(tunnels::TunnelState state) {
  switch (state) {
    case tunnels::TunnelState::Running:
    case tunnels::TunnelState::Waiting:
    case tunnels::TunnelState::Starting:
      return QStringLiteral("running");
    case tunnels::TunnelState::Failed:
    case tunnels::TunnelState::Restarting:
      return QStringLiteral("error");
    case tunnels::TunnelState::Stopped:
      break;
  }
  return QStringLiteral("stopped");
}

TunnelCounters tunnelCounters(const tunnels::TunnelStatus &s) {
  TunnelCounters c;
  c.mode = s.mode;
  c.ping = qMax<qint64>(0, s.pingMs);
  c.pool = qMax<qint64>(0, s.pool);
  c.tcps = qMax<qint64>(0, s.tcpConnections);
  c.udps = qMax<qint64>(0, s.udpConnections);
  c.udprx = quint64(qMax<qint64>(0, s.udpRx));
  c.udptx = quint64(qMax<qint64>(0, s.udpTx));
  c.tcprx = quint64(qMax<qint64>(0, s.rxBytes)) - c.udprx;
  c.tcptx = quint64(qMax<qint64>(0, s.txBytes)) - c.udptx;
  return c;
}

}  // namespace routeless::control
