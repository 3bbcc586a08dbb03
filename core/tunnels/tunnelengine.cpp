#include "tunnels/tunnelengine.h"

#include "mproxy/deviceurl.h"
#include "mproxy/relayruntime.h"
#include "net/hostport.h"
#include "nodepass/nodepassengine.h"
#include "nodepass/tunnelurl.h"

namespace routeless::tunnels {

namespace {

TunnelEngine::Level levelOf(nodepass::LogLevel level) {
  switch (level) {
    case nodepass::LogLevel::Debug:
      return TunnelEngine::Level::Debug;
    case nodepass::LogLevel::Warn:
      return TunnelEngine::Level::Warn;
    case nodepass::LogLevel::Error:
      return TunnelEngine::Level::Error;
    default:
      return TunnelEngine::Level::Info;
  }
}

// A NodePass server or client: TunnelRuntime on its own thread (nodepass::NodePassEngine).
class NodePassTunnel final : public TunnelEngine {
 public:
  explicit NodePassTunnel(nodepass::TunnelUrl url)
      : m_isServer(url.role == nodepass::Role::Server), m_engine(std::move(url)) {
    connect(&m_engine, &nodepass::NodePassEngine::linked, this, &TunnelEngine::linked);
    connect(&m_engine, &nodepass::NodePassEngine::linkLost, this, &TunnelEngine::unlinked);
    connect(&m_engine, &nodepass::NodePassEngine::fatal, this, &TunnelEngine::failed);
    // Log lines come from the engine thread; a queued signal carries them to ours.
    m_engine.setLogSink([this](nodepass::LogLevel level, const QString &message) {
      // The EVENT-level CHECK_POINT line is NodePass's way of exporting counters to a parent
      // process; here counters() has them, so it only says when they were reported.
      if (level == nodepass::LogLevel::Event) {
        QMetaObject::invokeMethod(this, &TunnelEngine::reported, Qt::QueuedConnection);
        return;
      }
      QMetaObject::invokeMethod(
          this, [this, level, message] { Q_EMIT logLine(levelOf(level), message); },
          Qt::QueuedConnection);
    });
  }
  ~NodePassTunnel() override { m_engine.stop(); }

  bool start(QString *) override {
    m_engine.start();
    return true;
  }
  void stop() override { m_engine.stop(); }
  bool waitsForPeers() const override { return m_isServer; }

  EngineCounters counters() const override {
    const stats::TrafficSnapshot c = m_engine.counters()->snapshot();
    EngineCounters out;
    out.pool = c.pool;
    out.pingMs = c.pingMs > 0 ? c.pingMs : -1;
    out.tcpSessions = c.tcpSessions;
    out.udpSessions = c.udpSessions;
    out.tcpRx = qint64(c.tcpRx);
    out.tcpTx = qint64(c.tcpTx);
    out.udpRx = qint64(c.udpRx);
    out.udpTx = qint64(c.udpTx);
    out.mode = c.mode;
    return out;
  }

 private:
  bool m_isServer;
  nodepass::NodePassEngine m_engine;
};

// An M-PROXY device link: RelayDevice on its own thread (mproxy::DeviceRuntime).
class DeviceLinkTunnel final : public TunnelEngine {
 public:
  explicit DeviceLinkTunnel(const mproxy::DeviceConfig &config) : m_runtime(config) {
    connect(&m_runtime, &mproxy::DeviceRuntime::linked, this, &TunnelEngine::linked);
    connect(&m_runtime, &mproxy::DeviceRuntime::unlinked, this, &TunnelEngine::unlinked);
    connect(&m_runtime, &mproxy::DeviceRuntime::refused, this, &TunnelEngine::refused);
    connect(&m_runtime, &mproxy::DeviceRuntime::log, this,
            [this](const QString &line) { Q_EMIT logLine(Level::Info, line); });
  }
  ~DeviceLinkTunnel() override { m_runtime.stop(); }

  bool start(QString *error) override { return m_runtime.start(error); }
  void stop() override { m_runtime.stop(); }
  bool waitsForPeers() const override { return false; }

  EngineCounters counters() const override {
    const mproxy::MuxCounters::Snapshot c = m_runtime.counters();
    EngineCounters out;
    out.tcpSessions = c.clientsActive;
    out.tcpRx = qint64(c.bytesFromLink);
    out.tcpTx = qint64(c.bytesToLink);
    return out;
  }

 private:
  mproxy::DeviceRuntime m_runtime;
};

}  // namespace

std::unique_ptr<TunnelEngine> makeTunnelEngine(const QString &url, QString *error) {
  if (mproxy::isDeviceUrl(url)) {
    const auto config = mproxy::parseDeviceUrl(url, error);
    if (!config) return nullptr;
    return std::make_unique<DeviceLinkTunnel>(*config);
  }
  auto parsed = nodepass::parseTunnelUrl(url, error);
  if (!parsed) return nullptr;
  return std::make_unique<NodePassTunnel>(std::move(*parsed));
}

QString tunnelRole(const QString &url) {
  if (mproxy::isDeviceUrl(url)) return QStringLiteral("device");
  QString why;
  const auto parsed = nodepass::parseTunnelUrl(url, &why);
  if (!parsed) return {};
  return parsed->role == nodepass::Role::Server ? QStringLiteral("server")
                                                : QStringLiteral("client");
}

QString tunnelTarget(const QString &url) {
  QString why;
  if (mproxy::isDeviceUrl(url)) {
    const auto config = mproxy::parseDeviceUrl(url, &why);
    if (!config || config->targets.isEmpty()) return {};
    const mproxy::DeviceTarget &t = config->targets.first();
    return net::formatHostPort(t.host, t.port);
  }
  const auto parsed = nodepass::parseTunnelUrl(url, &why);
  if (!parsed || parsed->targets.isEmpty()) return {};
  return parsed->targets.first().toString();
}

}  // namespace routeless::tunnels
