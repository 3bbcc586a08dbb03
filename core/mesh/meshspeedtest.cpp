// MeshManager's speed test between two hosts (the agents' "meshTest" extension): refusals,
// the one request to the `from` agent, its deadline and the outcome. Kept apart from the
// switching in meshmanager.cpp.

#include <QLoggingCategory>

#include "agent/speedtest/speedtestclient.h"
#include "agent/speedtest/speedtestservice.h"
#include "mesh/meshmanager.h"

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace routeless::mesh {

double MeshTestOutcome::upBitsPerSecond() const {
  return figures.upMs > 0 ? double(figures.upBytes) * 8000.0 / double(figures.upMs) : 0.0;
}

double MeshTestOutcome::downBitsPerSecond() const {
  return figures.downMs > 0 ? double(figures.downBytes) * 8000.0 / double(figures.downMs) : 0.0;
}

QString MeshManager::meshTestRefusal(const QString &from, const QString &to, int seconds,
                                     MeshTestOutcome::Failure *kind) const {
  *kind = MeshTestOutcome::Failure::Refused;
  if (!m_running) return QStringLiteral("the mesh is not running");
  if (m_meshTest.done) {
    *kind = MeshTestOutcome::Failure::Busy;
    return QStringLiteral("a speed test from %1 to %2 is already running; try again when it ends")
        .arg(m_meshTest.outcome.from, m_meshTest.outcome.to);
  }
  if (seconds < 0 || seconds > agent::kMeshTestMaxSeconds)
    return QStringLiteral("seconds must be 1 to %1 (0: %2)")
        .arg(agent::kMeshTestMaxSeconds)
        .arg(agent::kMeshTestDefaultSeconds);
  if (from == to) return QStringLiteral("pick two different hosts (both are %1)").arg(from);
  for (const QString &name : {from, to}) {
    const auto it = std::find_if(m_links.begin(), m_links.end(),
                                 [&name](const auto &l) { return l->plan().name == name; });
    if (it == m_links.end()) {
      *kind = MeshTestOutcome::Failure::UnknownHost;
      return QStringLiteral("no host named \"%1\" in the mesh").arg(name);
    }
    const HostStatus status = (*it)->status();
    if (status.state != HostState::Ready)
      return QStringLiteral("%1 is not ready (%2)").arg(name, hostStateName(status.state));
    if (!status.agentFeatures.contains(QLatin1String(agent::kMeshTestFeature))) {
      // Our agents advertise "reconfigure"; an agent without either is NoRouter's own.
      if (!status.agentFeatures.contains(QLatin1String(agent::kReconfigureFeature)))
        return QStringLiteral("%1 runs NoRouter %2's agent, which has no speed test")
            .arg(name, status.agentVersion.isEmpty() ? QStringLiteral("?") : status.agentVersion);
      return QStringLiteral(
                 "%1's agent has no speed test (an older Routeless agent, or a forward uses "
                 "port %2)")
          .arg(name)
          .arg(agent::kMeshTestPort);
    }
  }
  return QString();
}

void MeshManager::startMeshTest(const QString &from, const QString &to, int seconds,
                                MeshTestDone done) {
  MeshTestOutcome outcome;
  outcome.from = from;
  outcome.to = to;
  outcome.seconds = seconds == 0 ? int(agent::kMeshTestDefaultSeconds) : seconds;
  outcome.error = meshTestRefusal(from, to, seconds, &outcome.failure);
  if (outcome.error.isEmpty()) outcome.failure = MeshTestOutcome::Failure::None;
  HostLink *fromLink = nullptr, *toLink = nullptr;
  for (const auto &l : m_links) {
    if (l->plan().name == from) fromLink = l.get();
    if (l->plan().name == to) toLink = l.get();
  }
  if (outcome.error.isEmpty()) {
    outcome.path << QStringLiteral("%1 (%2)").arg(from, fromLink->plan().vip)
                 << QStringLiteral("manager");
    const auto via = m_router.route(toLink->vipAddress());
    if (via && *via != toLink->vipAddress())
      if (HostLink *bastion = m_byVip.value(*via))
        outcome.path << QStringLiteral("%1 (%2)").arg(bastion->plan().name, bastion->plan().vip);
    outcome.path << QStringLiteral("%1 (%2)").arg(to, toLink->plan().vip);
    agent::MeshTestArgs args;
    args.to = toLink->plan().vip.toStdString();
    args.seconds = seconds;
    const qint64 id = fromLink->sendMeshTest(args);
    if (id == 0) outcome.error = QStringLiteral("%1's agent cannot take a request now").arg(from);
    m_meshTest.requestId = id;
  }
  if (!outcome.error.isEmpty()) {
    if (outcome.failure == MeshTestOutcome::Failure::None)
      outcome.failure = MeshTestOutcome::Failure::Refused;
    qCInfo(lcHost).noquote()
        << QStringLiteral("speed test %1 -> %2 refused: %3").arg(from, to, outcome.error);
    done(outcome);
    return;
  }
  m_meshTest.outcome = outcome;
  m_meshTest.done = std::move(done);
  // The agent's own steps are bounded; this covers an agent that never answers.
  const int deadlineMs =
      int(agent::SpeedTestClient::kConnects * agent::SpeedTestClient::kConnectTimeoutMs +
          2 * (outcome.seconds * 1000 + agent::SpeedTestClient::kStepGraceMs) + 10000);
  m_meshTestDeadline.start(deadlineMs);  // connected in the constructor
  qCInfo(lcHost).noquote()
      << QStringLiteral("speed test %1 -> %2 (%3 s each way)").arg(from, to).arg(outcome.seconds);
}

void MeshManager::onMeshTestResult(HostLink &from, const agent::MeshTestResult &result) {
  if (!m_meshTest.done || result.requestId != m_meshTest.requestId ||
      from.plan().name != m_meshTest.outcome.from) {
    qCInfo(lcHost).noquote() << QStringLiteral("%1(%2): ignored a late meshTest result %3")
                                    .arg(from.plan().name, from.plan().vip)
                                    .arg(result.requestId);
    return;
  }
  finishMeshTest(QString::fromStdString(result.error), result.figures);
}

void MeshManager::finishMeshTest(const QString &error, const agent::MeshTestFigures &figures) {
  if (!m_meshTest.done) return;
  m_meshTestDeadline.stop();
  MeshTestOutcome outcome = m_meshTest.outcome;
  outcome.error = error;
  if (error.isEmpty()) outcome.figures = figures;
  outcome.failure =
      error.isEmpty() ? MeshTestOutcome::Failure::None : MeshTestOutcome::Failure::Failed;
  MeshTestDone done = std::move(m_meshTest.done);
  m_meshTest = {};
  if (error.isEmpty())
    qCInfo(lcHost).noquote()
        << QStringLiteral(
               "speed test %1 -> %2: latency %3 us (median), up %4 Mbit/s, down %5 "
               "Mbit/s")
               .arg(outcome.from, outcome.to)
               .arg(figures.latencyMedianUs)
               .arg(outcome.upBitsPerSecond() / 1e6, 0, 'f', 1)
               .arg(outcome.downBitsPerSecond() / 1e6, 0, 'f', 1);
  else
    qCInfo(lcHost).noquote()
        << QStringLiteral("speed test %1 -> %2 failed: %3").arg(outcome.from, outcome.to, error);
  done(outcome);
}

}  // namespace routeless::mesh
