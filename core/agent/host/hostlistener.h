#pragma once
// A listening host-OS TCP socket on the agent's loop that hands every accepted connection
// (non-blocking, Nagle off) to a handler. Its bind error says what to do when the address
// does not exist on this host (macOS/BSD have no 127.0.42.x without an lo0 alias).

#include <functional>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

class HostListener {
 public:
  using Handler = std::function<void(NativeHandle accepted)>;
  HostListener(EventLoop &loop, Handler handler);
  ~HostListener();
  HostListener(const HostListener &) = delete;
  HostListener &operator=(const HostListener &) = delete;

  bool listen(const IpAddress &address, uint16_t port, std::string *error);
  void close();

 private:
  void acceptPending();

  EventLoop &m_loop;
  Handler m_handler;
  NativeHandle m_handle = kInvalidHandle;
  uint64_t m_watch = 0;
  std::string m_name;
};

}  // namespace routeless::agent
