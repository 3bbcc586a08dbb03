#pragma once
// Runs a RelayServer or a RelayDevice on its own QThread, for the CLI and the desktop app.
// The owner's thread only starts, stops and reads counters; it never touches a socket.

#include <QObject>
#include <QThread>

#include "mproxy/relaydevice.h"
#include "mproxy/relayserver.h"

namespace routeless::mproxy {

// A RelayServer on its own thread. Blocking start() so the caller learns the bound ports; it
// never lets the server be touched from the owner's thread.
class RelayRuntime final : public QObject {
  Q_OBJECT
 public:
  explicit RelayRuntime(const RelayConfig &config, QObject *parent = nullptr);
  ~RelayRuntime() override;

  // Starts the engine thread and binds; blocks until the ports are known.
  bool start(QString *error);
  void stop();

  quint16 linkPort() const { return m_linkPort; }
  QList<quint16> listenerPorts() const { return m_listenerPorts; }
  bool isSecure() const { return m_secure; }
  MuxCounters::Snapshot counters() const { return m_counters.snapshot(); }

 Q_SIGNALS:
  void log(const QString &line);
  void deviceLinked(const QString &name);
  void deviceUnlinked(const QString &name, const QString &reason);

 private:
  MuxCounters m_counters;
  QThread m_thread;
  RelayServer *m_server;
  quint16 m_linkPort = 0;
  QList<quint16> m_listenerPorts;
  bool m_secure = false;
};

// A RelayDevice on its own thread, reporting link state as queued signals. It never blocks the
// owner beyond start() and stop().
class DeviceRuntime final : public QObject {
  Q_OBJECT
 public:
  explicit DeviceRuntime(const DeviceConfig &config, QObject *parent = nullptr);
  ~DeviceRuntime() override;

  bool start(QString *error);  // checks the configuration; dialling goes on in the background
  void stop();
  MuxCounters::Snapshot counters() const { return m_counters.snapshot(); }

 Q_SIGNALS:
  void linked();
  void unlinked(const QString &reason);
  void refused(const QString &reason);
  void log(const QString &line);

 private:
  MuxCounters m_counters;
  QThread m_thread;
  RelayDevice *m_device;
};

}  // namespace routeless::mproxy
