// POSIX UDP sockets (Linux, macOS, the BSDs).
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "agent/sys/sockaddr_inl.h"
#include "agent/sys/udp.h"

namespace routeless::agent::sys {
namespace {

// Room for bursts: a datagram that finds the buffer full is lost, not queued.
constexpr int kSocketBufferBytes = 1 << 20;

int openUdp(IpAddress::Family family, std::string *error) {
  const int fd = ::socket(family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_DGRAM, 0);
  if (fd < 0) {
    if (error) *error = std::string("socket: ") + strerror(errno);
    return -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int bytes = kSocketBufferBytes;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
  return fd;
}

}  // namespace

NativeHandle bindUdp(const IpAddress &address, uint16_t port, std::string *error,
                     bool *addressMissing) {
  if (addressMissing) *addressMissing = false;
  const int fd = openUdp(address.family, error);
  if (fd < 0) return kInvalidHandle;
  sockaddr_storage ss;
  const auto len = socklen_t(detail::writeSockaddr(address, port, &ss));
  if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    const int e = errno;
    if (addressMissing) *addressMissing = e == EADDRNOTAVAIL;
    if (error) *error = std::string("bind: ") + strerror(e);
    ::close(fd);
    return kInvalidHandle;
  }
  return fd;
}

NativeHandle connectUdp(const IpAddress &address, uint16_t port, std::string *error) {
  const int fd = openUdp(address.family, error);
  if (fd < 0) return kInvalidHandle;
  sockaddr_storage ss;
  const auto len = socklen_t(detail::writeSockaddr(address, port, &ss));
  if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
    if (error) *error = std::string("connect: ") + strerror(errno);
    ::close(fd);
    return kInvalidHandle;
  }
  return fd;
}

long receiveDatagram(NativeHandle s, char *buffer, size_t size, IpAddress *from, uint16_t *fromPort,
                     std::string *error, bool *refused) {
  if (refused) *refused = false;
  for (;;) {
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    const ssize_t n = ::recvfrom(int(s), buffer, size, 0, reinterpret_cast<sockaddr *>(&ss), &len);
    if (n >= 0) {
      if (from) {
        IpAddress a;
        uint16_t p = 0;
        if (!detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &p)) p = 0;
        *from = a;
        if (fromPort) *fromPort = p;
      }
      return long(n);
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return kWouldBlock;
    if (refused) *refused = errno == ECONNREFUSED;
    if (error) *error = std::string("recv: ") + strerror(errno);
    return kFailed;
  }
}

long sendDatagram(NativeHandle s, const char *data, size_t size, const IpAddress *to, uint16_t port,
                  std::string *error) {
  sockaddr_storage ss;
  socklen_t len = 0;
  if (to) len = socklen_t(detail::writeSockaddr(*to, port, &ss));
  int flags = 0;
#ifdef MSG_NOSIGNAL
  flags |= MSG_NOSIGNAL;
#endif
  for (;;) {
    const ssize_t n =
        ::sendto(int(s), data, size, flags, to ? reinterpret_cast<sockaddr *>(&ss) : nullptr, len);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) return kWouldBlock;
    if (error) *error = std::string("send: ") + strerror(errno);
    return kFailed;
  }
}

uint16_t localPort(NativeHandle s) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (::getsockname(int(s), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return 0;
  IpAddress a;
  uint16_t port = 0;
  return detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &port) ? port : 0;
}

}  // namespace routeless::agent::sys
