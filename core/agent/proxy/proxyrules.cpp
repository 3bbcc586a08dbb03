#include "agent/proxy/proxyrules.h"

#include <algorithm>
#include <cctype>

#include "agent/sys/socket.h"

namespace routeless::agent {

void LearnedRoutes::learn(uint32_t ip, uint32_t via) {
  auto it = m_entries.find(ip);
  if (it != m_entries.end()) {
    m_order.erase(it->second.second);
    m_entries.erase(it);
  }
  m_order.push_front(ip);
  m_entries.emplace(ip, std::make_pair(via, m_order.begin()));
  while (m_order.size() > kCapacity) {
    m_entries.erase(m_order.back());
    m_order.pop_back();
  }
}

uint32_t LearnedRoutes::find(uint32_t ip) {
  auto it = m_entries.find(ip);
  if (it == m_entries.end()) return 0;
  m_order.splice(m_order.begin(), m_order, it->second.second);
  return it->second.first;
}

bool goGlobMatch(std::string_view pattern, std::string_view subject) {
  if (pattern == "*") return true;
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t star = pattern.find('*', start);
    parts.push_back(pattern.substr(start, star == std::string_view::npos ? star : star - start));
    if (star == std::string_view::npos) break;
    start = star + 1;
  }
  if (parts.size() == 1) return pattern == subject;
  // As go-glob: the first part is a prefix, the last a suffix, the middle ones found in order.
  if (subject.substr(0, parts.front().size()) != parts.front()) return false;
  size_t pos = parts.front().size();
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    const size_t at = subject.find(parts[i], pos);
    if (at == std::string_view::npos) return false;
    pos = at + parts[i].size();
  }
  const std::string_view last = parts.back();
  return subject.size() >= last.size() && subject.size() - last.size() >= pos &&
         subject.substr(subject.size() - last.size()) == last;
}

std::string canonicalName(std::string_view name) {
  std::string out(name);
  for (char &c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (out.empty() || out.back() != '.') out += '.';
  return out;
}

bool ProxyRules::configure(const ConfigureArgs &args, std::string *error) {
  // Built aside and swapped in: a refused configure leaves the rules as they were.
  ProxyRules next;
  if (!next.load(args, error)) return false;
  m_names = std::move(next.m_names);
  m_vips = std::move(next.m_vips);
  m_cidrs = std::move(next.m_cidrs);
  m_globs = std::move(next.m_globs);
  return true;
}

bool ProxyRules::load(const ConfigureArgs &args, std::string *error) {
  auto vip = [&](const std::string &text, const std::string &what) -> std::optional<uint32_t> {
    const auto ip = parseIpv4(text);
    if (!ip && error) *error = what + ": unexpected IP \"" + text + "\"";
    return ip;
  };
  for (const auto &[name, ipText] : args.hostnameMap) {
    const auto ip = vip(ipText, "hostnameMap " + name);
    if (!ip) return false;
    m_names[canonicalName(name)] = *ip;
    if (std::find(m_vips.begin(), m_vips.end(), *ip) == m_vips.end()) m_vips.push_back(*ip);
  }
  auto addVip = [&](const std::string &text) {
    if (const auto ip = parseIpv4(text);
        ip && std::find(m_vips.begin(), m_vips.end(), *ip) == m_vips.end())
      m_vips.push_back(*ip);
  };
  addVip(args.me);
  for (const IpPortProto &o : args.others) addVip(o.ip);
  for (const Route &r : args.routes) {
    const auto via = vip(r.via, "route via");
    if (!via) return false;
    for (const std::string &cidr : r.toCidr) {
      const size_t slash = cidr.find('/');
      const auto net = parseIpv4(cidr.substr(0, slash));
      int bits = -1;
      if (slash != std::string::npos && slash + 1 < cidr.size() && cidr.size() - slash <= 3) {
        bits = 0;
        for (char c : cidr.substr(slash + 1))
          bits = (c >= '0' && c <= '9') ? bits * 10 + (c - '0') : 99;
      }
      if (!net || bits < 0 || bits > 32) {
        if (error) *error = "route: invalid CIDR \"" + cidr + "\"";
        return false;
      }
      const uint32_t mask = bits == 0 ? 0 : ~uint32_t(0) << (32 - bits);
      m_cidrs.push_back({*net & mask, mask, *via});
    }
    for (const std::string &glob : r.toHostnameGlob) m_globs.push_back({canonicalName(glob), *via});
  }
  return true;
}

uint32_t ProxyRules::meshVia(uint32_t ip) {
  if (std::find(m_vips.begin(), m_vips.end(), ip) != m_vips.end()) return ip;
  if (const uint32_t via = m_learnedRoutes.find(ip)) return via;
  for (auto it = m_cidrs.rbegin(); it != m_cidrs.rend(); ++it)
    if ((ip & it->mask) == it->network) return it->via;
  return 0;
}

void ProxyRules::decide(const std::string &host, Decided done) {
  Decision d;
  if (const auto ip = parseIpv4(host)) {
    d.ok = true;
    d.throughMesh = meshVia(*ip) != 0;
    d.stackIp = *ip;
    d.hostTarget = host;
    done(std::move(d));
    return;
  }
  if (IpAddress::parse(host)) {  // IPv6: never a mesh address
    d.ok = true;
    d.hostTarget = host;
    done(std::move(d));
    return;
  }
  const std::string name = canonicalName(host);
  if (auto it = m_names.find(name); it != m_names.end()) {
    d.ok = true;
    d.throughMesh = true;
    d.stackIp = it->second;
    done(std::move(d));
    return;
  }
  const std::weak_ptr<char> alive = m_alive;
  for (auto it = m_globs.rbegin(); it != m_globs.rend(); ++it) {
    if (!goGlobMatch(it->pattern, name)) continue;
    const uint32_t via = it->via;
    if (!m_meshLookup) {
      d.error = "\"" + host + "\" matches the hostname-glob route via " + formatIpv4(via) +
                ", but this agent cannot query the bastion's DNS yet";
      done(std::move(d));
      return;
    }
    m_meshLookup(
        via, host,
        [this, alive, via, host, done](std::vector<uint32_t> addresses, std::string error) {
          Decision r;
          if (alive.expired()) return;
          if (addresses.empty()) {
            r.error = "cannot resolve \"" + host + "\" through " + formatIpv4(via) + ": " +
                      (error.empty() ? "no A record" : error);
            done(std::move(r));
            return;
          }
          RouteSuggestion suggestion;
          suggestion.route = formatIpv4(via);
          for (uint32_t ip : addresses) {
            m_learnedRoutes.learn(ip, via);
            suggestion.ips.push_back(formatIpv4(ip));
          }
          if (m_learned) m_learned(suggestion);
          r.ok = true;
          r.throughMesh = true;
          r.stackIp = addresses.front();
          done(std::move(r));
        });
    return;
  }
  if (!m_hostLookup) {
    d.ok = true;
    d.hostTarget = host;
    done(std::move(d));
    return;
  }
  m_hostLookup(host, [this, alive, host, done](std::vector<uint32_t> addresses, std::string error) {
    if (alive.expired()) return;
    Decision r;
    if (addresses.empty()) {
      r.error = "cannot resolve \"" + host + "\": " + (error.empty() ? "no IPv4 address" : error);
      done(std::move(r));
      return;
    }
    r.ok = true;
    r.stackIp = addresses.front();
    r.throughMesh = meshVia(r.stackIp) != 0;
    r.hostTarget = formatIpv4(r.stackIp);
    done(std::move(r));
  });
}

}  // namespace routeless::agent
