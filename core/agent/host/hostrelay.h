#pragma once
// Relays one accepted host connection to host:port on the host OS, both ways, with one
// fixed buffer per direction, back-pressure (a side is read only while its buffer has room)
// and half-close (an end of stream becomes a FIN on the other side). A failed dial closes
// the accepted connection; a reset passes on as a reset. It never touches the stack.

#include <functional>
#include <memory>
#include <string>

#include "agent/host/hostsocket.h"
#include "agent/loop/lifetime.h"

namespace routeless::agent {

class HostRelay {
 public:
  static constexpr size_t kBufferSize = 128 * 1024;
  // Called once, from the loop, when both directions are done or one failed; the owner
  // destroys the relay then.
  using Done = std::function<void(HostRelay *relay)>;
  // What a proxy says around the dial (as TcpBridge::Greeting); toServer fits one buffer.
  struct Greeting {
    std::string toServer;
    std::string toClientOnConnect;
    std::string toClientOnFailure;
  };

  HostRelay(EventLoop &loop, Resolver &resolver, NativeHandle accepted, const std::string &host,
            uint16_t port, Done done, Greeting greeting = {});
  ~HostRelay();

  uint64_t bytesUp() const { return m_up.total; }
  uint64_t bytesDown() const { return m_down.total; }

 private:
  struct Direction {
    HostSocket *from = nullptr;
    HostSocket *to = nullptr;
    std::unique_ptr<char[]> buffer;
    size_t head = 0;  // next byte to write
    size_t tail = 0;  // end of the bytes read
    bool eof = false;
    bool shut = false;
    uint64_t total = 0;
  };
  bool pump(Direction &d);  // false once the relay failed
  void updateInterest();
  void fail(const std::string &why);
  void finish();

  EventLoop &m_loop;
  HostSocket m_client;
  HostSocket m_server;
  Direction m_up;    // client -> server
  Direction m_down;  // server -> client
  std::string m_target;
  bool m_connected = false;
  bool m_done = false;
  Done m_onDone;
  LifeToken m_life;
};

}  // namespace routeless::agent
