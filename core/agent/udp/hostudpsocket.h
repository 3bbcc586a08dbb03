#pragma once
// One host-OS UDP socket of the agent on its event loop, bound (a listener that receives from
// any client) or connected (one flow's upstream). It hands each datagram to onDatagram whole
// and sends datagrams whole; a full socket buffer drops the datagram (UDP's own rule), counted.
// It never queues, and never calls back from inside a send.

#include <cstdint>
#include <functional>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

class HostUdpSocket {
 public:
  // Largest UDP payload over IPv4 (65535 - 20 - 8).
  static constexpr size_t kMaxDatagram = 65507;
  // Datagrams read per readiness event before the loop serves others.
  static constexpr int kReadBurst = 64;

  explicit HostUdpSocket(EventLoop &loop);
  ~HostUdpSocket();
  HostUdpSocket(const HostUdpSocket &) = delete;
  HostUdpSocket &operator=(const HostUdpSocket &) = delete;

  // Called with each datagram and its sender; the bytes are valid only during the call. It
  // must not destroy this object.
  std::function<void(const char *data, size_t size, const IpAddress &from, uint16_t fromPort)>
      onDatagram;

  bool bind(const IpAddress &address, uint16_t port, std::string *error,
            bool *addressMissing = nullptr);
  bool connect(const IpAddress &address, uint16_t port, std::string *error);
  // To `to`:`port`, or to the connected peer when `to` is null. False when it was dropped.
  bool send(const char *data, size_t size, const IpAddress *to = nullptr, uint16_t port = 0);
  void close();
  bool isOpen() const { return m_handle != kInvalidHandle; }
  uint16_t localPort() const;

  uint64_t sendDrops() const { return m_sendDrops; }
  uint64_t refusals() const { return m_refusals; }  // ICMP unreachable from the peer

 private:
  bool watch(std::string *error);
  void readAll();

  EventLoop &m_loop;
  NativeHandle m_handle = kInvalidHandle;
  uint64_t m_watch = 0;
  uint64_t m_sendDrops = 0;
  uint64_t m_refusals = 0;
  std::string m_lastError;
};

}  // namespace routeless::agent
