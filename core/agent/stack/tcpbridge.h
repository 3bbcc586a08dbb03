#pragma once
// One TCP connection carried between a host-OS socket and a StackTcp, with real flow control
// both ways and half-close. Host bytes are read only as far as lwIP's send buffer allows
// (resumed as the peer acknowledges), and the stack's receive window is reopened only as the
// host socket drains, so a connection holds at most its two windows. FIN and RST cross both
// ways. It never calls lwIP's raw TCP API itself: StackTcp owns the pcb and its callbacks.

#include <deque>
#include <functional>
#include <string>

#include "agent/host/hostsocket.h"
#include "agent/loop/lifetime.h"
#include "agent/stack/stacktcp.h"

struct tcp_pcb;
struct pbuf;

namespace routeless::agent {

class TcpBridge {
 public:
  // Called once, from the loop, when the connection is over; the owner destroys the bridge.
  using Done = std::function<void(TcpBridge *bridge)>;
  // What a proxy says around the dial: bytes for the stack side once connected (a rewritten
  // request, bytes read past a handshake), and its answer to the host side on success or
  // failure (a SOCKS reply, `200 Connection established`, a 500).
  struct Greeting {
    std::string toStack;
    std::string toHostOnConnect;
    std::string toHostOnFailure;
  };

  // lwIP accepted `pcb`: dial host:port on the host OS and bridge. If the dial fails the
  // accepted connection is closed (NoRouter: "accepted, then closed").
  static std::unique_ptr<TcpBridge> fromStack(EventLoop &loop, Resolver &resolver,
                                              struct tcp_pcb *pcb, const std::string &host,
                                              uint16_t port, Done done);
  // The host OS accepted `handle`: connect to ip:port (host order) inside the stack, from the
  // stack's own address and an ephemeral port. If that fails the host socket is closed.
  static std::unique_ptr<TcpBridge> intoStack(EventLoop &loop, NativeHandle handle, uint32_t ip,
                                              uint16_t port, Done done, Greeting greeting = {});

  ~TcpBridge();

  uint64_t bytesToHost() const { return m_bytesToHost; }
  uint64_t bytesToStack() const { return m_bytesToStack; }
  std::string description() const;

 private:
  TcpBridge(EventLoop &loop, Resolver *resolver, Done done);

  // The stack side's events (StackTcp's handlers, inside lwIP's callbacks).
  void onStackChain(struct pbuf *p);
  void onStackEof();
  void onStackWritable();
  void onStackConnected();
  void onStackError(const std::string &why);
  void onHostConnected();
  void onHostConnectFailed(const std::string &error);
  // host -> stack; false when the bridge failed (and was torn down).
  bool pumpToStack();
  bool writePendingToStack();
  void shutdownStackTx();
  // stack -> host; false when the bridge failed.
  bool flushToHost();
  void ackToStack(uint64_t bytes);
  void scheduleFlushToHost();
  void scheduleFinishCheck();
  void maybeFinish();
  void fail(const std::string &why, bool resetHost);
  void finish();
  void end();
  void freeQueue();
  void sayFailure();

  EventLoop &m_loop;
  HostSocket m_host;
  Done m_onDone;
  LifeToken m_life;
  StackTcp m_stack;
  std::string m_target;
  Greeting m_greeting;

  // stack -> host: received chains not yet written to the host socket.
  std::deque<struct pbuf *> m_toHost;
  uint32_t m_toHostOffset = 0;  // bytes of m_toHost.front() already written
  bool m_stackEof = false;      // FIN received from the stack side
  bool m_hostWriteShut = false;

  // host -> stack
  std::string m_pending;  // read from the host, not yet accepted by tcp_write
  bool m_hostEof = false;
  bool m_stackTxShut = false;
  bool m_readPaused = false;

  bool m_stackConnected = false;
  bool m_hostConnected = false;
  bool m_finished = false;
  bool m_finishCheckScheduled = false;
  bool m_flushScheduled = false;
  uint64_t m_bytesToHost = 0;
  uint64_t m_bytesToStack = 0;
};

}  // namespace routeless::agent
