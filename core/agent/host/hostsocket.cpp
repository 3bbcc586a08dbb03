#include "agent/host/hostsocket.h"

namespace routeless::agent {

HostSocket::HostSocket(EventLoop &loop, Resolver *resolver) : m_loop(loop), m_resolver(resolver) {
  sys::initSockets();
}

HostSocket::~HostSocket() { closeHandle(false); }

bool HostSocket::adopt(NativeHandle handle, std::string *error) {
  closeHandle(false);
  std::string why;
  m_watch = m_loop.watch(
      handle, 0, [this](unsigned e) { onEvents(e); }, &why);
  if (!m_watch) {
    sys::closeSocket(handle);
    if (error) *error = why;
    return false;
  }
  m_handle = handle;
  m_connected = true;
  updateInterest();
  return true;
}

void HostSocket::connectTo(const std::string &host, uint16_t port) {
  closeHandle(false);
  m_port = port;
  m_target =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  m_connecting = true;
  m_error.clear();
  auto answered = [this, alive = m_life.watch()](std::vector<IpAddress> addresses,
                                                 const std::string &error) {
    if (alive.expired() || !m_connecting) return;
    m_lookup.reset();
    if (addresses.empty()) {
      m_connecting = false;
      m_error = "cannot resolve " + m_target + ": " + error;
      if (onConnectFailed) onConnectFailed(m_error);
      return;
    }
    m_addresses = std::move(addresses);
    tryNextAddress();
  };
  std::vector<IpAddress> immediate = Resolver::immediateAnswer(host);
  if (!immediate.empty() || !m_resolver) {
    m_loop.defer([answered, immediate, host] {
      answered(immediate, immediate.empty() ? "no resolver for host names" : std::string());
    });
    return;
  }
  m_lookup = m_resolver->resolve(host, answered);
}

void HostSocket::tryNextAddress() {
  while (m_connecting && !m_addresses.empty()) {
    const IpAddress address = m_addresses.front();
    m_addresses.erase(m_addresses.begin());
    std::string why;
    const NativeHandle h = sys::openTcp(address.family, &why);
    if (h == kInvalidHandle) {
      m_error = "connect to " + m_target + ": " + why;
      continue;
    }
    const sys::ConnectStatus status = sys::startConnect(h, address, m_port, &why);
    if (status == sys::ConnectStatus::Failed) {
      m_error = "connect to " + m_target + ": " + why;
      sys::closeSocket(h);
      continue;
    }
    m_watch = m_loop.watch(
        h, kWritable, [this](unsigned e) { onEvents(e); }, &why);
    if (!m_watch) {
      m_error = "connect to " + m_target + ": " + why;
      sys::closeSocket(h);
      continue;
    }
    m_handle = h;
    if (status == sys::ConnectStatus::Connected) {
      // Reported from the loop, as for a connect in progress.
      m_loop.defer([this, alive = m_life.watch()] {
        if (!alive.expired() && m_connecting) onEvents(kWritable);
      });
    }
    return;
  }
  if (!m_connecting) return;
  m_connecting = false;
  if (m_error.empty()) m_error = "no usable address for " + m_target;
  if (onConnectFailed) onConnectFailed(m_error);
}

void HostSocket::onEvents(unsigned events) {
  if (m_connecting) {
    std::string why;
    if (!sys::finishConnect(m_handle, &why)) {
      m_error = "connect to " + m_target + ": " + why;
      closeHandle(false);
      m_connecting = true;  // closeHandle cleared it; more addresses may follow
      tryNextAddress();
      return;
    }
    m_connecting = false;
    m_connected = true;
    updateInterest();
    if (onConnected) onConnected();
    return;
  }
  if ((events & kHangup) && !m_wantRead && !m_wantWrite) {
    m_loop.unwatch(m_watch);
    m_watch = 0;
    m_muted = true;
    return;
  }
  // A hang-up is reported as readable and writable: the next read or write tells which.
  const LifeToken::Watch alive = m_life.watch();
  if ((events & (kReadable | kHangup)) && m_wantRead && onReadable) onReadable();
  if (alive.expired() || m_handle == kInvalidHandle) return;
  if ((events & (kWritable | kHangup)) && m_wantWrite && onWritable) onWritable();
}

void HostSocket::updateInterest() {
  if (m_muted && (m_wantRead || m_wantWrite) && m_handle != kInvalidHandle) {
    m_muted = false;
    m_watch = m_loop.watch(m_handle, 0, [this](unsigned e) { onEvents(e); });
  }
  if (!m_watch || m_connecting) return;
  m_loop.setInterest(m_watch, (m_wantRead ? kReadable : 0u) | (m_wantWrite ? kWritable : 0u));
}

void HostSocket::setReadInterest(bool on) {
  m_wantRead = on;
  updateInterest();
}

void HostSocket::setWriteInterest(bool on) {
  m_wantWrite = on;
  updateInterest();
}

long HostSocket::read(char *buffer, size_t size) {
  if (m_handle == kInvalidHandle) return sys::kFailed;
  return sys::receive(m_handle, buffer, size, &m_error);
}

long HostSocket::write(const ConstBuffer *buffers, int count) {
  if (m_handle == kInvalidHandle) return sys::kFailed;
  return sys::send(m_handle, buffers, count, &m_error);
}

void HostSocket::shutdownWrite() {
  if (m_handle != kInvalidHandle) sys::shutdownWrite(m_handle);
}

void HostSocket::close() { closeHandle(false); }

void HostSocket::abort() { closeHandle(true); }

NativeHandle HostSocket::release() {
  const NativeHandle handle = m_handle;
  m_handle = kInvalidHandle;
  closeHandle(false);
  return handle;
}

void HostSocket::closeHandle(bool reset) {
  m_connecting = false;
  m_connected = false;
  m_muted = false;
  m_lookup.reset();
  if (m_watch) {
    m_loop.unwatch(m_watch);
    m_watch = 0;
  }
  if (m_handle != kInvalidHandle) {
    if (reset)
      sys::resetSocket(m_handle);
    else
      sys::closeSocket(m_handle);
    m_handle = kInvalidHandle;
  }
}

std::string HostSocket::peerName() const {
  if (!m_target.empty()) return m_target;
  return m_handle == kInvalidHandle ? std::string() : sys::peerName(m_handle);
}

}  // namespace routeless::agent
