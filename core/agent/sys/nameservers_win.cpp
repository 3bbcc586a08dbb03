// The adapters' DNS servers on Windows.
#include <winsock2.h>
#include <ws2tcpip.h>
// iphlpapi.h needs winsock2.h first.
#include <iphlpapi.h>

#include <vector>

#include "agent/sys/nameservers.h"

namespace routeless::agent::sys {

std::vector<IpAddress> systemNameServers() {
  // GetNetworkParams lists the IPv4 DNS servers of all adapters (what NoRouter gets from
  // PowerShell's Get-DnsClientServerAddress, without starting PowerShell).
  // TODO: IPv6 servers need GetAdaptersAddresses; IPv4 ones cover the meshes seen so far.
  std::vector<IpAddress> servers;
  ULONG size = 0;
  if (GetNetworkParams(nullptr, &size) != ERROR_BUFFER_OVERFLOW || size == 0) return servers;
  std::vector<unsigned char> buffer(size);
  auto *info = reinterpret_cast<FIXED_INFO *>(buffer.data());
  if (GetNetworkParams(info, &size) != NO_ERROR) return servers;
  for (const IP_ADDR_STRING *a = &info->DnsServerList; a && servers.size() < 8; a = a->Next)
    if (const auto ip = IpAddress::parse(a->IpAddress.String)) servers.push_back(*ip);
  return servers;
}

}  // namespace routeless::agent::sys
