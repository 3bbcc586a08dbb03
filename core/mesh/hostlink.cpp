#include "mesh/hostlink.h"

#include <QLoggingCategory>
#include <algorithm>
#include <atomic>
#include <utility>

#include "mesh/agentinstaller.h"
#include "mesh/configurebuilder.h"
#include "mesh/router.h"
#include "net/backoff.h"
#include "platform/childguard.h"

Q_LOGGING_CATEGORY(lcHost, "routeless.mesh")

namespace routeless::mesh {
namespace {

// NoRouter numbers configure requests with one process-wide counter starting at 1.
std::atomic<qint64> g_nextRequestId{1};

QString shellJoin(const QString &program, const QStringList &args) {
  QStringList parts{program};
  parts += args;
  for (QString &p : parts)
    if (p.isEmpty() || p.contains(QLatin1Char(' ')) || p.contains(QLatin1Char('"')))
      p = QLatin1Char('"') + QString(p).replace(QLatin1Char('"'), QLatin1String("\\\"")) +
          QLatin1Char('"');
  return parts.join(QLatin1Char(' '));
}

}  // namespace

std::string HostPlan::configureRequest(int64_t id) const {
  if (mesh) return mesh->request(meshIndex, id);
  return agent::encodeConfigureRequest(id, configure);
}

agent::ConfigureArgs HostPlan::fullConfigure() const {
  return mesh ? mesh->args(meshIndex) : configure;
}

QString hostStateName(HostState state) {
  switch (state) {
    case HostState::Stopped:
      return QStringLiteral("stopped");
    case HostState::Starting:
      return QStringLiteral("starting");
    case HostState::Ready:
      return QStringLiteral("ready");
    case HostState::Restarting:
      return QStringLiteral("restarting");
    case HostState::Failed:
      return QStringLiteral("failed");
  }
  return QStringLiteral("unknown");
}

HostLink::HostLink(HostPlan plan, L3Sink onL3, SuggestionSink onSuggestion, QObject *parent)
    : QObject(parent),
      m_plan(std::move(plan)),
      m_onL3(std::move(onL3)),
      m_onSuggestion(std::move(onSuggestion)) {
  m_vipAddress = Router::parseIpv4(m_plan.vip).value_or(0);
  m_counters.name = m_plan.name;
  m_counters.vip = m_plan.vip;
  m_counters.command = shellJoin(m_plan.program, m_plan.arguments);
  m_restartTimer.setSingleShot(true);
  connect(&m_restartTimer, &QTimer::timeout, this, &HostLink::start);
}

HostLink::~HostLink() {
  if (m_process) {
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
      m_process->kill();
      m_process->waitForFinished(1000);
    }
  }
}

int HostLink::backoffMs(int consecutiveFailures) {
  if (consecutiveFailures <= 0) return 0;
  return net::backoffMs(consecutiveFailures - 1, 250, 30000);
}

void HostLink::start() {
  m_stopping = false;
  if (m_process) {
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
  }
  m_decoder = agent::FrameDecoder();
  m_stderrPartial.clear();
  m_reconfiguring = false;
  // An automatic restart keeps the last failure on show until the agent is Ready again.
  if (m_consecutiveFailures == 0) {
    m_counters.lastError.clear();
    m_counters.lastStderr.clear();
  }
  m_counters.pid = 0;
  if (!m_plan.zeroInstall) return launch(m_plan.program, m_plan.arguments);
  setState(HostState::Starting);
  if (!m_builds) m_builds.emplace();
  if (m_installer) m_installer->deleteLater();
  m_installer =
      new AgentInstaller(m_plan.name, m_plan.transport, m_plan.agentName, *m_builds, this);
  connect(m_installer, &AgentInstaller::finished, this, &HostLink::onInstalled);
  qCInfo(lcHost).noquote() << QStringLiteral("probing %1(%2) for an agent: %3")
                                  .arg(m_plan.name, m_plan.vip,
                                       shellJoin(m_plan.transport.value(0, QStringLiteral("sh")),
                                                 m_plan.transport.mid(1)));
  m_upSince.start();
  m_installer->start();
}

void HostLink::onInstalled(const AgentInstallResult &r) {
  if (m_stopping) {
    setState(HostState::Stopped);
    Q_EMIT stopped();
    return;
  }
  if (!r.ok) return fail(r.error, r.retryable);
  m_counters.agentSource = agentSourceName(r.source);
  m_counters.agentTarget = r.target;
  qCInfo(lcHost).noquote() << QStringLiteral("%1(%2): agent %3: %4")
                                  .arg(m_plan.name, m_plan.vip, m_counters.agentSource,
                                       r.remotePath);
  launch(r.program,
         r.arguments + QStringList{QStringLiteral("agent"), QStringLiteral("--automated")});
}

