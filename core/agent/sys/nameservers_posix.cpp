// /etc/resolv.conf's name servers.
#include <cstdio>
#include <cstring>
#include <string>

#include "agent/sys/nameservers.h"

namespace routeless::agent::sys {

std::vector<IpAddress> systemNameServers() {
  std::vector<IpAddress> servers;
  FILE *f = fopen("/etc/resolv.conf", "r");
  if (!f) return servers;
  char line[512];
  // resolv.conf(5): "nameserver ADDRESS" lines, at most a handful are used.
  while (fgets(line, sizeof line, f) && servers.size() < 8) {
    char keyword[32], address[128];
    if (sscanf(line, " %31s %127s", keyword, address) != 2) continue;
    if (strcmp(keyword, "nameserver") != 0) continue;
    std::string text = address;
    if (const size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
    if (const auto ip = IpAddress::parse(text)) servers.push_back(*ip);
  }
  fclose(f);
  return servers;
}

}  // namespace routeless::agent::sys
