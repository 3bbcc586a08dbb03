// POSIX sockets (Linux, macOS, the BSDs).
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>

#if defined(__GLIBC__)
#include <nss.h>
#endif

#include "agent/sys/sockaddr_inl.h"
#include "agent/sys/socket.h"

namespace routeless::agent::sys {
namespace {

static_assert(sizeof(ConstBuffer) == sizeof(iovec), "ConstBuffer must match iovec");

std::string errnoText(const char *what, int e) { return std::string(what) + ": " + strerror(e); }

socklen_t toSockaddr(const IpAddress &a, uint16_t port, sockaddr_storage *ss) {
  return socklen_t(detail::writeSockaddr(a, port, ss));
}

void configure(int fd) {
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int one = 1;
  // Bridges write whole buffers; Nagle would only add latency to request/response traffic.
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

}  // namespace

void initSockets() {}

NativeHandle openTcp(IpAddress::Family family, std::string *error) {
  const int fd = ::socket(family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) {
    if (error) *error = errnoText("socket", errno);
    return kInvalidHandle;
  }
  configure(fd);
  return fd;
}

ConnectStatus startConnect(NativeHandle s, const IpAddress &address, uint16_t port,
                           std::string *error) {
  sockaddr_storage ss;
  const socklen_t len = toSockaddr(address, port, &ss);
  for (;;) {
    if (::connect(int(s), reinterpret_cast<sockaddr *>(&ss), len) == 0)
      return ConnectStatus::Connected;
    if (errno == EINTR) continue;
    if (errno == EINPROGRESS) return ConnectStatus::InProgress;
    if (error) *error = strerror(errno);
    return ConnectStatus::Failed;
  }
}

bool finishConnect(NativeHandle s, std::string *error) {
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(int(s), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err == 0) return true;
  if (error) *error = strerror(err);
  return false;
}

NativeHandle listenTcp(const IpAddress &address, uint16_t port, int backlog, std::string *error,
                       bool *addressMissing) {
  if (addressMissing) *addressMissing = false;
  const int fd =
      ::socket(address.family == IpAddress::Family::V4 ? AF_INET : AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) {
    if (error) *error = errnoText("socket", errno);
    return kInvalidHandle;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_storage ss;
  const socklen_t len = toSockaddr(address, port, &ss);
  if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0 || ::listen(fd, backlog) != 0) {
    const int e = errno;
    if (addressMissing) *addressMissing = e == EADDRNOTAVAIL;
    if (error) *error = strerror(e);
    ::close(fd);
    return kInvalidHandle;
  }
  return fd;
}

NativeHandle acceptTcp(NativeHandle listener, bool *wouldBlock, std::string *error) {
  *wouldBlock = false;
  for (;;) {
    const int fd = ::accept(int(listener), nullptr, nullptr);
    if (fd >= 0) {
      configure(fd);
      return fd;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      *wouldBlock = true;
    } else if (error) {
      *error = errnoText("accept", errno);
    }
    return kInvalidHandle;
  }
}

long receive(NativeHandle s, char *buffer, size_t size, std::string *error) {
  for (;;) {
    const ssize_t n = ::recv(int(s), buffer, size, 0);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return kWouldBlock;
    if (error) *error = errnoText("read", errno);
    return kFailed;
  }
}

long send(NativeHandle s, const ConstBuffer *buffers, int count, std::string *error) {
  msghdr msg{};
  msg.msg_iov = const_cast<iovec *>(reinterpret_cast<const iovec *>(buffers));
  msg.msg_iovlen = decltype(msg.msg_iovlen)(std::min(count, 64));
#ifdef MSG_NOSIGNAL
  const int flags = MSG_NOSIGNAL;
#else
  const int flags = 0;
#endif
  for (;;) {
    const ssize_t n = ::sendmsg(int(s), &msg, flags);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    if (error) *error = errnoText("write", errno);
    return kFailed;
  }
}

void shutdownWrite(NativeHandle s) { ::shutdown(int(s), SHUT_WR); }

void closeSocket(NativeHandle s) { ::close(int(s)); }

void resetSocket(NativeHandle s) {
  linger l{};
  l.l_onoff = 1;
  l.l_linger = 0;
  setsockopt(int(s), SOL_SOCKET, SO_LINGER, &l, sizeof l);
  ::close(int(s));
}

std::string peerName(NativeHandle s) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getpeername(int(s), reinterpret_cast<sockaddr *>(&ss), &len) != 0) return std::string();
  IpAddress a;
  uint16_t port = 0;
  if (!detail::readSockaddr(reinterpret_cast<const sockaddr *>(&ss), &a, &port))
    return std::string();
  return detail::endpointText(a, port);
}

bool lookupHost(const std::string &name, std::vector<IpAddress> *addresses, std::string *error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *result = nullptr;
  const int rc = getaddrinfo(name.c_str(), nullptr, &hints, &result);
  if (rc != 0) {
    if (error) *error = rc == EAI_SYSTEM ? std::string(strerror(errno)) : gai_strerror(rc);
    return false;
  }
  const bool found = detail::collectAddresses(result, addresses, error);
  freeaddrinfo(result);
  return found;
}

void useBuiltinResolverOnly() {
#if defined(__GLIBC__)
  __nss_configure_lookup("hosts", "files dns");
#endif
}

}  // namespace routeless::agent::sys
