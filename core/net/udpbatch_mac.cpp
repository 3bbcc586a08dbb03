// macOS: one sendto/recvfrom per datagram (no GSO/GRO; sendmsg_x is private API).
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "udpbatch_sys.h"

namespace routeless::net::udpsys {

static_assert(sizeof(sockaddr_storage) <= sizeof(InMessage::from));

int gsoSegments(int) { return 0; }

void enableGro(int) {}

int sendMessages(int fd, const void *to, unsigned toLen, const OutMessage *msgs, int n,
                 int *error) {
  *error = 0;
  for (int i = 0; i < n; ++i) {
    for (;;) {
      const ssize_t r = to ? ::sendto(fd, msgs[i].data, msgs[i].len, 0,
                                      static_cast<const sockaddr *>(to), socklen_t(toLen))
                           : ::send(fd, msgs[i].data, msgs[i].len, 0);
      if (r >= 0) break;
      if (errno == EINTR) continue;
      *error = errno;
      return i;
    }
  }
  return n;
}

int receiveMessages(int fd, InMessage *msgs, int n, int *error) {
  *error = 0;
  int got = 0;
  while (got < n) {
    InMessage &m = msgs[got];
    socklen_t fromLen = sizeof(m.from);
    const ssize_t r = ::recvfrom(fd, m.data, kMessageBytes, MSG_DONTWAIT,
                                 reinterpret_cast<sockaddr *>(m.from), &fromLen);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (got == 0) *error = errno;
      break;
    }
    m.len = size_t(r);
    m.segment = 0;
    m.truncated = false;  // kMessageBytes holds any UDP datagram
    ++got;
  }
  return got;
}

bool wouldBlock(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

bool gsoRefused(int) { return false; }

}  // namespace routeless::net::udpsys
