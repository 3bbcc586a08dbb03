#pragma once
// NoRouter's Interesting/Resolve for the agent's proxies: decides whether a target (a name or
// an IPv4 literal) goes through the mesh (which stack address to dial) or out through the
// host's own network, from hostnameMap, the VIPs, the learned routes, CIDR routes and
// hostname-glob routes (last match wins), falling back to the host resolver. Lookups are
// asynchronous callbacks; it never blocks, never dials and never sends anything itself.

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "agent/wire/messages.h"

namespace routeless::agent {

// ip -> via learned from hostname-glob answers (NoRouter: an LRU of 512 entries).
class LearnedRoutes {
 public:
  static constexpr size_t kCapacity = 512;
  void learn(uint32_t ip, uint32_t via);
  // The via for `ip` (marks it recently used), or 0.
  uint32_t find(uint32_t ip);
  size_t size() const { return m_order.size(); }

 private:
  std::list<uint32_t> m_order;  // most recent first
  std::unordered_map<uint32_t, std::pair<uint32_t, std::list<uint32_t>::iterator>> m_entries;
};

// go-glob (ryanuber/go-glob): '*' matches any run of bytes, nothing else is special.
bool goGlobMatch(std::string_view pattern, std::string_view subject);
// A DNS name as miekg/dns's CanonicalName: lower case, one trailing dot.
std::string canonicalName(std::string_view name);

class ProxyRules {
 public:
  using Addresses = std::function<void(std::vector<uint32_t> addresses, std::string error)>;
  // The host OS resolver (IPv4 answers in host order).
  using HostLookup = std::function<void(const std::string &name, Addresses done)>;
  // An A query to the bastion `via`'s built-in DNS over the mesh (MeshDnsClient::queryA).
  using MeshLookup = std::function<void(uint32_t via, const std::string &name, Addresses done)>;
  // Called when a glob-route answer taught routes: the routeSuggestion to send.
  using Learned = std::function<void(const RouteSuggestion &suggestion)>;

  struct Decision {
    bool ok = false;
    bool throughMesh = false;
    uint32_t stackIp = 0;    // throughMesh: where to dial in the stack (host order)
    std::string hostTarget;  // otherwise: what to dial on the host (name or literal)
    std::string error;       // !ok: why
  };
  using Decided = std::function<void(Decision)>;

  // Takes the configure's names, VIPs and routes; a bad route is an error.
  bool configure(const ConfigureArgs &args, std::string *error);
  void setHostLookup(HostLookup lookup) { m_hostLookup = std::move(lookup); }
  void setMeshLookup(MeshLookup lookup) { m_meshLookup = std::move(lookup); }
  void setLearned(Learned learned) { m_learned = std::move(learned); }

  // Interesting + Resolve for `host`; `done` runs later or at once (for what needs no lookup).
  void decide(const std::string &host, Decided done);
  // The via of an IP through the mesh (a VIP itself, a learned or CIDR route), or 0.
  uint32_t meshVia(uint32_t ip);
  LearnedRoutes &learnedRoutes() { return m_learnedRoutes; }

 private:
  bool load(const ConfigureArgs &args, std::string *error);

  struct Cidr {
    uint32_t network;
    uint32_t mask;
    uint32_t via;
  };
  struct Glob {
    std::string pattern;  // canonical
    uint32_t via;
  };

  std::map<std::string, uint32_t> m_names;  // canonical name -> VIP
  std::vector<uint32_t> m_vips;
  std::vector<Cidr> m_cidrs;  // manifest order; scanned backwards
  std::vector<Glob> m_globs;  // manifest order; scanned backwards
  LearnedRoutes m_learnedRoutes;
  HostLookup m_hostLookup;
  MeshLookup m_meshLookup;
  Learned m_learned;
  std::shared_ptr<char> m_alive = std::make_shared<char>();
};

}  // namespace routeless::agent
