#include "agent/dns/meshdnsclient.h"

#include "agent/dns/dnsmessage.h"
#include "agent/dns/meshdnsserver.h"
#include "agent/dns/stackdnsstream.h"
#include "agent/stack/netstack.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

struct MeshDnsClient::Pending {
  explicit Pending(EventLoop &loop) : stream(loop) {}
  StackDnsStream stream;
  uint16_t id = 0;
  std::string name;
  Done done;
  uint64_t timer = 0;
};

MeshDnsClient::MeshDnsClient(EventLoop &loop, NetStack &stack)
    : m_loop(loop), m_stack(stack), m_random(std::random_device{}()) {}

MeshDnsClient::~MeshDnsClient() {
  for (auto &[key, p] : m_pending)
    if (p->timer) m_loop.cancelTimer(p->timer);
}

void MeshDnsClient::queryA(uint32_t via, const std::string &name, Done done) {
  const uint64_t key = m_nextKey++;
  auto alive = m_life.watch();
  auto failSoon = [this, alive](Done d, std::string why) {
    m_loop.defer([d = std::move(d), why = std::move(why), alive] {
      if (!alive.expired()) d({}, why);
    });
  };
  const uint16_t id = uint16_t(m_random());
  const std::string query = dns::encodeAQuery(id, name);
  if (query.empty()) return failSoon(std::move(done), "not a valid DNS name: " + name);
  if (!m_stack.isStarted()) return failSoon(std::move(done), "the network stack is not up");
  if (m_pending.size() >= kMaxInFlight)
    return failSoon(std::move(done), "too many mesh DNS queries in flight");
  auto pending = std::make_unique<Pending>(m_loop);
  Pending &p = *pending;
  p.id = id;
  p.name = name;
  p.done = std::move(done);
  const std::string where = formatIpv4(via) + ":" + std::to_string(MeshDnsServer::kPort);
  std::string error;
  if (!p.stream.connect(via, MeshDnsServer::kPort, &error))
    return failSoon(std::move(p.done), where + ": " + error);
  m_pending[key] = std::move(pending);
  p.stream.send(query);  // queued until connected
  p.stream.onMessage = [this, key, where, alive](std::string message) {
    if (alive.expired()) return;
    auto it = m_pending.find(key);
    if (it == m_pending.end()) return;
    std::string why;
    auto addresses = dns::parseAReply(message, it->second->id, &why);
    if (!addresses) return finish(key, {}, where + ": " + why);
    if (addresses->empty()) return finish(key, {}, where + ": no A record for " + it->second->name);
    finish(key, std::move(*addresses), std::string());
  };
  p.stream.onPeerFinished = [this, key, where, alive] {
    if (!alive.expired()) finish(key, {}, where + ": connection closed before the reply");
  };
  p.stream.onClosed = [this, key, where, alive](const std::string &why) {
    if (!alive.expired()) finish(key, {}, where + ": " + (why.empty() ? "closed" : why));
  };
  p.timer = m_loop.startTimer(kTimeoutMs, [this, key, where, alive] {
    if (alive.expired()) return;
    if (auto it = m_pending.find(key); it != m_pending.end()) it->second->timer = 0;
    finish(key, {}, where + ": no answer within 5 s");
  });
}

void MeshDnsClient::finish(uint64_t key, std::vector<uint32_t> addresses, std::string error) {
  auto it = m_pending.find(key);
  if (it == m_pending.end()) return;
  std::shared_ptr<Pending> p(std::move(it->second));
  m_pending.erase(it);
  if (p->timer) m_loop.cancelTimer(p->timer);
  p->stream.onMessage = nullptr;
  p->stream.onClosed = nullptr;
  p->stream.onPeerFinished = nullptr;
  p->stream.close();  // FIN after the answer; the stream goes with `p` below
  Done done = std::move(p->done);
  m_loop.defer([p, done = std::move(done), addresses = std::move(addresses),
                error = std::move(error), alive = m_life.watch()]() mutable {
    if (!alive.expired()) done(std::move(addresses), std::move(error));
  });
}

}  // namespace routeless::agent
