#include "mesh/meshmanager.h"

#include <QLoggingCategory>
#include <QPointer>
#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace routeless::mesh {

MeshManager::MeshManager(QObject *parent) : QObject(parent) {
  qRegisterMetaType<MeshSnapshot>();
  qRegisterMetaType<HostState>();
  qRegisterMetaType<MeshTestOutcome>();
  m_snapshotTimer.setInterval(1000);
  connect(&m_snapshotTimer, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
  // State changes reach the GUI at once (coalesced), so progress shows as it happens.
  m_changeSnapshot.setSingleShot(true);
  m_changeSnapshot.setInterval(50);
  connect(&m_changeSnapshot, &QTimer::timeout, this, [this] {
    if (m_running) Q_EMIT snapshotReady(snapshot());
  });
  // Unknown destinations are logged at most once a second, with a count.
  m_unroutableTimer.setInterval(1000);
  connect(&m_unroutableTimer, &QTimer::timeout, this, &MeshManager::reportUnroutable);
  m_meshTestDeadline.setSingleShot(true);
  connect(&m_meshTestDeadline, &QTimer::timeout, this, [this] {
    finishMeshTest(QStringLiteral("no answer from %1's agent within %2 s")
                       .arg(m_meshTest.outcome.from)
                       .arg(m_meshTestDeadline.interval() / 1000));
  });
}

MeshManager::~MeshManager() = default;

void MeshManager::setPlan(QList<HostPlan> hosts, QList<agent::Route> routes) {
  m_plans = std::move(hosts);
  m_routes = std::move(routes);
}

void MeshManager::setSnapshotInterval(int ms) { m_snapshotTimer.setInterval(ms); }

void MeshManager::rebuildRouter() {
  m_router.clear();
  m_byVip.clear();
  for (const auto &link : m_links) {
    m_router.addVip(link->vipAddress());
    m_byVip.insert(link->vipAddress(), link.get());
  }
  for (const auto &route : m_routes) {
    const QString viaText = QString::fromStdString(route.via);
    const auto via = Router::parseIpv4(viaText);
    if (!via) continue;
    for (const std::string &cidr : route.toCidr) {
      QString error;
      if (!m_router.addCidrRoute(QString::fromStdString(cidr), *via, &error))
        qCWarning(lcHost).noquote() << QStringLiteral("route via %1: %2").arg(viaText, error);
    }
  }
}

std::unique_ptr<HostLink> MeshManager::makeLink(const HostPlan &plan) {
  auto link = std::make_unique<HostLink>(
      plan,
      [this](HostLink &from, QByteArrayView frame, QByteArrayView packet) {
        routeFrame(from, frame, packet);
      },
      [this](HostLink &from, const agent::RouteSuggestion &s) { learnRoute(from, s); }, this);
  link->onMeshTestResult = [this](HostLink &from, const agent::MeshTestResult &r) {
    onMeshTestResult(from, r);
  };
  connect(link.get(), &HostLink::stateChanged, this, [this](const QString &name, HostState state) {
    if (state != HostState::Ready &&
        (name == m_meshTest.outcome.from || name == m_meshTest.outcome.to))
      finishMeshTest(QStringLiteral("%1 is no longer ready (%2)").arg(name, hostStateName(state)));
  });
  connect(link.get(), &HostLink::stateChanged, this, &MeshManager::hostStateChanged);
  connect(link.get(), &HostLink::stateChanged, &m_changeSnapshot, qOverload<>(&QTimer::start));
  connect(link.get(), &HostLink::stopped, this, &MeshManager::onLinkStopped);
  return link;
}

namespace {
// What differs between two plans of the same host.
// Shared: only what other hosts publish; Forwards: this host's ports or proxies too (and
// perhaps the shared part); Own: anything else of this host (a new agent).
enum class PlanChange { None, Shared, Forwards, Own };

PlanChange compare(const HostPlan &a, const HostPlan &b) {
  if (a.name != b.name || a.vip != b.vip || a.program != b.program || a.arguments != b.arguments ||
      a.zeroInstall != b.zeroInstall || a.transport != b.transport || a.agentName != b.agentName)
    return PlanChange::Own;
  // Whole requests, `others` included: O(hosts) each, fine for a plan edited by hand.
  const agent::ConfigureArgs before = a.fullConfigure();
  const agent::ConfigureArgs after = b.fullConfigure();
  agent::ConfigureArgs own = after;
  own.others = before.others;
  own.hostnameMap = before.hostnameMap;
  own.routes = before.routes;
  own.nameServers = before.nameServers;
  if (own == before) return before == after ? PlanChange::None : PlanChange::Shared;
  own.forwards = before.forwards;
  own.httpListen = before.httpListen;
  own.httpAllowRemote = before.httpAllowRemote;
  own.socksListen = before.socksListen;
  own.socksAllowRemote = before.socksAllowRemote;
  return own == before ? PlanChange::Forwards : PlanChange::Own;
}
}  // namespace

void MeshManager::updatePlan(QList<HostPlan> hosts, QList<agent::Route> routes,
                             OthersPolicy others) {
  if (!m_running) return setPlan(std::move(hosts), std::move(routes));
  std::vector<std::unique_ptr<HostLink>> old = std::move(m_links);
  m_links.clear();
  QList<HostLink *> toStart;
  for (const HostPlan &plan : hosts) {
    auto it = std::find_if(old.begin(), old.end(),
                           [&plan](const auto &l) { return l && l->plan().name == plan.name; });
    if (it == old.end()) {
      m_links.push_back(makeLink(plan));
      toStart.append(m_links.back().get());
      qCInfo(lcHost).noquote() << QStringLiteral("%1(%2): added").arg(plan.name, plan.vip);
      continue;
    }
    std::unique_ptr<HostLink> link = std::move(*it);
    old.erase(it);
    const PlanChange change = compare(link->plan(), plan);
    const bool inPlace = change == PlanChange::None ||
                         (change == PlanChange::Shared && link->canReconfigure()) ||
                         (change == PlanChange::Forwards && link->canReconfigureForwards());
    if (inPlace) {
      if (change != PlanChange::None) link->reconfigure(plan);
      m_links.push_back(std::move(link));
      continue;
    }
    if (change == PlanChange::Shared && others == OthersPolicy::KeepRunning) {
      // NoRouter's agent takes one configure request: it keeps listening for what the other
      // hosts published before, and the host that owns the port answers (or refuses) there.
      qCInfo(lcHost).noquote()
          << QStringLiteral(
                 "%1(%2): keeps its agent and its old list of the other hosts' ports "
                 "(its agent cannot be reconfigured)")
                 .arg(plan.name, plan.vip);
      m_links.push_back(std::move(link));
      continue;
    }
    // Say which path: a forward change restarts only an agent that cannot apply it in place.
    qCInfo(lcHost).noquote()
        << (change == PlanChange::Forwards
                ? QStringLiteral("%1(%2): restarting with its new forwards (its agent cannot "
                                 "change them in place)")
                : QStringLiteral("%1(%2): restarting with its new settings"))
               .arg(plan.name, plan.vip);
    m_links.push_back(makeLink(plan));
    retire(std::move(link), m_links.back().get());
  }
  for (auto &gone : old) {
    qCInfo(lcHost).noquote()
        << QStringLiteral("%1(%2): removed").arg(gone->plan().name, gone->plan().vip);
    retire(std::move(gone), nullptr);
  }
  m_plans = std::move(hosts);
  m_routes = std::move(routes);
  rebuildRouter();
  for (HostLink *link : toStart) link->start();
  Q_EMIT snapshotReady(snapshot());
}

void MeshManager::retire(std::unique_ptr<HostLink> link, HostLink *then) {
  HostLink *raw = link.get();
  raw->disconnect(this);
  QPointer<HostLink> next(then);
  connect(raw, &HostLink::stopped, this, [this, raw, next] {
    auto it = std::find_if(m_retiring.begin(), m_retiring.end(),
                           [raw](const auto &l) { return l.get() == raw; });
    if (it != m_retiring.end()) {
      it->release()->deleteLater();
      m_retiring.erase(it);
    }
    if (next && m_running) next->start();
  });
  m_retiring.push_back(std::move(link));
  raw->stop();
}

void MeshManager::start() {
  if (m_running) return;
  m_links.clear();
  for (const HostPlan &plan : m_plans) m_links.push_back(makeLink(plan));
  rebuildRouter();
  m_running = true;
  m_unroutable = m_unroutableReported = 0;
  for (const auto &link : m_links) link->start();
  m_snapshotTimer.start();
  m_unroutableTimer.start();
  Q_EMIT started();
}

void MeshManager::stop() {
  if (!m_running) {
    Q_EMIT stopped();
    return;
  }
  m_running = false;
  finishMeshTest(QStringLiteral("the mesh stopped"));
  m_snapshotTimer.stop();
  m_unroutableTimer.stop();
  m_pendingStops = int(m_links.size());
  if (m_pendingStops == 0) {
    Q_EMIT stopped();
    return;
  }
  for (const auto &link : m_links) link->stop();
}

void MeshManager::onLinkStopped() {
  if (m_running || m_pendingStops <= 0) return;
  if (--m_pendingStops == 0) {
    Q_EMIT snapshotReady(snapshot());
    Q_EMIT stopped();
  }
}

void MeshManager::routeFrame(HostLink &from, QByteArrayView frame, QByteArrayView packet) {
  const auto dst = ipv4Destination(packet.data(), packet.size());
  const auto via = dst ? m_router.route(*dst) : std::nullopt;
  HostLink *target = via ? m_byVip.value(*via) : nullptr;
  if (!target) {
    ++m_unroutable;
    m_lastUnroutable = QStringLiteral("%1 from %2(%3)")
                           .arg(dst ? Router::formatIpv4(*dst) : QStringLiteral("non-IPv4"),
                                from.plan().name, from.plan().vip);
    return;
  }
  target->sendFrame(frame);
}

void MeshManager::learnRoute(HostLink &from, const agent::RouteSuggestion &s) {
  const auto via = Router::parseIpv4(QString::fromStdString(s.route));
  if (!via || !m_byVip.contains(*via)) {
    qCWarning(lcHost).noquote() << QStringLiteral("%1(%2): routeSuggestion via unknown host %3")
                                       .arg(from.plan().name, from.plan().vip,
                                            QString::fromStdString(s.route));
    return;
  }
  for (const std::string &ipText : s.ips) {
    if (const auto ip = Router::parseIpv4(QString::fromStdString(ipText)))
      m_router.learn(*ip, *via);
  }
}

void MeshManager::reportUnroutable() {
  if (m_unroutable == m_unroutableReported) return;
  qCWarning(lcHost).noquote() << QStringLiteral(
                                     "dropped %1 frame(s) for unknown destinations, "
                                     "last: %2")
                                     .arg(m_unroutable - m_unroutableReported)
                                     .arg(m_lastUnroutable);
  m_unroutableReported = m_unroutable;
}

MeshSnapshot MeshManager::snapshot() const {
  MeshSnapshot s;
  s.running = m_running;
  s.unroutableFrames = m_unroutable;
  if (m_links.empty()) {
    for (const HostPlan &p : m_plans) {
      HostStatus h;
      h.name = p.name;
      h.vip = p.vip;
      s.hosts.append(h);
    }
  }
  for (const auto &link : m_links) s.hosts.append(link->status());
  s.routes = m_router.table();
  return s;
}

}  // namespace routeless::mesh
