// POSIX UDP sockets and /etc/resolv.conf for the agent's DNS (Linux, macOS, the BSDs).
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "agent/dns/udpsocket.h"
#include "agent/sys/sockaddr_inl.h"

namespace routeless::agent::sys {
namespace {

socklen_t toSockaddr(const IpAddress &a, uint16_t port, sockaddr_storage *ss) {
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

int openUdp(const IpAddress &a, std::string *error) {
  const int fd = ::socket(a.family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0) {
    if (error) *error = std::string("socket: ") + strerror(errno);
    return -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

}  // namespace

NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const int fd = openUdp(address, error);
  if (fd < 0) return kInvalidHandle;
  sockaddr_storage ss;
  const socklen_t len = toSockaddr(address, port, &ss);
  if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error) *error = "bind " + detail::endpointText(address, port) + "/udp: " + strerror(errno);
    ::close(fd);
    return kInvalidHandle;
  }
  return fd;
}

NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const int fd = openUdp(address, error);
  if (fd < 0) return kInvalidHandle;
  sockaddr_storage ss;
  const socklen_t len = toSockaddr(address, port, &ss);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error)
      *error = "connect " + detail::endpointText(address, port) + "/udp: " + strerror(errno);
    ::close(fd);
    return kInvalidHandle;
  }
  return fd;
}

long receiveFrom(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                 std::string *error) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  for (;;) {
    const ssize_t n = ::recvfrom(int(s), buffer, size, 0, reinterpret_cast<sockaddr *>(&ss), &len);
    if (n >= 0) {
      if (from && !detail::readSockaddr(reinterpret_cast<sockaddr *>(&ss), from, fromPort))
        *from = IpAddress();
      return long(n);
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return kWouldBlock;
    if (error) *error = strerror(errno);
    return kFailed;
  }
}

long sendTo(NativeHandle s, const char *data, size_t size, const IpAddress &to, uint16_t port,
            std::string *error) {
  sockaddr_storage ss;
  const socklen_t len = toSockaddr(to, port, &ss);
  for (;;) {
    const ssize_t n = ::sendto(int(s), data, size, 0, reinterpret_cast<sockaddr *>(&ss), len);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return kWouldBlock;
    if (error) *error = strerror(errno);
    return kFailed;
  }
}

long sendDatagram(NativeHandle s, const char *data, size_t size, std::string *error) {
  for (;;) {
    const ssize_t n = ::send(int(s), data, size, 0);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return kWouldBlock;
    if (error) *error = strerror(errno);
    return kFailed;
  }
}

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
