#include "agent/host/hostlistener.h"

#include "agent/log.h"

namespace routeless::agent {

HostListener::HostListener(EventLoop &loop, Handler handler)
    : m_loop(loop), m_handler(std::move(handler)) {}

HostListener::~HostListener() { close(); }

bool HostListener::listen(const IpAddress &address, uint16_t port, std::string *error) {
  close();
  m_name = address.toString() + ":" + std::to_string(port);
  std::string why;
  bool missing = false;
  const NativeHandle h = sys::listenTcp(address, port, 128, &why, &missing);
  if (h == kInvalidHandle) {
    if (error) {
      *error = "failed to listen on \"" + m_name + "\": " + why;
      if (missing)
        *error += "; hint: this host has no " + address.toString() +
                  " on its loopback interface: try running `sudo ifconfig lo0 alias " +
                  address.toString() +
                  "` (macOS/BSD), or set loopback.disable and use the HTTP/SOCKS proxy instead";
    }
    return false;
  }
  m_watch = m_loop.watch(
      h, kReadable, [this](unsigned) { acceptPending(); }, &why);
  if (!m_watch) {
    sys::closeSocket(h);
    if (error) *error = "failed to listen on \"" + m_name + "\": " + why;
    return false;
  }
  m_handle = h;
  return true;
}

void HostListener::close() {
  if (m_watch) m_loop.unwatch(m_watch);
  m_watch = 0;
  if (m_handle != kInvalidHandle) sys::closeSocket(m_handle);
  m_handle = kInvalidHandle;
}

void HostListener::acceptPending() {
  // A bounded batch per wake-up, so that a connection storm cannot starve the stack.
  for (int i = 0; i < 64 && m_handle != kInvalidHandle; ++i) {
    bool wouldBlock = false;
    std::string why;
    const NativeHandle accepted = sys::acceptTcp(m_handle, &wouldBlock, &why);
    if (accepted == kInvalidHandle) {
      if (!wouldBlock) log::warning("listener %s: %s", m_name.c_str(), why.c_str());
      return;
    }
    if (m_handler)
      m_handler(accepted);
    else
      sys::closeSocket(accepted);
  }
}

}  // namespace routeless::agent