void HostLink::launch(const QString &program, const QStringList &arguments) {
  m_counters.command = shellJoin(program, arguments);
  m_process = new QProcess(this);
  // An agent never outlives its manager, even one killed with SIGKILL; larger pipes carry 64K
  // packets with fewer wake-ups.
  platform::guardChild(*m_process, {.largePipes = true});
  connect(m_process, &QProcess::readyReadStandardOutput, this, &HostLink::onStdout);
  connect(m_process, &QProcess::readyReadStandardError, this, &HostLink::onStderr);
  connect(m_process, &QProcess::finished, this, &HostLink::onFinished);
  connect(m_process, &QProcess::errorOccurred, this, &HostLink::onErrorOccurred);
  setState(HostState::Starting);
  qCInfo(lcHost).noquote()
      << QStringLiteral("starting %1(%2): %3").arg(m_plan.name, m_plan.vip, m_counters.command);
  m_process->start(program, arguments, QIODevice::ReadWrite | QIODevice::Unbuffered);
  m_upSince.start();
  // As NoRouter: the configure request is written at once, without waiting for the agent.
  m_requestId = g_nextRequestId.fetch_add(1);
  const std::string request =
      agent::encodeFrame(agent::FrameType::Json, m_plan.configureRequest(m_requestId));
  sendFrame(QByteArrayView(request.data(), qsizetype(request.size())));
}

void HostLink::stop() {
  m_stopping = true;
  m_restartTimer.stop();
  if (m_installer) {  // a probe or upload under way: its process is killed with it
    m_installer->disconnect(this);
    m_installer->deleteLater();
    m_installer = nullptr;
  }
  if (!isRunning()) {
    setState(HostState::Stopped);
    Q_EMIT stopped();
    return;
  }
  m_process->closeWriteChannel();
  // Agents exit on stdin EOF; a remote command (ssh) may need a signal.
  QTimer::singleShot(1500, m_process, [p = m_process] {
    if (p->state() != QProcess::NotRunning) p->terminate();
  });
  QTimer::singleShot(4000, m_process, [p = m_process] {
    if (p->state() != QProcess::NotRunning) p->kill();
  });
}

bool HostLink::canReconfigure() const {
  return m_state == HostState::Ready && isRunning() &&
         m_counters.agentFeatures.contains(QLatin1String(agent::kReconfigureFeature));
}

bool HostLink::canReconfigureForwards() const {
  return canReconfigure() &&
         m_counters.agentFeatures.contains(QLatin1String(agent::kReconfigureForwardsFeature));
}

void HostLink::reconfigure(const HostPlan &plan) {
  m_plan.configure = plan.configure;
  m_plan.mesh = plan.mesh;
  m_plan.meshIndex = plan.meshIndex;
  m_reconfiguring = true;
  m_requestId = g_nextRequestId.fetch_add(1);
  qCInfo(lcHost).noquote()
      << QStringLiteral("%1(%2): reconfiguring in place").arg(m_plan.name, m_plan.vip);
  sendFrame(agent::encodeFrame(agent::FrameType::Json, m_plan.configureRequest(m_requestId)));
}

qint64 HostLink::sendMeshTest(const agent::MeshTestArgs &args) {
  // Ids from the same counter as configure requests: a result can never be mistaken.
  agent::MeshTestRequest request;
  request.id = g_nextRequestId.fetch_add(1);
  request.args = args;
  if (!sendFrame(agent::encodeFrame(agent::FrameType::Json, agent::encodeMeshTestRequest(request))))
    return 0;
  return request.id;
}

bool HostLink::sendFrame(QByteArrayView frame) {
  if (!m_process || m_process->state() == QProcess::NotRunning ||
      m_process->bytesToWrite() > kMaxQueuedBytes) {
    ++m_counters.framesDropped;
    return false;
  }
  m_process->write(frame.data(), frame.size());
  ++m_counters.framesOut;
  m_counters.bytesOut += quint64(frame.size());
  return true;
}

HostStatus HostLink::status() const {
  HostStatus s = m_counters;
  s.state = m_state;
  s.pid = m_process ? m_process->processId() : 0;
  s.uptimeMs =
      (m_state == HostState::Ready || m_state == HostState::Starting) && m_upSince.isValid()
          ? m_upSince.elapsed()
          : 0;
  return s;
}

