#include "mproxy/relayruntime.h"

namespace routeless::mproxy {

RelayRuntime::RelayRuntime(const RelayConfig &config, QObject *parent)
    : QObject(parent), m_server(new RelayServer(config, &m_counters)) {
  m_thread.setObjectName(QStringLiteral("mproxy-relay"));
  m_server->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
  connect(m_server, &RelayServer::log, this, &RelayRuntime::log);
  connect(m_server, &RelayServer::deviceLinked, this, &RelayRuntime::deviceLinked);
  connect(m_server, &RelayServer::deviceUnlinked, this, &RelayRuntime::deviceUnlinked);
}

RelayRuntime::~RelayRuntime() {
  stop();
  if (!m_thread.isRunning()) delete m_server;  // never started: still owned here
}

bool RelayRuntime::start(QString *error) {
  m_thread.start();
  bool ok = false;
  QString why;
  QMetaObject::invokeMethod(
      m_server,
      [&] {
        ok = m_server->start(&why);
        m_linkPort = m_server->linkPort();
        m_listenerPorts = m_server->listenerPorts();
        m_secure = m_server->isSecure();
      },
      Qt::BlockingQueuedConnection);
  if (!ok) {
    stop();
    if (error) *error = why;
  }
  return ok;
}

void RelayRuntime::stop() {
  if (!m_thread.isRunning()) return;
  QMetaObject::invokeMethod(
      m_server, [this] { m_server->stop(); }, Qt::BlockingQueuedConnection);
  m_thread.quit();
  m_thread.wait();
  m_server = nullptr;  // deleted on its thread as it finished
}

DeviceRuntime::DeviceRuntime(const DeviceConfig &config, QObject *parent)
    : QObject(parent), m_device(new RelayDevice(config, &m_counters)) {
  m_thread.setObjectName(QStringLiteral("mproxy-device"));
  m_device->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_device, &QObject::deleteLater);
  connect(m_device, &RelayDevice::linked, this, &DeviceRuntime::linked);
  connect(m_device, &RelayDevice::unlinked, this, &DeviceRuntime::unlinked);
  connect(m_device, &RelayDevice::refused, this, &DeviceRuntime::refused);
  connect(m_device, &RelayDevice::log, this, &DeviceRuntime::log);
}

DeviceRuntime::~DeviceRuntime() {
  stop();
  if (!m_thread.isRunning() && m_device) delete m_device;
}

bool DeviceRuntime::start(QString *error) {
  m_thread.start();
  bool ok = false;
  QString why;
  QMetaObject::invokeMethod(
      m_device, [&] { ok = m_device->start(&why); }, Qt::BlockingQueuedConnection);
  if (!ok) {
    stop();
    if (error) *error = why;
  }
  return ok;
}

void DeviceRuntime::stop() {
  if (!m_thread.isRunning()) return;
  QMetaObject::invokeMethod(
      m_device, [this] { m_device->stop(); }, Qt::BlockingQueuedConnection);
  m_thread.quit();
  m_thread.wait();
  m_device = nullptr;
}

}  // namespace routeless::mproxy
