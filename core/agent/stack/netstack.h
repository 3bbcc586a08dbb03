#pragma once
// The process's lwIP stack (NO_SYS=1, raw API) with one netif whose address is the VIP, plus
// one /32 netif per address answered for in routing mode. lwIP state is global, so there is
// at most one NetStack per process, and only the loop thread ever touches it: no locks.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "agent/sys/socket.h"

struct netif;
struct pbuf;

namespace routeless::agent {

// One IPv4 packet leaving the stack, held by reference (no copy) until it is released.
// lwIP does not retransmit a segment while it is referenced, so release it promptly (once
// written). Move-only; released on the loop thread.
class OutgoingPacket {
 public:
  OutgoingPacket() = default;
  explicit OutgoingPacket(struct pbuf *p);  // takes a new reference
  OutgoingPacket(OutgoingPacket &&other) noexcept : m_p(other.m_p) { other.m_p = nullptr; }
  OutgoingPacket &operator=(OutgoingPacket &&other) noexcept;
  OutgoingPacket(const OutgoingPacket &) = delete;
  OutgoingPacket &operator=(const OutgoingPacket &) = delete;
  ~OutgoingPacket();

  size_t size() const;
  // Fills up to `max` buffers with the packet's bytes; returns how many it used.
  int buffers(ConstBuffer *out, int max) const;

 private:
  struct pbuf *m_p = nullptr;
};

// Where IPv4 packets leaving the stack go (the agent frames them onto stdout).
class PacketSink {
 public:
  virtual ~PacketSink() = default;
  virtual void sendPacket(OutgoingPacket packet) = 0;
};

class NetStack {
 public:
  explicit NetStack(PacketSink *sink);
  ~NetStack();
  NetStack(const NetStack &) = delete;
  NetStack &operator=(const NetStack &) = delete;

  // Brings the netif up with `vip` (host order), netmask 255.0.0.0, MTU 65535.
  bool start(uint32_t vip, std::string *error);
  bool isStarted() const { return m_started; }
  uint32_t address() const { return m_vip; }

  // Feeds one IPv4 packet. With `owner`, lwIP reads it in place (no copy) and keeps `owner`
  // alive until it is done with the packet; without, the packet is copied.
  void input(const char *packet, size_t size, const std::shared_ptr<const void> &owner = {});
  // Runs lwIP's due timers and returns the milliseconds until the next one (-1: none).
  int checkTimeouts();

  // Routing mode: accept packets for `ip` too (a /32 netif), and answer from it.
  bool addAddress(uint32_t ip, std::string *error);
  void removeAddress(uint32_t ip);
  bool ownsAddress(uint32_t ip) const;

  uint64_t packetsIn() const { return m_packetsIn; }
  uint64_t packetsOut() const { return m_packetsOut; }
  uint64_t packetsDropped() const { return m_packetsDropped; }

  // Called by the netifs' output function (lwIP internals only).
  void outputPacket(const struct pbuf *p);

 private:
  PacketSink *m_sink;
  std::unique_ptr<struct netif> m_netif;
  std::map<uint32_t, std::unique_ptr<struct netif>> m_extra;
  uint32_t m_vip = 0;
  bool m_started = false;
  uint64_t m_packetsIn = 0;
  uint64_t m_packetsOut = 0;
  uint64_t m_packetsDropped = 0;
};

// lwIP's err_t as text (lwip_strerr exists only in LWIP_DEBUG builds).
const char *lwipErrorText(signed char err);

}  // namespace routeless::agent
