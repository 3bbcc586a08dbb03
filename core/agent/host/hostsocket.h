#pragma once
// One host-OS TCP connection of the agent on its event loop: non-blocking, no buffering of
// its own, and half-close kept usable (end of stream on the read side leaves the write side
// open; shutdownWrite() sends a FIN). It connects by name through the Resolver, trying each
// address in turn. Callbacks run on the loop; never destroy a HostSocket from inside one of
// its own callbacks (defer it).

#include <functional>
#include <string>
#include <vector>

#include "agent/host/resolver.h"
#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

class HostSocket {
 public:
  HostSocket(EventLoop &loop, Resolver *resolver = nullptr);
  ~HostSocket();
  HostSocket(const HostSocket &) = delete;
  HostSocket &operator=(const HostSocket &) = delete;

  std::function<void()> onReadable;
  std::function<void()> onWritable;
  std::function<void()> onConnected;
  std::function<void(const std::string &error)> onConnectFailed;

  // Takes ownership of an accepted, non-blocking socket.
  bool adopt(NativeHandle handle, std::string *error);
  // Resolves `host` (an IP or a name) and connects; reports through onConnected or
  // onConnectFailed, never from inside this call.
  void connectTo(const std::string &host, uint16_t port);

  bool isOpen() const { return m_handle != kInvalidHandle; }
  bool isConnected() const { return m_connected; }

  // > 0: bytes read; 0: end of stream; sys::kWouldBlock; sys::kFailed (errorString() says why).
  long read(char *buffer, size_t size);
  // Bytes written (0 when the socket buffer is full) or sys::kFailed.
  long write(const ConstBuffer *buffers, int count);
  void shutdownWrite();
  void close();
  // Gives the socket up without closing it (a proxy hands its client on to a bridge).
  NativeHandle release();
  // Closes with an RST, to pass a reset on.
  void abort();

  void setReadInterest(bool on);
  void setWriteInterest(bool on);
  const std::string &errorString() const { return m_error; }
  // "host:port" dialled, or the peer's address for an accepted socket.
  std::string peerName() const;

 private:
  void tryNextAddress();
  void onEvents(unsigned events);
  void updateInterest();
  void closeHandle(bool reset);

  EventLoop &m_loop;
  Resolver *m_resolver;
  LifeToken m_life;
  NativeHandle m_handle = kInvalidHandle;
  uint64_t m_watch = 0;
  bool m_connected = false;
  bool m_connecting = false;
  bool m_wantRead = false;
  bool m_wantWrite = false;
  // Unwatched after a hang-up nobody wanted to hear about yet: pollers report hang-ups
  // whatever the interest, and would wake the loop for it on every pass.
  bool m_muted = false;
  Resolver::Request m_lookup;
  std::vector<IpAddress> m_addresses;
  uint16_t m_port = 0;
  std::string m_target;
  std::string m_error;
};

}  // namespace routeless::agent
