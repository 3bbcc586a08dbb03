#include "agent/host/resolver.h"

#include <thread>

namespace routeless::agent {
namespace {

bool isLocalhost(const std::string &host) {
  std::string h;
  for (char c : host) h += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (!h.empty() && h.back() == '.') h.pop_back();
  const std::string suffix = ".localhost";
  return h == "localhost" || (h.size() > suffix.size() &&
                              h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0);
}

}  // namespace

Resolver::Resolver(EventLoop &loop) : m_loop(loop), m_alive(std::make_shared<char>(0)) {}

Resolver::~Resolver() = default;

std::vector<IpAddress> Resolver::immediateAnswer(const std::string &host) {
  if (const auto literal = IpAddress::parse(host)) return {*literal};
  if (isLocalhost(host)) return {IpAddress::v4(0x7F000001), *IpAddress::parse("::1")};
  return {};
}

Resolver::Request Resolver::resolve(const std::string &host, Done done) {
  auto request = std::make_shared<Done>(std::move(done));
  std::weak_ptr<Done> weak = request;
  std::vector<IpAddress> answer = immediateAnswer(host);
  if (answer.empty()) {
    auto cached = m_cache.find(host);
    if (cached != m_cache.end() && cached->second.expiresMs > EventLoop::nowMs())
      answer = cached->second.addresses;
  }
  if (!answer.empty() || host.empty()) {
    m_loop.defer([weak, answer, host] {
      if (auto d = weak.lock()) (*d)(answer, answer.empty() ? "empty host name" : std::string());
    });
    return request;
  }
  m_queue.push_back({host, weak});
  startLookups();
  return request;
}

void Resolver::startLookups() {
  while (m_running < kMaxConcurrentLookups && !m_queue.empty()) {
    Pending next = std::move(m_queue.front());
    m_queue.pop_front();
    if (next.done.expired()) continue;
    const bool alreadyRunning = m_waiting.count(next.host) > 0;
    m_waiting.emplace(next.host, next.done);
    if (alreadyRunning) continue;  // one lookup answers every request for the same name
    ++m_running;
    // Detached: getaddrinfo cannot be interrupted. The poster drops the result if the loop
    // is gone by the time it answers.
    std::thread([poster = m_loop.poster(), alive = std::weak_ptr<char>(m_alive), this,
                 host = next.host] {
      std::vector<IpAddress> addresses;
      std::string error;
      sys::lookupHost(host, &addresses, &error);
      poster.post([alive, this, host, addresses = std::move(addresses), error] {
        if (!alive.expired()) finishLookup(host, addresses, error);
      });
    }).detach();
  }
}

void Resolver::finishLookup(const std::string &host, std::vector<IpAddress> addresses,
                            const std::string &error) {
  --m_running;
  if (!addresses.empty()) {
    if (m_cache.size() >= kCacheEntries) m_cache.clear();
    m_cache[host] = Cached{addresses, EventLoop::nowMs() + kCacheMs};
  }
  const std::string why = addresses.empty() ? (error.empty() ? "no address" : error) : "";
  auto range = m_waiting.equal_range(host);
  std::vector<std::weak_ptr<Done>> callbacks;
  for (auto it = range.first; it != range.second; ++it) callbacks.push_back(it->second);
  m_waiting.erase(range.first, range.second);
  for (const auto &weak : callbacks)
    if (auto d = weak.lock()) (*d)(addresses, why);
  startLookups();
}

}  // namespace routeless::agent
