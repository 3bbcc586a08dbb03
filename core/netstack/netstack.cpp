#include "netstack/netstack.h"

#include <QDateTime>
#include <QtGlobal>
#include <cstdlib>

extern "C" {
#include "lwip/init.h"
#include "lwip/ip4.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
}

namespace routeless::netstack {
namespace {

bool g_lwipInitialised = false;
NetStack *g_instance = nullptr;

err_t netifOutput(struct netif *nif, struct pbuf *p, const ip4_addr_t *) {
  static_cast<NetStack *>(nif->state)->outputPacket(p);
  return ERR_OK;
}

err_t netifInit(struct netif *nif) {
  nif->name[0] = 'r';
  nif->name[1] = 'l';
  nif->output = netifOutput;
  nif->mtu = 65535;
  nif->flags = 0;  // no broadcast, no ARP: a point-to-point link to the manager
  return ERR_OK;
}

ip4_addr_t toIp4(quint32 hostOrder) {
  ip4_addr_t a;
  ip4_addr_set_u32(&a, lwip_htonl(hostOrder));
  return a;
}

}  // namespace

NetStack::NetStack(PacketSink *sink, QObject *parent)
    : QObject(parent), m_sink(sink), m_timer(this) {
  Q_ASSERT_X(!g_instance, "NetStack", "lwIP state is global: one NetStack per process");
  g_instance = this;
  m_timer.setInterval(50);
  connect(&m_timer, &QTimer::timeout, this, &NetStack::checkTimeouts);
}

NetStack::~NetStack() {
  for (auto &[ip, nif] : m_extra) netif_remove(nif.get());
  m_extra.clear();
  if (m_netif) netif_remove(m_netif.get());
  g_instance = nullptr;
}

bool NetStack::start(quint32 vip, QString *error) {
  if (m_started) {
    if (error) *error = QStringLiteral("the network stack is already started");
    return false;
  }
  if (!g_lwipInitialised) {
    // lwIP draws initial sequence numbers and ephemeral ports from rand().
    std::srand(uint(QDateTime::currentMSecsSinceEpoch()) ^ uint(quintptr(this)));
    lwip_init();
    g_lwipInitialised = true;
  }
  m_netif = std::make_unique<struct netif>();
  const ip4_addr_t ip = toIp4(vip);
  const ip4_addr_t mask = toIp4(0xFF000000u);
  const ip4_addr_t gw = toIp4(0);
  if (!netif_add(m_netif.get(), &ip, &mask, &gw, this, netifInit, ip4_input)) {
    if (error) *error = QStringLiteral("lwIP refused the netif for %1").arg(vip);
    m_netif.reset();
    return false;
  }
  // Destinations outside 127/8 (bastion routes) leave through the same netif.
  netif_set_default(m_netif.get());
  netif_set_up(m_netif.get());
  netif_set_link_up(m_netif.get());
  m_vip = vip;
  m_started = true;
  m_timer.start();
  return true;
}

namespace {

// A pbuf over memory someone else owns (a stdin read buffer), which it keeps alive.
struct BorrowedPbuf {
  struct pbuf_custom custom;  // first: lwIP hands this pointer back to free()
  std::shared_ptr<const void> owner;
};

void freeBorrowedPbuf(struct pbuf *p) { delete reinterpret_cast<BorrowedPbuf *>(p); }

}  // namespace

void NetStack::input(const char *packet, int size, const std::shared_ptr<const void> &owner) {
  if (!m_started || size <= 0 || size > 65535) {
    ++m_packetsDropped;
    return;
  }
  struct pbuf *p = nullptr;
  if (owner) {
    auto *b = new BorrowedPbuf{{}, owner};
    b->custom.custom_free_function = freeBorrowedPbuf;
    p = pbuf_alloced_custom(PBUF_RAW, u16_t(size), PBUF_REF, &b->custom, const_cast<char *>(packet),
                            u16_t(size));
  } else {
    p = pbuf_alloc(PBUF_RAW, u16_t(size), PBUF_RAM);
    if (p) memcpy(p->payload, packet, size_t(size));
  }
  if (!p) {
    ++m_packetsDropped;
    return;
  }
  ++m_packetsIn;
  // lwIP accepts a 127/8 destination only on the netif that owns it (with its loopback
  // options off it never scans the others), so routing-mode packets enter through theirs.
  struct netif *inp = m_netif.get();
  if (!m_extra.empty() && size >= 20) {
    const auto *b = reinterpret_cast<const uchar *>(packet);
    const quint32 dst =
        (quint32(b[16]) << 24) | (quint32(b[17]) << 16) | (quint32(b[18]) << 8) | b[19];
    if (dst != m_vip) {
      auto it = m_extra.find(dst);
      if (it != m_extra.end()) inp = it->second.get();
    }
  }
  if (inp->input(p, inp) != ERR_OK) {
    ++m_packetsDropped;
    pbuf_free(p);
  }
}

void NetStack::checkTimeouts() {
  if (m_started) sys_check_timeouts();
}

void NetStack::outputPacket(const struct pbuf *p) {
  m_sink->sendPacket(OutgoingPacket(const_cast<struct pbuf *>(p)));
  ++m_packetsOut;
}

OutgoingPacket::OutgoingPacket(struct pbuf *p) : m_p(p) { pbuf_ref(p); }

OutgoingPacket &OutgoingPacket::operator=(OutgoingPacket &&other) noexcept {
  if (this != &other) {
    if (m_p) pbuf_free(m_p);
    m_p = other.m_p;
    other.m_p = nullptr;
  }
  return *this;
}

OutgoingPacket::~OutgoingPacket() {
  if (m_p) pbuf_free(m_p);
}

int OutgoingPacket::size() const { return m_p ? m_p->tot_len : 0; }

int OutgoingPacket::buffers(ConstBuffer *out, int max) const {
  int n = 0;
  for (const struct pbuf *q = m_p; q && n < max; q = q->next)
    if (q->len) out[n++] = {q->payload, q->len};
  return n;
}

void OutgoingPacket::copyTo(char *dst) const {
  for (const struct pbuf *q = m_p; q; q = q->next) {
    memcpy(dst, q->payload, q->len);
    dst += q->len;
  }
}

bool NetStack::addAddress(quint32 ip, QString *error) {
  if (!m_started) {
    if (error) *error = QStringLiteral("the network stack is not started");
    return false;
  }
  if (ownsAddress(ip)) return true;
  auto nif = std::make_unique<struct netif>();
  const ip4_addr_t addr = toIp4(ip);
  const ip4_addr_t mask = toIp4(0xFFFFFFFFu);
  const ip4_addr_t gw = toIp4(0);
  if (!netif_add(nif.get(), &addr, &mask, &gw, this, netifInit, ip4_input)) {
    if (error)
      *error = QStringLiteral("lwIP refused another netif (%1 in use)").arg(m_extra.size());
    return false;
  }
  netif_set_up(nif.get());
  netif_set_link_up(nif.get());
  m_extra.emplace(ip, std::move(nif));
  return true;
}

void NetStack::removeAddress(quint32 ip) {
  auto it = m_extra.find(ip);
  if (it == m_extra.end()) return;
  netif_remove(it->second.get());
  m_extra.erase(it);
}

bool NetStack::ownsAddress(quint32 ip) const {
  return (m_started && ip == m_vip) || m_extra.count(ip) > 0;
}

const char *errorText(signed char err) {
  switch (err) {
    case ERR_OK:
      return "ok";
    case ERR_MEM:
      return "out of memory";
    case ERR_BUF:
      return "buffer error";
    case ERR_TIMEOUT:
      return "timeout";
    case ERR_RTE:
      return "no route";
    case ERR_INPROGRESS:
      return "operation in progress";
    case ERR_VAL:
      return "illegal value";
    case ERR_WOULDBLOCK:
      return "operation would block";
    case ERR_USE:
      return "address in use";
    case ERR_ALREADY:
      return "already connecting";
    case ERR_ISCONN:
      return "already connected";
    case ERR_CONN:
      return "not connected";
    case ERR_IF:
      return "low-level netif error";
    case ERR_ABRT:
      return "connection aborted";
    case ERR_RST:
      return "connection reset";
    case ERR_CLSD:
      return "connection closed";
    case ERR_ARG:
      return "illegal argument";
    default:
      return "unknown error";
  }
}

}  // namespace routeless::netstack
