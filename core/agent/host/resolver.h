#pragma once
// Host names to addresses for the agent's dials, without blocking the loop: literals and
// localhost are answered at once, other names by the system resolver on worker threads (at
// most four lookups at a time), with answers cached for a minute. Results arrive on the loop
// thread, never from inside resolve(). It never connects anything.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "agent/loop/eventloop.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

class Resolver {
 public:
  using Done = std::function<void(std::vector<IpAddress> addresses, const std::string &error)>;
  // Dropping the last reference cancels the request: its callback is never called.
  using Request = std::shared_ptr<void>;

  static constexpr int kMaxConcurrentLookups = 4;
  static constexpr int64_t kCacheMs = 60 * 1000;
  static constexpr size_t kCacheEntries = 256;

  explicit Resolver(EventLoop &loop);
  ~Resolver();

  Request resolve(const std::string &host, Done done);

  // The answer that needs no lookup: an IP literal, or localhost and *.localhost (RFC 6761;
  // a static binary may have no hosts file that names it). Empty for other names.
  static std::vector<IpAddress> immediateAnswer(const std::string &host);

 private:
  struct Pending {
    std::string host;
    std::weak_ptr<Done> done;
  };
  void startLookups();
  void finishLookup(const std::string &host, std::vector<IpAddress> addresses,
                    const std::string &error);

  EventLoop &m_loop;
  std::shared_ptr<char> m_alive;
  std::deque<Pending> m_queue;
  std::multimap<std::string, std::weak_ptr<Done>> m_waiting;  // by host, lookup running
  int m_running = 0;
  struct Cached {
    std::vector<IpAddress> addresses;
    int64_t expiresMs;
  };
  std::map<std::string, Cached> m_cache;
};

}  // namespace routeless::agent
