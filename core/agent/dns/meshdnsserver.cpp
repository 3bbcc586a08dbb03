#include "agent/dns/meshdnsserver.h"

#include "agent/dns/dnsmessage.h"
#include "agent/log.h"
#include "agent/stack/netstack.h"
#include "agent/sys/socket.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
}

namespace routeless::agent {
namespace {

void udpCallback(void *arg, struct udp_pcb *, struct pbuf *p, const ip_addr_t *addr, u16_t port) {
  if (!arg || !addr || !IP_IS_V4(addr)) {
    pbuf_free(p);
    return;
  }
  static_cast<MeshDnsServer *>(arg)->lwipUdp(p, lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(addr))), port);
}

std::string lowerName(std::string name) {
  for (char &c : name)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  while (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

}  // namespace

struct MeshDnsServer::Session {
  explicit Session(EventLoop &loop) : stream(loop) {}
  StackDnsStream stream;
  uint64_t id = 0;
  size_t inFlight = 0;
  bool peerFinished = false;
  uint64_t idleTimer = 0;
};

MeshDnsServer::MeshDnsServer(EventLoop &loop)
    : m_loop(loop),
      m_upstream(loop),
      m_listener([this](struct tcp_pcb *pcb) { return accept(pcb); }) {}

MeshDnsServer::~MeshDnsServer() {
  for (auto &[id, s] : m_sessions)
    if (s->idleTimer) m_loop.cancelTimer(s->idleTimer);
  m_sessions.clear();  // streams hold pcbs: before the listener
  if (m_udp) udp_remove(m_udp);
}

bool MeshDnsServer::start(uint32_t ip, std::string *error) {
  const std::string where = formatIpv4(ip) + ":" + std::to_string(kPort);
  ip_addr_t addr;
  ip_addr_set_ip4_u32_val(addr, lwip_htonl(ip));
  if (!m_listener.listen(ip, kPort, 64, error)) {
    *error = "DNS: " + *error;
    return false;
  }
  err_t err = ERR_OK;

  m_udp = udp_new_ip_type(IPADDR_TYPE_V4);
  if (!m_udp || (err = udp_bind(m_udp, &addr, kPort)) != ERR_OK) {
    *error = "DNS: failed to bind " + where + "/udp in the network stack";
    return false;
  }
  udp_recv(m_udp, udpCallback, this);
  return true;
}

void MeshDnsServer::setNames(const std::map<std::string, std::string> &names) {
  m_names.clear();
  for (const auto &[name, vip] : names)
    if (const auto ip = parseIpv4(vip)) m_names[lowerName(name)] = *ip;
}

void MeshDnsServer::answer(const std::string &query, std::function<void(std::string reply)> reply) {
  std::string why;
  const auto parsed = dns::parseQuery(query, &why);
  if (!parsed) {
    if (const auto header = dns::parseHeader(query)) {
      log::debug("dns: malformed query: %s", why.c_str());
      reply(dns::encodeFormErr(*header));
    }
    return;
  }
  if (parsed->header.isResponse()) return;  // never answer an answer (reflection loops)
  const auto &q = parsed->question;
  if (q && parsed->header.opcode() == 0 && parsed->header.qdCount == 1 && q->type == dns::kTypeA &&
      q->qclass == dns::kClassIn && q->nameIsPlain) {
    if (auto it = m_names.find(q->name); it != m_names.end()) {
      reply(dns::encodeAReply(*parsed, {it->second}));
      return;
    }
  }
  auto fallback = std::make_shared<dns::Query>(*parsed);
  const bool started = m_upstream.forward(
      query, [reply, fallback, alive = m_life.watch()](std::string upstreamReply) {
        if (alive.expired()) return;
        // Every server failed: an empty NOERROR reply, as NoRouter's.
        reply(upstreamReply.empty() ? dns::encodeAReply(*fallback, {}) : std::move(upstreamReply));
      });
  if (!started) {
    log::debug("dns: %llu queries already forwarded; answering this one empty",
               static_cast<unsigned long long>(m_upstream.inFlight()));
    reply(dns::encodeAReply(*parsed, {}));
  }
}

signed char MeshDnsServer::accept(struct tcp_pcb *pcb) {
  if (m_sessions.size() >= kMaxConnections) {
    log::debug("dns: %llu connections open; refusing one more",
               static_cast<unsigned long long>(m_sessions.size()));
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  const uint64_t id = m_nextSession++;
  auto session = std::make_unique<Session>(m_loop);
  Session &s = *session;
  s.id = id;
  m_sessions[id] = std::move(session);
  s.stream.adopt(pcb);
  auto alive = m_life.watch();
  s.stream.onMessage = [this, id, alive](std::string message) {
    if (alive.expired()) return;
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) return;
    Session &session = *it->second;
    if (session.inFlight >= kMaxQueriesPerConnection) {
      log::debug("dns: more than %llu queries in flight on one connection; closing it",
                 static_cast<unsigned long long>(kMaxQueriesPerConnection));
      return closeSession(id);
    }
    ++session.inFlight;
    touch(session);
    answer(message, [this, id, alive](std::string reply) {
      if (alive.expired()) return;
      auto it = m_sessions.find(id);
      if (it == m_sessions.end()) return;
      Session &session = *it->second;
      --session.inFlight;
      if (!session.stream.send(reply)) return closeSession(id);
      if (session.peerFinished && session.inFlight == 0) session.stream.close();
    });
  };
  s.stream.onPeerFinished = [this, id, alive] {
    if (alive.expired()) return;
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) return;
    it->second->peerFinished = true;
    if (it->second->inFlight == 0) it->second->stream.close();
  };
  s.stream.onClosed = [this, id, alive](const std::string &) {
    if (!alive.expired()) closeSession(id);
  };
  touch(s);
  return ERR_OK;
}

void MeshDnsServer::touch(Session &s) {
  if (s.idleTimer) m_loop.cancelTimer(s.idleTimer);
  const uint64_t id = s.id;
  s.idleTimer = m_loop.startTimer(kIdleMs, [this, id, alive = m_life.watch()] {
    if (alive.expired()) return;
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) return;
    it->second->idleTimer = 0;
    if (it->second->inFlight == 0) closeSession(id);
  });
}

void MeshDnsServer::closeSession(uint64_t id) {
  auto it = m_sessions.find(id);
  if (it == m_sessions.end()) return;
  std::shared_ptr<Session> session(std::move(it->second));
  m_sessions.erase(it);
  if (session->idleTimer) m_loop.cancelTimer(session->idleTimer);
  // Destroyed after the current callback (it may be the stream's own).
  session->stream.onMessage = nullptr;
  session->stream.onClosed = nullptr;
  session->stream.onPeerFinished = nullptr;
  m_loop.defer([session] {});
}

void MeshDnsServer::lwipUdp(struct pbuf *p, uint32_t fromIp, uint16_t fromPort) {
  std::string query(p->tot_len, '\0');
  pbuf_copy_partial(p, query.data(), p->tot_len, 0);
  pbuf_free(p);
  answer(query, [this, fromIp, fromPort, alive = m_life.watch()](std::string reply) {
    if (alive.expired() || !m_udp || reply.size() > 65507) return;
    struct pbuf *out = pbuf_alloc(PBUF_TRANSPORT, u16_t(reply.size()), PBUF_RAM);
    if (!out) return;
    pbuf_take(out, reply.data(), u16_t(reply.size()));
    ip_addr_t to;
    ip_addr_set_ip4_u32_val(to, lwip_htonl(fromIp));
    udp_sendto(m_udp, out, &to, fromPort);
    pbuf_free(out);
  });
}

}  // namespace routeless::agent