void HostLink::onStdout() {
  if (!m_process) return;
  const QByteArray chunk = m_process->readAllStandardOutput();
  m_counters.bytesIn += quint64(chunk.size());
  const std::string_view bytes(chunk.constData(), size_t(chunk.size()));
  const bool ok = m_decoder.feed(bytes, [this](const agent::FrameDecoder::Frame &f) {
    ++m_counters.framesIn;
    if (f.type == quint16(agent::FrameType::L3)) {
      if (m_onL3)
        m_onL3(*this,
               QByteArrayView(f.payload.data() - agent::kFrameHeaderSize,
                              qsizetype(f.payload.size() + agent::kFrameHeaderSize)),
               QByteArrayView(f.payload.data(), qsizetype(f.payload.size())));
    } else if (f.type == quint16(agent::FrameType::Json)) {
      handleJson(f.payload);
    } else {
      qCWarning(lcHost).noquote() << QStringLiteral("%1(%2): unexpected frame type %3, skipped")
                                         .arg(m_plan.name, m_plan.vip)
                                         .arg(f.type);
    }
  });
  if (!ok)
    fail(QStringLiteral("broken stdout stream: %1").arg(QString::fromStdString(m_decoder.error())),
         true);
}

void HostLink::handleJson(std::string_view payload) {
  std::string error;
  const auto msg = agent::decodeMessage(payload, &error);
  if (!msg) {
    qCWarning(lcHost).noquote() << QStringLiteral("%1(%2): bad JSON frame: %3")
                                       .arg(m_plan.name, m_plan.vip, QString::fromStdString(error));
    return;
  }
  if (const auto *result = std::get_if<agent::ConfigureResult>(&*msg)) {
    if (std::exchange(m_reconfiguring, false)) {
      if (!result->error.empty()) {
        fail(QStringLiteral("agent refused the new configuration: %1")
                 .arg(QString::fromStdString(result->error)),
             true);
        return;
      }
      qCInfo(lcHost).noquote()
          << QStringLiteral("%1(%2): reconfigured").arg(m_plan.name, m_plan.vip);
      return;
    }
    if (!result->error.empty()) {
      fail(QStringLiteral("agent reported a configure error: %1")
               .arg(QString::fromStdString(result->error)),
           true);
      return;
    }
    m_counters.agentVersion = QString::fromStdString(result->version);
    m_counters.agentFeatures.clear();
    for (const std::string &f : result->features)
      m_counters.agentFeatures.append(QString::fromStdString(f));
    if (result->version != agent::kNoRouterVersion)
      qCInfo(lcHost).noquote() << QStringLiteral("%1(%2): agent version %3 (manager speaks %4)")
                                      .arg(m_plan.name, m_plan.vip, m_counters.agentVersion,
                                           QLatin1String(agent::kNoRouterVersion));
    if (!m_counters.agentFeatures.contains(QLatin1String("tcp"))) {
      fail(QStringLiteral("agent does not support the \"tcp\" feature"), false);
      return;
    }
    if (m_plan.configure.loopbackDisable &&
        !m_counters.agentFeatures.contains(QLatin1String("loopback.disable"))) {
      fail(QStringLiteral("loopback.disable was requested but the agent cannot honour it; "
                          "stopped for security"),
           false);
      return;
    }
    for (const char *f : {"http", "socks", "etchosts", "routes", "dns"}) {
      const bool wanted = (QByteArrayView(f) == "http" && !m_plan.configure.httpListen.empty()) ||
                          (QByteArrayView(f) == "socks" && !m_plan.configure.socksListen.empty()) ||
                          (QByteArrayView(f) == "etchosts" && m_plan.configure.writeEtcHosts) ||
                          (QByteArrayView(f) == "routes" && !m_plan.configure.routes.empty());
      if (wanted && !m_counters.agentFeatures.contains(QLatin1String(f)))
        qCWarning(lcHost).noquote() << QStringLiteral("%1(%2): agent lacks feature \"%3\"")
                                           .arg(m_plan.name, m_plan.vip, QLatin1String(f));
    }
    // "/udp" ports went in keys a NoRouter agent ignores (agent::kUdpFeature): say so.
    const auto &forwards = m_plan.configure.forwards;
    if (std::any_of(forwards.begin(), forwards.end(),
                    [](const agent::Forward &f) { return f.proto == "udp"; }) &&
        !m_counters.agentFeatures.contains(QLatin1String(agent::kUdpFeature)))
      qCWarning(lcHost).noquote()
          << QStringLiteral("%1(%2): agent lacks feature \"udp\": its /udp ports are not served")
                 .arg(m_plan.name, m_plan.vip);
    m_consecutiveFailures = 0;
    m_counters.lastError.clear();
    m_counters.lastStderr.clear();
    setState(HostState::Ready);
    qCInfo(lcHost).noquote() << QStringLiteral("Ready: %1 (%2)").arg(m_plan.vip, m_plan.name);
    return;
  }
  if (const auto *test = std::get_if<agent::MeshTestResult>(&*msg)) {
    if (onMeshTestResult) onMeshTestResult(*this, *test);
    return;
  }
  if (const auto *suggestion = std::get_if<agent::RouteSuggestion>(&*msg)) {
    if (m_onSuggestion) m_onSuggestion(*this, *suggestion);
    return;
  }
  const auto &other = std::get<agent::OtherMessage>(*msg);
  qCInfo(lcHost).noquote() << QStringLiteral("%1(%2): ignored %3 \"%4\"")
                                  .arg(m_plan.name, m_plan.vip, QString::fromStdString(other.kind),
                                       QString::fromStdString(other.op));
}

