// POSIX sockets (Linux, macOS, the BSDs) behind socketcalls.h.
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstring>

#include "net/socketcalls.h"

namespace routeless::net::calls {
namespace {

static_assert(sizeof(sockaddr_storage) <= kSockaddrBytes);

// macOS/BSD have no MSG_NOSIGNAL on every call site (SocketStream, Pump): the socket option
// keeps a write to a reset peer from killing the process there.
void noSigpipe([[maybe_unused]] int fd) {
#ifdef SO_NOSIGPIPE
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof(one));
#endif
}

// For systems without SOCK_NONBLOCK/SOCK_CLOEXEC at creation (macOS) and adopted descriptors.
void nonBlockingNoInherit(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

Endpoint endpointOf(int (*call)(int, sockaddr *, socklen_t *), int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
  if (call(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0) return {};
  return fromSockaddr(&ss);
}

#ifdef MSG_NOSIGNAL
constexpr int kNoSigPipe = MSG_NOSIGNAL;
#else
constexpr int kNoSigPipe = 0;  // SO_NOSIGPIPE is set on the socket instead
#endif

// Runs a call that moves bytes again when a signal interrupted it: its count, kWouldBlock or
// kFailed (errno says why).
template <typename Call>
int64_t moveBytes(Call call) {
  for (;;) {
    const ssize_t n = call();
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kFailed;
  }
}

}  // namespace

int lastError() { return errno; }

int openSocket(bool ipv6, bool datagram) {
  const int type = datagram ? SOCK_DGRAM : SOCK_STREAM;
#ifdef SOCK_CLOEXEC  // atomic: a child started by another thread meanwhile never inherits it
  const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
#else
  const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type, 0);
  if (fd < 0) return -1;
  nonBlockingNoInherit(fd);
#endif
  noSigpipe(fd);
  return fd;
}

void setReuseAddress(int fd) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

int bindSocket(int fd, const Endpoint &at) {
  sockaddr_storage ss;
  const unsigned len = toSockaddr(at, &ss);
  if (len == 0) return EAFNOSUPPORT;
  return ::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0 ? 0 : errno;
}

int connectSocket(int fd, const Endpoint &to) {
  sockaddr_storage ss;
  const unsigned len = toSockaddr(to, &ss);
  if (len == 0) return EAFNOSUPPORT;
  if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0 || errno == EINPROGRESS) return 0;
  return errno;
}

int listenSocket(int fd, int backlog) { return ::listen(fd, backlog) == 0 ? 0 : errno; }

int acceptSocket(int listenFd, Endpoint *peer) {
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
#ifdef SOCK_CLOEXEC
  const int fd =
      ::accept4(listenFd, reinterpret_cast<sockaddr *>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return -1;
#else
  const int fd = ::accept(listenFd, reinterpret_cast<sockaddr *>(&ss), &len);
  if (fd < 0) return -1;
  nonBlockingNoInherit(fd);
#endif
  noSigpipe(fd);
  if (peer) *peer = fromSockaddr(&ss);
  return fd;
}

int pendingError(int fd) {
  int err = 0;
  socklen_t len = sizeof(err);
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

Endpoint peerEndpoint(int fd) { return endpointOf(::getpeername, fd); }
Endpoint localEndpoint(int fd) { return endpointOf(::getsockname, fd); }

void setKeepAlive(int fd, int periodSeconds) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
#ifdef TCP_KEEPIDLE
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &periodSeconds, sizeof(periodSeconds));
#else  // macOS spells the idle time TCP_KEEPALIVE
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &periodSeconds, sizeof(periodSeconds));
#endif
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &periodSeconds, sizeof(periodSeconds));
}

void setUdpBuffers(int fd, int bytes) {
  for (int opt : {SO_RCVBUF, SO_SNDBUF}) {
#ifdef SO_RCVBUFFORCE
    // Allowed with CAP_NET_ADMIN; otherwise the plain option, capped by rmem_max/wmem_max.
    const int force = opt == SO_RCVBUF ? SO_RCVBUFFORCE : SO_SNDBUFFORCE;
    if (::setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof(bytes)) == 0) continue;
#endif
    ::setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof(bytes));
  }
}

void setNoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void setStreamOptions(int fd) {
  nonBlockingNoInherit(fd);
  noSigpipe(fd);
  setNoDelay(fd);
}

void setResetOnClose(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

int64_t bytesReadable(int fd) {
  int n = 0;
  if (fd < 0 || ::ioctl(fd, FIONREAD, &n) != 0) return 0;
  return n;
}

void closeSocket(int fd) {
  if (fd >= 0) ::close(fd);
}

int64_t sendBytes(int fd, const void *data, size_t len) {
  return moveBytes([&] { return ::send(fd, data, len, kNoSigPipe); });
}

int64_t receiveBytes(int fd, void *data, size_t len) {
  return moveBytes([&] { return ::recv(fd, data, len, 0); });
}

int64_t sendTo(int fd, const void *data, size_t len, const void *to, unsigned toLength) {
  return moveBytes([&] {
    return ::sendto(fd, data, len, kNoSigPipe, static_cast<const sockaddr *>(to),
                    socklen_t(toLength));
  });
}

int64_t peekBytes(int fd, void *data, size_t len) {
  return moveBytes([&] { return ::recv(fd, data, len, MSG_PEEK); });
}

int64_t sendGather(int fd, const ConstBuffer *parts, int count) {
  iovec iov[kMaxGatherParts];
  int used = 0;
  for (int i = 0; i < count && used < kMaxGatherParts; ++i) {
    if (parts[i].len == 0) continue;
    iov[used].iov_base = const_cast<void *>(parts[i].data);
    iov[used].iov_len = parts[i].len;
    ++used;
  }
  if (used == 0) return 0;
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = decltype(msg.msg_iovlen)(used);
  return moveBytes([&] { return ::sendmsg(fd, &msg, kNoSigPipe); });
}

void shutdownSend(int fd) {
  if (fd >= 0) ::shutdown(fd, SHUT_WR);
}

int waitReady(int fd, bool forWrite, int timeoutMs) {
  pollfd p{fd, short(forWrite ? POLLOUT : POLLIN), 0};
  const int n = ::poll(&p, 1, timeoutMs);
  return n < 0 ? -1 : (n > 0 ? 1 : 0);
}

#include "net/sockaddrcodec.inc"

std::string errorName(int code) {
  switch (code) {
    case ECONNREFUSED:
      return "ECONNREFUSED";
    case ECONNRESET:
      return "ECONNRESET";
    case EPIPE:
      return "EPIPE";
    case ETIMEDOUT:
      return "ETIMEDOUT";
    case EHOSTUNREACH:
      return "EHOSTUNREACH";
    case ENETUNREACH:
      return "ENETUNREACH";
    case EADDRNOTAVAIL:
      return "EADDRNOTAVAIL";
    case ECONNABORTED:
      return "ECONNABORTED";
    case EMFILE:
      return "EMFILE";
    case ENOBUFS:
      return "ENOBUFS";
    default:
      return "E" + std::to_string(code);
  }
}

std::string errorText(int code) { return ::strerror(code); }

}  // namespace routeless::net::calls
