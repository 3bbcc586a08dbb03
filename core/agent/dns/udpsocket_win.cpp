// Windows UDP sockets and the adapters' DNS servers for the agent's DNS.
#include <winsock2.h>
#include <ws2tcpip.h>
// iphlpapi.h needs winsock2.h first.
#include <iphlpapi.h>

#include <cstring>
#include <vector>

#include "agent/dns/udpsocket.h"
#include "agent/sys/sockaddr_inl.h"

namespace routeless::agent::sys {
namespace {

std::string wsaText(const char *what, int code) {
  return std::string(what) + ": Winsock error " + std::to_string(code);
}

int toSockaddr(const IpAddress &a, uint16_t port, sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (a.family == IpAddress::Family::V4) {
    auto *in = reinterpret_cast<sockaddr_in *>(ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    memcpy(&in->sin_addr, a.bytes, 4);
    return sizeof(sockaddr_in);
  }
  auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  memcpy(&in6->sin6_addr, a.bytes, 16);
  return sizeof(sockaddr_in6);
}

SOCKET openUdp(const IpAddress &a, std::string *error) {
  const SOCKET s = WSASocketW(a.family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_DGRAM,
                              IPPROTO_UDP, nullptr, 0, WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET) {
    if (error) *error = wsaText("socket", WSAGetLastError());
    return s;
  }
  u_long on = 1;
  ioctlsocket(s, FIONBIO, &on);
  return s;
}

long failure(const char *what, std::string *error) {
  const int e = WSAGetLastError();
  if (e == WSAEWOULDBLOCK) return kWouldBlock;
  if (error) *error = wsaText(what, e);
  return kFailed;
}

}  // namespace

NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const SOCKET s = openUdp(address, error);
  if (s == INVALID_SOCKET) return kInvalidHandle;
  sockaddr_storage ss;
  const int len = toSockaddr(address, port, &ss);
  if (::bind(s, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error)
      *error = wsaText(("bind " + detail::endpointText(address, port)).c_str(), WSAGetLastError());
    closesocket(s);
    return kInvalidHandle;
  }
  return NativeHandle(s);
}

NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const SOCKET s = openUdp(address, error);
  if (s == INVALID_SOCKET) return kInvalidHandle;
  sockaddr_storage ss;
  const int len = toSockaddr(address, port, &ss);
  if (::connect(s, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error)
      *error =
          wsaText(("connect " + detail::endpointText(address, port)).c_str(), WSAGetLastError());
    closesocket(s);
    return kInvalidHandle;
  }
  return NativeHandle(s);
}

long receiveFrom(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                 std::string *error) {
  sockaddr_storage ss;
  int len = sizeof ss;
  const int n =
      ::recvfrom(SOCKET(s), buffer, int(size), 0, reinterpret_cast<sockaddr *>(&ss), &len);
  if (n >= 0) {
    if (from && !detail::readSockaddr(reinterpret_cast<sockaddr *>(&ss), from, fromPort))
      *from = IpAddress();
    return long(n);
  }
  // A datagram larger than the buffer arrives truncated, as on POSIX.
  if (WSAGetLastError() == WSAEMSGSIZE) return long(size);
  return failure("recvfrom", error);
}

long sendTo(NativeHandle s, const char *data, size_t size, const IpAddress &to, uint16_t port,
            std::string *error) {
  sockaddr_storage ss;
  const int len = toSockaddr(to, port, &ss);
  const int n = ::sendto(SOCKET(s), data, int(size), 0, reinterpret_cast<sockaddr *>(&ss), len);
  if (n >= 0) return long(n);
  return failure("sendto", error);
}

long sendDatagram(NativeHandle s, const char *data, size_t size, std::string *error) {
  const int n = ::send(SOCKET(s), data, int(size), 0);
  if (n >= 0) return long(n);
  return failure("send", error);
}

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