void HostLink::onStderr() {
  if (!m_process) return;
  m_stderrPartial += m_process->readAllStandardError();
  qsizetype start = 0;
  for (qsizetype nl; (nl = m_stderrPartial.indexOf('\n', start)) >= 0; start = nl + 1)
    logStderrLine(QByteArrayView(m_stderrPartial).sliced(start, nl - start));
  m_stderrPartial.remove(0, start);
  if (m_stderrPartial.size() > 64 * 1024) {  // a line without end: log what we have
    logStderrLine(m_stderrPartial);
    m_stderrPartial.clear();
  }
}

bool HostLink::isRoutineStderr(QByteArrayView line) {
  return line.contains("level=info") || line.contains("level=debug");
}

void HostLink::logStderrLine(QByteArrayView line) {
  if (line.endsWith('\r')) line.chop(1);
  if (line.trimmed().isEmpty()) return;
  constexpr qsizetype kMaxKept = 500;
  if (!isRoutineStderr(line))
    m_counters.lastStderr = QString::fromUtf8(line.first(qMin(line.size(), kMaxKept))).trimmed();
  qCInfo(lcHost).noquote()
      << QStringLiteral("stderr[%1(%2)]: %3").arg(m_plan.name, m_plan.vip, QString::fromUtf8(line));
}

void HostLink::onErrorOccurred(QProcess::ProcessError error) {
  if (error == QProcess::FailedToStart)
    fail(QStringLiteral("cannot start \"%1\": %2").arg(m_plan.program, m_process->errorString()),
         true);
}

void HostLink::onFinished(int exitCode, QProcess::ExitStatus exitStatus) {
  onStderr();
  if (!m_stderrPartial.isEmpty()) {
    logStderrLine(m_stderrPartial);
    m_stderrPartial.clear();
  }
  if (m_stopping) {
    qCInfo(lcHost).noquote()
        << QStringLiteral("%1(%2): agent stopped").arg(m_plan.name, m_plan.vip);
    setState(HostState::Stopped);
    Q_EMIT stopped();
    return;
  }
  if (m_state == HostState::Failed && !m_restartTimer.isActive()) return;  // already reported
  const QString why = exitStatus == QProcess::CrashExit
                          ? QStringLiteral("agent died (signal or crash)")
                          : QStringLiteral("agent exited with status %1").arg(exitCode);
  if (m_state == HostState::Restarting) return;  // fail() already scheduled the restart
  fail(why, true);
}

void HostLink::fail(const QString &why, bool restart) {
  m_counters.lastError = why;
  qCWarning(lcHost).noquote() << QStringLiteral("%1(%2): %3").arg(m_plan.name, m_plan.vip, why);
  if (m_process && m_process->state() != QProcess::NotRunning) {
    // Close the link: nothing more is read from or written to this agent.
    m_process->disconnect(this);
    connect(m_process, &QProcess::finished, m_process, &QObject::deleteLater);
    m_process->kill();
    m_process = nullptr;
  }
  if (restart && !m_stopping) {
    scheduleRestart();
  } else {
    setState(HostState::Failed);
  }
}

void HostLink::scheduleRestart() {
  // An agent that ran well for a while starts over with the shortest delay.
  if (m_upSince.isValid() && m_upSince.elapsed() > 30000) m_consecutiveFailures = 0;
  ++m_consecutiveFailures;
  const int delay = backoffMs(m_consecutiveFailures);
  ++m_counters.restarts;
  setState(HostState::Restarting);
  qCInfo(lcHost).noquote()
      << QStringLiteral("%1(%2): restarting in %3 ms").arg(m_plan.name, m_plan.vip).arg(delay);
  m_restartTimer.start(delay);
}

void HostLink::setState(HostState state) {
  if (m_state == state) return;
  m_state = state;
  Q_EMIT stateChanged(m_plan.name, state);
}

}  // namespace routeless::mesh
