#include "agent/udp/hostudpsocket.h"

#include "agent/log.h"
#include "agent/sys/udp.h"

namespace routeless::agent {

HostUdpSocket::HostUdpSocket(EventLoop &loop) : m_loop(loop) {}

HostUdpSocket::~HostUdpSocket() { close(); }

bool HostUdpSocket::bind(const IpAddress &address, uint16_t port, std::string *error,
                         bool *addressMissing) {
  close();
  m_handle = sys::bindUdp(address, port, error, addressMissing);
  return m_handle != kInvalidHandle && watch(error);
}

bool HostUdpSocket::connect(const IpAddress &address, uint16_t port, std::string *error) {
  close();
  m_handle = sys::connectUdp(address, port, error);
  return m_handle != kInvalidHandle && watch(error);
}

bool HostUdpSocket::watch(std::string *error) {
  m_watch = m_loop.watch(
      m_handle, kReadable, [this](unsigned) { readAll(); }, error);
  if (m_watch == 0) {
    sys::closeSocket(m_handle);
    m_handle = kInvalidHandle;
    return false;
  }
  return true;
}

uint16_t HostUdpSocket::localPort() const {
  return m_handle == kInvalidHandle ? 0 : sys::localPort(m_handle);
}

void HostUdpSocket::close() {
  if (m_watch) m_loop.unwatch(m_watch);
  m_watch = 0;
  if (m_handle != kInvalidHandle) sys::closeSocket(m_handle);
  m_handle = kInvalidHandle;
}

bool HostUdpSocket::send(const char *data, size_t size, const IpAddress *to, uint16_t port) {
  if (m_handle == kInvalidHandle) return false;
  std::string error;
  const long n = sys::sendDatagram(m_handle, data, size, to, port, &error);
  if (n >= 0) return true;
  ++m_sendDrops;
  if (n == sys::kFailed && error != m_lastError) {  // once per distinct reason
    log::debug("udp send: %s", error.c_str());
    m_lastError = error;
  }
  return false;
}

void HostUdpSocket::readAll() {
  // One buffer for every socket: the loop is single-threaded and onDatagram copies.
  static char buffer[kMaxDatagram + 1];
  for (int i = 0; i < kReadBurst && m_handle != kInvalidHandle; ++i) {
    IpAddress from;
    uint16_t fromPort = 0;
    std::string error;
    bool refused = false;
    const long n =
        sys::receiveDatagram(m_handle, buffer, sizeof buffer, &from, &fromPort, &error, &refused);
    if (n == sys::kWouldBlock) return;
    if (n == sys::kFailed) {
      if (refused) {
        ++m_refusals;  // an earlier datagram found no listener; later ones may
        continue;
      }
      log::debug("udp receive: %s", error.c_str());
      return;
    }
    if (size_t(n) > kMaxDatagram) continue;  // cannot be carried over IPv4
    if (onDatagram) onDatagram(buffer, size_t(n), from, fromPort);
  }
}

}  // namespace routeless::agent
