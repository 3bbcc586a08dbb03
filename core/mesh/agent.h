#pragma once
// The mesh agent, NoRouter 0.6.5 compatible: takes frames from the manager, configures the
// stack and the forwards from the first configure request, and exchanges L3 packets.

#include <QObject>
#include <QString>
#include <atomic>
#include <map>
#include <memory>
#include <optional>

#include "mesh/agent_stdio.h"
#include "netstack/netstack.h"
#include "stdio/messages.h"

namespace routeless::netstack {
class StackToHostForward;
}

namespace routeless::mesh {

// One agent: the stack, its forwards and listeners, and the stdout frame writer. It lives on
// the stack thread (the only thread that touches lwIP); other threads reach it only through
// post(). It never writes anything but frames to its output descriptor.
class Agent final : public QObject {
  Q_OBJECT
 public:
  explicit Agent(int outputFd, QObject *parent = nullptr);
  ~Agent() override;

  // Any thread: queues a batch of input frames for the stack thread. L3 frames are dropped
  // (counted) while more than 16 MiB of input waits: the reader must never block, or two
  // agents writing to each other through the manager could deadlock.
  void post(std::shared_ptr<AgentInput> batch);

  // Stack thread. configure() sets up the stack and every listener; on failure it tears
  // down what it made, says why, and the agent stays unusable (as NoRouter's does).
  // A configured agent takes a second request that changes only what the other hosts
  // publish (`others`, names, routes, name servers): the "reconfigure" feature, a Routeless
  // extension that lets a manager add, edit or remove a host without restarting the others.
  // Listeners that stay keep their connections; anything else in it is refused.
  bool configure(const stdio::ConfigureArgs &args, QString *error);
  bool isConfigured() const { return m_state == State::Configured; }
  void handleInput(const AgentInput &batch);

 Q_SIGNALS:
  // stdout is gone: the process should exit.
  void outputFailed(const QString &error);

 private:
  enum class State { Unconfigured, Configured, Failed };

  void handleJson(QByteArrayView json);
  void handleL3(const char *packet, int size, const std::shared_ptr<const void> &owner);
  void routeOnSyn(quint32 dst, quint16 port);
  void dropRoute(quint64 key);
  bool setUp(const stdio::ConfigureArgs &args, quint32 me, QString *error);
  bool reconfigure(const stdio::ConfigureArgs &args, QString *error);
  // Listens on the host at ip:port for the stack's ip:port (a port another host publishes).
  bool listenForOther(const stdio::IpPortProto &other, QString *error);
  void tearDown();

  FrameWriter m_writer;
  netstack::NetStack m_stack;
  State m_state = State::Unconfigured;
  QObject *m_services = nullptr;                  // parent of every listener and forward
  stdio::ConfigureArgs m_args;                    // what the agent was configured with
  std::map<QString, QObject *> m_otherListeners;  // "ip:port" -> listener (in m_services)
  std::map<quint64, netstack::StackToHostForward *> m_routes;  // routing mode: (ip << 16) | port
  std::atomic<qint64> m_queued{0};
  std::atomic<quint64> m_overflowDrops{0};
  quint64 m_earlyDrops = 0;
  quint64 m_routingDrops = 0;
};

}  // namespace routeless::mesh
