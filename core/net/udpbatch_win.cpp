// Windows: one sendto/recvfrom per datagram (USO/URO need Windows 11 and are not used yet).
#include <winsock2.h>
#include <ws2tcpip.h>

#include "udpbatch_sys.h"

namespace routeless::net::udpsys {

static_assert(sizeof(sockaddr_storage) <= sizeof(InMessage::from));

int gsoSegments(int) { return 0; }

void enableGro(int) {}

int sendMessages(int fd, const void *to, unsigned toLen, const OutMessage *msgs, int n,
                 int *error) {
  *error = 0;
  const SOCKET s = SOCKET(fd);
  for (int i = 0; i < n; ++i) {
    const char *data = reinterpret_cast<const char *>(msgs[i].data);
    const int r =
        to ? ::sendto(s, data, int(msgs[i].len), 0, static_cast<const sockaddr *>(to), int(toLen))
           : ::send(s, data, int(msgs[i].len), 0);
    if (r == SOCKET_ERROR) {
      *error = WSAGetLastError();
      return i;
    }
  }
  return n;
}

int receiveMessages(int fd, InMessage *msgs, int n, int *error) {
  *error = 0;
  const SOCKET s = SOCKET(fd);
  int got = 0;
  while (got < n) {
    InMessage &m = msgs[got];
    int fromLen = int(sizeof(m.from));
    const int r = ::recvfrom(s, reinterpret_cast<char *>(m.data), int(kMessageBytes), 0,
                             reinterpret_cast<sockaddr *>(m.from), &fromLen);
    if (r == SOCKET_ERROR) {
      const int e = WSAGetLastError();
      // An ICMP port unreachable for an earlier send surfaces here on Windows: not our datagram.
      if (e == WSAECONNRESET) continue;
      if (got == 0) *error = e;
      break;
    }
    m.len = size_t(r);
    m.segment = 0;
    m.truncated = false;
    ++got;
  }
  return got;
}

bool wouldBlock(int error) { return error == WSAEWOULDBLOCK; }

bool gsoRefused(int) { return false; }

}  // namespace routeless::net::udpsys
