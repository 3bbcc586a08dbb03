#include "agent/stack/netstack.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "lwip/init.h"
#include "lwip/ip4.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
}

// lwIP's clock (NO_SYS=1): milliseconds of a monotonic clock, from the C++ library so that it
// needs no platform file.
extern "C" u32_t sys_now(void) {
  using namespace std::chrono;
  return u32_t(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

namespace routeless::agent {
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

ip4_addr_t toIp4(uint32_t hostOrder) {
  ip4_addr_t a;
  ip4_addr_set_u32(&a, lwip_htonl(hostOrder));
  return a;
}

// A pbuf over memory someone else owns (a stdin read buffer), which it keeps alive.
struct BorrowedPbuf {
  struct pbuf_custom custom;  // first: lwIP hands this pointer back to free()
  std::shared_ptr<const void> owner;
};

void freeBorrowedPbuf(struct pbuf *p) { delete reinterpret_cast<BorrowedPbuf *>(p); }

}  // namespace

NetStack::NetStack(PacketSink *sink) : m_sink(sink) {
  if (g_instance) abort();  // lwIP state is global: one NetStack per process
  g_instance = this;
}

NetStack::~NetStack() {
  for (auto &[ip, nif] : m_extra) netif_remove(nif.get());
  m_extra.clear();
  if (m_netif) netif_remove(m_netif.get());
  g_instance = nullptr;
}

bool NetStack::start(uint32_t vip, std::string *error) {
  if (m_started) {
    if (error) *error = "the network stack is already started";
    return false;
  }
  if (!g_lwipInitialised) {
    // lwIP draws initial sequence numbers and ephemeral ports from rand().
    std::srand(unsigned(sys_now()) ^ unsigned(uintptr_t(this)) ^
               unsigned(std::chrono::system_clock::now().time_since_epoch().count()));
    lwip_init();
    g_lwipInitialised = true;
  }
  m_netif = std::make_unique<struct netif>();
  memset(m_netif.get(), 0, sizeof(struct netif));
  const ip4_addr_t ip = toIp4(vip);
  const ip4_addr_t mask = toIp4(0xFF000000u);
  const ip4_addr_t gw = toIp4(0);
  if (!netif_add(m_netif.get(), &ip, &mask, &gw, this, netifInit, ip4_input)) {
    if (error) *error = "lwIP refused the netif for " + formatIpv4(vip);
    m_netif.reset();
    return false;
  }
  // Destinations outside 127/8 (bastion routes) leave through the same netif.
  netif_set_default(m_netif.get());
  netif_set_up(m_netif.get());
  netif_set_link_up(m_netif.get());
  m_vip = vip;
  m_started = true;
  return true;
}

void NetStack::input(const char *packet, size_t size, const std::shared_ptr<const void> &owner) {
  if (!m_started || size == 0 || size > 65535) {
    ++m_packetsDropped;
    return;
  }
  struct pbuf *p = nullptr;
  if (owner) {
    auto *b = new BorrowedPbuf{{}, owner};
    b->custom.custom_free_function = freeBorrowedPbuf;
    p = pbuf_alloced_custom(PBUF_RAW, u16_t(size), PBUF_REF, &b->custom, const_cast<char *>(packet),
                            u16_t(size));
    if (!p) delete b;
  } else {
    p = pbuf_alloc(PBUF_RAW, u16_t(size), PBUF_RAM);
    if (p) memcpy(p->payload, packet, size);
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
    const auto *b = reinterpret_cast<const unsigned char *>(packet);
    const uint32_t dst =
        (uint32_t(b[16]) << 24) | (uint32_t(b[17]) << 16) | (uint32_t(b[18]) << 8) | b[19];
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

int NetStack::checkTimeouts() {
  if (!m_started) return -1;
  sys_check_timeouts();
  const u32_t next = sys_timeouts_sleeptime();
  return next == SYS_TIMEOUTS_SLEEPTIME_INFINITE ? -1 : int(next > 1000000 ? 1000000 : next);
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

size_t OutgoingPacket::size() const { return m_p ? m_p->tot_len : 0; }

int OutgoingPacket::buffers(ConstBuffer *out, int max) const {
  int n = 0;
  for (const struct pbuf *q = m_p; q && n < max; q = q->next)
    if (q->len) out[n++] = {q->payload, q->len};
  return n;
}

bool NetStack::addAddress(uint32_t ip, std::string *error) {
  if (!m_started) {
    if (error) *error = "the network stack is not started";
    return false;
  }
  if (ownsAddress(ip)) return true;
  auto nif = std::make_unique<struct netif>();
  memset(nif.get(), 0, sizeof(struct netif));
  const ip4_addr_t addr = toIp4(ip);
  const ip4_addr_t mask = toIp4(0xFFFFFFFFu);
  const ip4_addr_t gw = toIp4(0);
  if (!netif_add(nif.get(), &addr, &mask, &gw, this, netifInit, ip4_input)) {
    if (error)
      *error = "lwIP refused another netif (" + std::to_string(m_extra.size()) + " in use)";
    return false;
  }
  netif_set_up(nif.get());
  netif_set_link_up(nif.get());
  m_extra.emplace(ip, std::move(nif));
  return true;
}

void NetStack::removeAddress(uint32_t ip) {
  auto it = m_extra.find(ip);
  if (it == m_extra.end()) return;
  netif_remove(it->second.get());
  m_extra.erase(it);
}

bool NetStack::ownsAddress(uint32_t ip) const {
  return (m_started && ip == m_vip) || m_extra.count(ip) > 0;
}

const char *lwipErrorText(signed char err) {
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

}  // namespace routeless::agent
