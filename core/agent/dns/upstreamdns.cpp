#include "agent/dns/upstreamdns.h"

#include "agent/dns/dnsmessage.h"
#include "agent/host/hostsocket.h"
#include "agent/log.h"
#include "agent/sys/nameservers.h"
#include "agent/sys/process.h"
#include "agent/sys/udp.h"

namespace routeless::agent {

struct UpstreamDns::Exchange {
  uint64_t key = 0;
  std::string query;  // with the upstream ID
  uint16_t clientId = 0;
  uint16_t upstreamId = 0;
  Done done;
  size_t server = 0;
  bool tcp = false;
  NativeHandle udp = kInvalidHandle;
  uint64_t watch = 0;
  std::unique_ptr<HostSocket> socket;
  dns::TcpMessageReader reader;
  std::string toWrite;
  size_t written = 0;
  uint64_t timer = 0;
  std::string lastError;
};

UpstreamDns::UpstreamDns(EventLoop &loop)
    : m_loop(loop), m_servers(defaultServers()), m_random(std::random_device{}()) {}

UpstreamDns::~UpstreamDns() {
  for (auto &[key, ex] : m_exchanges) closeAttempt(*ex);
}

std::vector<UpstreamDns::Server> UpstreamDns::defaultServers() {
  std::vector<Server> servers;
  if (const auto test = sys::environment(kTestServersVariable)) {
    size_t start = 0;
    while (start < test->size()) {
      size_t comma = test->find(',', start);
      if (comma == std::string::npos) comma = test->size();
      const std::string item = test->substr(start, comma - start);
      if (const auto hp = splitHostPort(item); hp && hp->hasPort && hp->port > 0) {
        if (const auto ip = IpAddress::parse(hp->host)) servers.push_back({*ip, hp->port});
      }
      start = comma + 1;
    }
    return servers;
  }
  for (const IpAddress &a : sys::systemNameServers()) servers.push_back({a, 53});
  if (servers.empty()) {
    servers.push_back({*IpAddress::parse("8.8.8.8"), 53});
    servers.push_back({*IpAddress::parse("1.1.1.1"), 53});
  }
  return servers;
}

bool UpstreamDns::forward(const std::string &query, Done done) {
  const auto header = dns::parseHeader(query);
  if (!header || m_exchanges.size() >= kMaxInFlight) return false;
  auto ex = std::make_unique<Exchange>();
  ex->key = m_nextKey++;
  ex->clientId = header->id;
  // A fresh ID per upstream query: a reply guessed by an off-path sender must match it.
  ex->upstreamId = uint16_t(m_random());
  ex->query = query;
  dns::setId(ex->query, ex->upstreamId);
  ex->done = std::move(done);
  Exchange &ref = *ex;
  m_exchanges[ex->key] = std::move(ex);
  if (m_servers.empty()) {
    const uint64_t key = ref.key;
    m_loop.defer([this, key, alive = m_life.watch()] {
      if (!alive.expired()) finish(key, std::string());
    });
    return true;
  }
  startAttempt(ref);
  return true;
}

void UpstreamDns::startAttempt(Exchange &ex) {
  const Server &server = m_servers[ex.server];
  const uint64_t key = ex.key;
  ex.timer = m_loop.startTimer(kAttemptTimeoutMs, [this, key, alive = m_life.watch()] {
    if (alive.expired()) return;
    if (auto it = m_exchanges.find(key); it != m_exchanges.end()) it->second->timer = 0;
    attemptFailed(key, "timed out");
  });
  if (!ex.tcp) {
    std::string error;
    ex.udp = sys::connectUdp(server.address, server.port, &error);
    if (ex.udp == kInvalidHandle ||
        sys::sendDatagram(ex.udp, ex.query.data(), ex.query.size(), nullptr, 0, &error) < 0) {
      m_loop.defer([this, key, error, alive = m_life.watch()] {
        if (!alive.expired()) attemptFailed(key, error.empty() ? "send failed" : error);
      });
      return;
    }
    ex.watch = m_loop.watch(
        ex.udp, kReadable,
        [this, key, alive = m_life.watch()](unsigned) {
          if (!alive.expired()) onUdpReadable(key);
        },
        &error);
    return;
  }
  const auto framed = dns::frameForTcp(ex.query);
  ex.toWrite = framed ? *framed : std::string();
  ex.written = 0;
  ex.reader = dns::TcpMessageReader();
  ex.socket = std::make_unique<HostSocket>(m_loop);
  HostSocket *s = ex.socket.get();
  auto alive = m_life.watch();
  auto writeSome = [this, key, alive] {
    if (alive.expired()) return;
    auto it = m_exchanges.find(key);
    if (it == m_exchanges.end()) return;
    Exchange &e = *it->second;
    while (e.written < e.toWrite.size()) {
      const ConstBuffer b{e.toWrite.data() + e.written, e.toWrite.size() - e.written};
      const long n = e.socket->write(&b, 1);
      if (n < 0) return attemptFailed(key, e.socket->errorString());
      if (n == 0) return e.socket->setWriteInterest(true);
      e.written += size_t(n);
    }
    e.socket->setWriteInterest(false);
  };
  s->onConnected = [s, writeSome] {
    s->setReadInterest(true);
    writeSome();
  };
  s->onWritable = writeSome;
  s->onConnectFailed = [this, key, alive](const std::string &why) {
    if (!alive.expired()) attemptFailed(key, why);
  };
  s->onReadable = [this, key, alive] {
    if (alive.expired()) return;
    auto it = m_exchanges.find(key);
    if (it == m_exchanges.end()) return;
    Exchange &e = *it->second;
    char buffer[16384];
    for (;;) {
      const long n = e.socket->read(buffer, sizeof buffer);
      if (n == sys::kWouldBlock) return;
      if (n == 0) return attemptFailed(key, "connection closed before the reply");
      if (n < 0) return attemptFailed(key, e.socket->errorString());
      if (!e.reader.append(buffer, size_t(n))) return attemptFailed(key, "malformed stream");
      while (auto message = e.reader.next()) {
        if (acceptReply(e, *message)) return finish(key, std::move(*message));
      }
      if (e.reader.broken()) return attemptFailed(key, "malformed stream");
    }
  };
  s->connectTo(server.address.toString(), server.port);
}

bool UpstreamDns::acceptReply(Exchange &ex, std::string &reply) {
  const auto header = dns::parseHeader(reply);
  if (!header || !header->isResponse() || header->id != ex.upstreamId) return false;
  dns::setId(reply, ex.clientId);
  return true;
}

void UpstreamDns::onUdpReadable(uint64_t key) {
  auto it = m_exchanges.find(key);
  if (it == m_exchanges.end()) return;
  Exchange &ex = *it->second;
  char buffer[65536];
  for (int i = 0; i < 16; ++i) {
    std::string error;
    const long n = sys::receiveDatagram(ex.udp, buffer, sizeof buffer, nullptr, nullptr, &error);
    if (n == sys::kWouldBlock) return;
    if (n < 0) return attemptFailed(key, error);  // ICMP unreachable: nobody listens
    std::string reply(buffer, size_t(n));
    if (!acceptReply(ex, reply)) continue;  // stray or spoofed: keep waiting
    const auto header = dns::parseHeader(reply);
    if (header->flags & dns::kFlagTruncated) {
      // Too big for UDP: the same server over TCP.
      closeAttempt(ex);
      ex.tcp = true;
      startAttempt(ex);
      return;
    }
    return finish(key, std::move(reply));
  }
}

void UpstreamDns::closeAttempt(Exchange &ex) {
  if (ex.timer) m_loop.cancelTimer(ex.timer);
  ex.timer = 0;
  if (ex.watch) m_loop.unwatch(ex.watch);
  ex.watch = 0;
  if (ex.udp != kInvalidHandle) sys::closeSocket(ex.udp);
  ex.udp = kInvalidHandle;
  if (ex.socket) {
    // Never destroyed inside its own callback: the loop drops it after this pass.
    std::shared_ptr<HostSocket> socket(std::move(ex.socket));
    socket->onReadable = nullptr;
    socket->onWritable = nullptr;
    socket->onConnected = nullptr;
    socket->onConnectFailed = nullptr;
    m_loop.defer([socket] {});
  }
}

void UpstreamDns::attemptFailed(uint64_t key, const std::string &why) {
  auto it = m_exchanges.find(key);
  if (it == m_exchanges.end()) return;
  Exchange &ex = *it->second;
  closeAttempt(ex);
  const Server &server = m_servers[ex.server];
  log::debug("dns: upstream %s:%d/%s: %s", server.address.toString().c_str(), int(server.port),
             ex.tcp ? "tcp" : "udp", why.c_str());
  if (!ex.tcp) {
    ex.tcp = true;
  } else {
    ex.tcp = false;
    if (++ex.server >= m_servers.size()) return finish(key, std::string());
  }
  startAttempt(ex);
}

void UpstreamDns::finish(uint64_t key, std::string reply) {
  auto it = m_exchanges.find(key);
  if (it == m_exchanges.end()) return;
  std::unique_ptr<Exchange> ex = std::move(it->second);
  m_exchanges.erase(it);
  closeAttempt(*ex);
  // Never inside forward(): finish may run from a deferred task only or an I/O callback.
  m_loop.defer(
      [done = std::move(ex->done), reply = std::move(reply)]() mutable { done(std::move(reply)); });
}

}  // namespace routeless::agent
