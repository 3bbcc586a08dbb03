#include "mesh/agent.h"

#include <QHostAddress>
#include <QSet>
#include <QTimer>
#include <QtDebug>
#include <algorithm>

#include "mesh/agent_statedir.h"
#include "mesh/bridge_local.h"
#include "netstack/tcpforward.h"
#include "stdio/framecodec.h"

namespace routeless::mesh {
namespace {

constexpr qint64 kMaxQueuedInput = 16 * 1024 * 1024;
// A routing-mode address outlives its last listener this long, so that connections still
// closing (LAST_ACK, FIN_WAIT) are not reset by removing their netif.
constexpr int kRouteAddressLingerMs = 60 * 1000;

quint32 be32(const uchar *p) {
  return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}
quint16 be16(const uchar *p) { return quint16((p[0] << 8) | p[1]); }

bool parseIpv4(const QString &text, quint32 *ip) {
  QHostAddress a;
  if (!a.setAddress(text) || a.protocol() != QAbstractSocket::IPv4Protocol) return false;
  *ip = a.toIPv4Address();
  return true;
}

}  // namespace

Agent::Agent(int outputFd, QObject *parent)
    : QObject(parent), m_writer(outputFd, this), m_stack(&m_writer, this) {
  connect(&m_writer, &FrameWriter::writeFailed, this, &Agent::outputFailed);
}

Agent::~Agent() {
  // Bridges and listeners hold lwIP pcbs: they go before the stack does.
  tearDown();
}

void Agent::post(std::shared_ptr<AgentInput> batch) {
  if (m_queued.load() > kMaxQueuedInput) {
    auto &frames = batch->frames;
    const auto before = frames.size();
    frames.erase(std::remove_if(frames.begin(), frames.end(),
                                [](const AgentInput::Frame &f) {
                                  return f.type == quint16(stdio::FrameType::L3);
                                }),
                 frames.end());
    m_overflowDrops += before - frames.size();
    if (frames.empty()) return;
  }
  m_queued += batch->bytes;
  QMetaObject::invokeMethod(
      this,
      [this, batch] {
        m_queued -= batch->bytes;
        handleInput(*batch);
      },
      Qt::QueuedConnection);
}

void Agent::handleInput(const AgentInput &batch) {
  if (const quint64 dropped = m_overflowDrops.exchange(0))
    qWarning("dropped %llu L3 packets: the network stack is %lld bytes behind stdin", dropped,
             qlonglong(m_queued.load()));
  static const std::shared_ptr<const void> copied;
  for (const AgentInput::Frame &f : batch.frames) {
    switch (f.type) {
      case quint16(stdio::FrameType::Json):
        handleJson(QByteArrayView(f.data, f.size));
        break;
      case quint16(stdio::FrameType::L3):
        // lwIP reads packets in place; the read buffer lives as long as any of them.
        handleL3(f.data, f.size, f.inChunk ? batch.chunk : copied);
        break;
      default:
        qWarning("unknown packet type %d", int(f.type));
    }
  }
  m_stack.checkTimeouts();
}

void Agent::handleJson(QByteArrayView json) {
  qDebug("received JSON: %s", json.toByteArray().constData());
  QString error;
  const std::optional<stdio::Message> msg = stdio::decodeMessage(json, &error);
  if (!msg) {
    qWarning("failed to call onRecvJSON: %s", qPrintable(error));
    return;
  }
  if (const auto *req = std::get_if<stdio::ConfigureRequest>(&*msg)) {
    const bool again = m_state == State::Configured;
    if (!configure(req->args, &error)) {
      qWarning("failed to call onRecvJSON: %s", qPrintable(error));
      // A first request fails silently, as NoRouter's; a refused reconfigure (our extension)
      // says why, so the manager restarts this agent instead of waiting.
      if (again) {
        stdio::ConfigureResult refused;
        refused.requestId = req->id;
        refused.error = error;
        m_writer.writeJson(stdio::encodeConfigureResult(refused));
      }
      return;
    }
    stdio::ConfigureResult result;
    result.requestId = req->id;
    result.features = stdio::agentFeatures();
    result.version = QLatin1String(stdio::kNoRouterVersion);
    m_writer.writeJson(stdio::encodeConfigureResult(result));
    qInfo("configured: %s", qPrintable(req->args.me));
    return;
  }
  if (const auto *other = std::get_if<stdio::OtherMessage>(&*msg)) {
    if (other->kind == QLatin1String("request"))
      qWarning("failed to call onRecvJSON: unexpected JSON op: \"%s\"", qPrintable(other->op));
    else
      qWarning("failed to call onRecvJSON: unexpected message type: \"%s\"",
               qPrintable(other->kind));
    return;
  }
  qWarning("failed to call onRecvJSON: unexpected message type: \"%s\"",
           std::holds_alternative<stdio::ConfigureResult>(*msg) ? "result" : "event");
}

bool Agent::configure(const stdio::ConfigureArgs &args, QString *error) {
  if (m_state == State::Configured) return reconfigure(args, error);
  if (m_state != State::Unconfigured) {
    *error = QStringLiteral("agent is already configured");
    return false;
  }
  quint32 me = 0;
  if (!parseIpv4(args.me, &me)) {
    *error = QStringLiteral("unexpected IP %1").arg(args.me);
    return false;
  }
  if (!setUp(args, me, error)) {
    tearDown();
    m_state = State::Failed;
    return false;
  }
  m_state = State::Configured;
  return true;
}

bool Agent::setUp(const stdio::ConfigureArgs &args, quint32 me, QString *error) {
  // "/udp" ports are a Routeless manifest extension that this agent does not carry yet: they
  // are skipped with a warning so that the TCP ports of the same mesh keep working. Any other
  // protocol fails the configure, as in NoRouter.
  error->clear();
  auto supported = [error](const QString &proto, const QString &what) {
    if (proto == QLatin1String("tcp")) return true;
    if (proto == QLatin1String("udp")) {
      qWarning("%s/udp ignored: this agent carries TCP only", qPrintable(what));
      return false;
    }
    *error = QStringLiteral("expected proto be \"tcp\", got \"%1\"").arg(proto);
    return false;
  };
  QList<stdio::Forward> forwards;
  for (const stdio::Forward &f : args.forwards) {
    if (supported(f.proto, QStringLiteral("forward %1").arg(f.listenPort)))
      forwards.append(f);
    else if (!error->isEmpty())
      return false;
  }
  QList<stdio::IpPortProto> others;
  for (const stdio::IpPortProto &o : args.others) {
    quint32 ip = 0;
    if (!parseIpv4(o.ip, &ip)) {
      *error = QStringLiteral("others: unexpected IP %1").arg(o.ip);
      return false;
    }
    if (supported(o.proto, QStringLiteral("other %1:%2").arg(o.ip).arg(o.port)))
      others.append(o);
    else if (!error->isEmpty())
      return false;
  }
  if (!m_stack.isStarted() && !m_stack.start(me, error)) return false;
  m_services = new QObject(this);
  const QHostAddress meAddress(me);

  for (const stdio::Forward &f : forwards) {
    if (!args.loopbackDisable) {
      auto *local = new LocalForward(m_services);
      if (!local->listen(meAddress, f.listenPort, f.connectIp, f.connectPort, error)) return false;
    }
    auto *forward = new netstack::StackToHostForward(m_services);
    if (!forward->listen(me, f.listenPort, f.connectIp, f.connectPort, error)) return false;
    qDebug("forward %s", qPrintable(forward->description()));
  }
  if (!args.loopbackDisable) {
    for (const stdio::IpPortProto &o : others)
      if (!listenForOther(o, error)) return false;
  }
  m_args = args;
  if (!args.stateDirDisable) {
    QString why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      qWarning("failed to create the state directory: %s", qPrintable(why));
  }
  if (args.writeEtcHosts)
    qWarning(
        "writeEtcHosts ignored: this agent only writes the hosts file in its state "
        "directory");
  if (!args.httpListen.isEmpty())
    qWarning("http.listen %s ignored: this agent has no HTTP proxy", qPrintable(args.httpListen));
  if (!args.socksListen.isEmpty())
    qWarning("socks.listen %s ignored: this agent has no SOCKS proxy",
             qPrintable(args.socksListen));
  return true;
}

bool Agent::listenForOther(const stdio::IpPortProto &o, QString *error) {
  quint32 ip = 0;
  parseIpv4(o.ip, &ip);
  auto *other = new netstack::HostToStackForward(m_services);
  if (!other->listen(QHostAddress(ip), o.port, ip, o.port, error)) {
    delete other;
    return false;
  }
  m_otherListeners[QStringLiteral("%1:%2").arg(o.ip).arg(o.port)] = other;
  qDebug("other %s:%d", qPrintable(o.ip), int(o.port));
  return true;
}

bool Agent::reconfigure(const stdio::ConfigureArgs &args, QString *error) {
  // Only what other hosts publish may change; this host's own settings need a new agent.
  stdio::ConfigureArgs own = args;
  own.others = m_args.others;
  own.hostnameMap = m_args.hostnameMap;
  own.routes = m_args.routes;
  own.nameServers = m_args.nameServers;
  if (!(own == m_args)) {
    *error = QStringLiteral(
        "reconfigure may only change others, hostnameMap, routes and "
        "nameServers; this host's own settings need a new agent");
    return false;
  }
  if (!args.loopbackDisable) {
    QSet<QString> wanted;
    for (const stdio::IpPortProto &o : args.others) {
      quint32 ip = 0;
      if (!parseIpv4(o.ip, &ip)) {
        *error = QStringLiteral("others: unexpected IP %1").arg(o.ip);
        return false;
      }
      if (o.proto != QLatin1String("tcp")) continue;  // as setUp: TCP only, others skipped
      wanted.insert(QStringLiteral("%1:%2").arg(o.ip).arg(o.port));
    }
    for (auto it = m_otherListeners.begin(); it != m_otherListeners.end();) {
      if (wanted.contains(it->first)) {
        ++it;
        continue;
      }
      qDebug("other %s: no longer published", qPrintable(it->first));
      it->second->deleteLater();
      it = m_otherListeners.erase(it);
    }
    for (const stdio::IpPortProto &o : args.others) {
      if (o.proto != QLatin1String("tcp")) continue;
      if (m_otherListeners.count(QStringLiteral("%1:%2").arg(o.ip).arg(o.port))) continue;
      // A port that cannot be listened on fails the request; the listeners made so far stay.
      if (!listenForOther(o, error)) return false;
    }
  }
  if (!args.stateDirDisable && args.hostnameMap != m_args.hostnameMap) {
    QString why;
    if (!populateStateDir(args.stateDirPath, args.hostnameMap, &why))
      qWarning("failed to update the state directory: %s", qPrintable(why));
  }
  m_args = args;
  return true;
}

void Agent::tearDown() {
  m_otherListeners.clear();
  m_routes.clear();
  delete m_services;  // every listener, forward and bridge
  m_services = nullptr;
}

void Agent::handleL3(const char *packet, int size, const std::shared_ptr<const void> &owner) {
  if (m_state != State::Configured) {
    if (m_earlyDrops++ % 1000 == 0)
      qWarning("failed to call onRecvL3: received L3 before configuration (%llu dropped)",
               m_earlyDrops);
    return;
  }
  const auto *b = reinterpret_cast<const uchar *>(packet);
  if (size < stdio::kMinIpv4Packet || (b[0] >> 4) != 4) {
    qWarning("failed to call onRecvL3: packet does not contain valid dst");
    return;
  }
  const quint32 dst = be32(b + 16);
  if (dst != m_stack.address()) {
    // Routing mode (a bastion): a SYN to a foreign address is answered from that address,
    // and the connection is dialled from this host.
    const int ihl = (b[0] & 0x0F) * 4;
    if (b[9] != 6 || size < ihl + 20) {
      if (m_routingDrops++ % 1000 == 0)
        qWarning("failed to call onRecvL3: received non-TCP packet for %s (%llu dropped)",
                 qPrintable(QHostAddress(dst).toString()), m_routingDrops);
      return;
    }
    const uchar flags = b[ihl + 13];
    if ((flags & 0x02) && !(flags & 0x10)) routeOnSyn(dst, be16(b + ihl + 2));
  }
  m_stack.input(packet, size, owner);
}

void Agent::routeOnSyn(quint32 dst, quint16 port) {
  const quint64 key = (quint64(dst) << 16) | port;
  if (m_routes.count(key)) return;
  const QString target = QHostAddress(dst).toString();
  QString error;
  if (!m_stack.addAddress(dst, &error)) {
    qWarning("failed to call hookRouteOnSYN: %s", qPrintable(error));
    return;
  }
  auto *forward = new netstack::StackToHostForward(m_services);
  if (!forward->listen(dst, port, target, port, &error, true)) {
    qWarning("failed to call hookRouteOnSYN: %s", qPrintable(error));
    delete forward;
    return;
  }
  m_routes[key] = forward;
  connect(forward, &netstack::StackToHostForward::idle, this, [this, key] { dropRoute(key); });
  qDebug("routing mode: answering for %s:%d", qPrintable(target), int(port));
}

void Agent::dropRoute(quint64 key) {
  auto it = m_routes.find(key);
  if (it == m_routes.end()) return;
  it->second->deleteLater();
  m_routes.erase(it);
  const quint32 ip = quint32(key >> 16);
  QTimer::singleShot(kRouteAddressLingerMs, this, [this, ip] {
    for (const auto &[k, f] : m_routes)
      if (quint32(k >> 16) == ip) return;
    m_stack.removeAddress(ip);
  });
}

}  // namespace routeless::mesh
