#pragma once
// The process's lwIP stack (NO_SYS=1, raw API) with one netif whose address is the VIP.
// lwIP state is global, so there is at most one NetStack per process, and it must only ever
// be touched from the thread it lives on: no locks exist around lwIP.

#include <QObject>
#include <QTimer>
#include <map>
#include <memory>

#include "netstack/hostsocket.h"

struct netif;
struct pbuf;

namespace routeless::netstack {

// One IPv4 packet leaving the stack, held by reference (no copy) until it is released.
// lwIP does not retransmit a segment while it is referenced, so release it promptly (once
// written). Move-only; must be released on the stack thread.
class OutgoingPacket {
 public:
  OutgoingPacket() = default;
  explicit OutgoingPacket(struct pbuf *p);  // takes a new reference
  OutgoingPacket(OutgoingPacket &&other) noexcept : m_p(other.m_p) { other.m_p = nullptr; }
  OutgoingPacket &operator=(OutgoingPacket &&other) noexcept;
  OutgoingPacket(const OutgoingPacket &) = delete;
  OutgoingPacket &operator=(const OutgoingPacket &) = delete;
  ~OutgoingPacket();

  int size() const;
  // Fills up to `max` buffers with the packet's bytes; returns how many it used.
  int buffers(ConstBuffer *out, int max) const;
  // Copies the packet into `dst` (size() bytes).
  void copyTo(char *dst) const;

 private:
  struct pbuf *m_p = nullptr;
};

// Where IPv4 packets leaving the stack go (the mesh agent frames them onto stdout).
class PacketSink {
 public:
  virtual ~PacketSink() = default;
  virtual void sendPacket(OutgoingPacket packet) = 0;
};

// The lwIP stack of this process: owns lwip_init, the netifs and the timers.
// Never used from two threads, and never more than one instance alive.
class NetStack final : public QObject {
  Q_OBJECT
 public:
  explicit NetStack(PacketSink *sink, QObject *parent = nullptr);
  ~NetStack() override;

  // Brings the netif up with `vip` (host order), netmask 255.0.0.0, MTU 65535.
  bool start(quint32 vip, QString *error);
  bool isStarted() const { return m_started; }
  quint32 address() const { return m_vip; }

  // Feeds one IPv4 packet. With `owner`, lwIP reads it in place (no copy) and keeps `owner`
  // alive until it is done with the packet; without, the packet is copied.
  void input(const char *packet, int size, const std::shared_ptr<const void> &owner = {});
  // Runs lwIP's due timers; call after a batch of input as well.
  void checkTimeouts();

  // Routing mode: accept packets for `ip` too (a /32 netif), and answer from it.
  bool addAddress(quint32 ip, QString *error);
  void removeAddress(quint32 ip);
  bool ownsAddress(quint32 ip) const;

  quint64 packetsIn() const { return m_packetsIn; }
  quint64 packetsOut() const { return m_packetsOut; }
  quint64 packetsDropped() const { return m_packetsDropped; }

  // Called by the netifs' output function (lwIP internals only).
  void outputPacket(const struct pbuf *p);

 private:
  PacketSink *m_sink;
  std::unique_ptr<struct netif> m_netif;
  std::map<quint32, std::unique_ptr<struct netif>> m_extra;
  QTimer m_timer;
  quint32 m_vip = 0;
  bool m_started = false;
  quint64 m_packetsIn = 0;
  quint64 m_packetsOut = 0;
  quint64 m_packetsDropped = 0;
};

// lwIP's err_t as text (lwip_strerr exists only in LWIP_DEBUG builds).
const char *errorText(signed char err);

}  // namespace routeless::netstack
