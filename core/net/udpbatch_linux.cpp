// Linux: sendmmsg/recvmmsg, UDP GSO (UDP_SEGMENT, 4.18) and GRO (UDP_GRO, 5.0), detected on the
// socket at run time.
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/socket.h>

#include "udpbatch_sys.h"

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

namespace routeless::net::udpsys {
namespace {

static_assert(sizeof(sockaddr_storage) <= sizeof(InMessage::from));
constexpr int kMaxBatch = 64;     // messages per sendmmsg/recvmmsg call
constexpr int kGsoSegments = 64;  // UDP_MAX_SEGMENTS since 4.18

}  // namespace

int gsoSegments(int fd) {
  int size = 0;
  socklen_t len = sizeof(size);
  return ::getsockopt(fd, SOL_UDP, UDP_SEGMENT, &size, &len) == 0 ? kGsoSegments : 0;
}

void enableGro(int fd) {
  int one = 1;
  ::setsockopt(fd, SOL_UDP, UDP_GRO, &one, sizeof(one));
}

int sendMessages(int fd, const void *to, unsigned toLen, const OutMessage *msgs, int n,
                 int *error) {
  *error = 0;
  int done = 0;
  while (done < n) {
    const int count = n - done < kMaxBatch ? n - done : kMaxBatch;
    mmsghdr hdrs[kMaxBatch];
    iovec iovs[kMaxBatch];
    alignas(cmsghdr) char controls[kMaxBatch][CMSG_SPACE(sizeof(uint16_t))];
    memset(hdrs, 0, sizeof(mmsghdr) * size_t(count));
    for (int i = 0; i < count; ++i) {
      const OutMessage &m = msgs[done + i];
      iovs[i].iov_base = const_cast<uint8_t *>(m.data);
      iovs[i].iov_len = m.len;
      msghdr &h = hdrs[i].msg_hdr;
      h.msg_name = const_cast<void *>(to);
      h.msg_namelen = to ? socklen_t(toLen) : 0;
      h.msg_iov = &iovs[i];
      h.msg_iovlen = 1;
      if (m.segment > 0 && m.segment < m.len) {
        memset(controls[i], 0, sizeof(controls[i]));
        h.msg_control = controls[i];
        h.msg_controllen = sizeof(controls[i]);
        cmsghdr *c = CMSG_FIRSTHDR(&h);
        c->cmsg_level = SOL_UDP;
        c->cmsg_type = UDP_SEGMENT;
        c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
        const uint16_t segment = uint16_t(m.segment);
        memcpy(CMSG_DATA(c), &segment, sizeof(segment));
      }
    }
    const int sent = ::sendmmsg(fd, hdrs, unsigned(count), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      *error = errno;
      return done;
    }
    done += sent;
  }
  return done;
}

int receiveMessages(int fd, InMessage *msgs, int n, int *error) {
  *error = 0;
  const int count = n < kMaxBatch ? n : kMaxBatch;
  mmsghdr hdrs[kMaxBatch];
  iovec iovs[kMaxBatch];
  alignas(cmsghdr) char controls[kMaxBatch][CMSG_SPACE(sizeof(int))];
  memset(hdrs, 0, sizeof(mmsghdr) * size_t(count));
  for (int i = 0; i < count; ++i) {
    iovs[i].iov_base = msgs[i].data;
    iovs[i].iov_len = kMessageBytes;
    msghdr &h = hdrs[i].msg_hdr;
    h.msg_name = msgs[i].from;
    h.msg_namelen = sizeof(msgs[i].from);
    h.msg_iov = &iovs[i];
    h.msg_iovlen = 1;
    h.msg_control = controls[i];
    h.msg_controllen = sizeof(controls[i]);
  }
  int got;
  do {
    got = ::recvmmsg(fd, hdrs, unsigned(count), MSG_DONTWAIT, nullptr);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    *error = errno;
    return 0;
  }
  for (int i = 0; i < got; ++i) {
    msghdr &h = hdrs[i].msg_hdr;
    msgs[i].len = hdrs[i].msg_len;
    msgs[i].truncated = (h.msg_flags & MSG_TRUNC) != 0;
    msgs[i].segment = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(&h, c)) {
      if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO) {
        int segment = 0;
        memcpy(&segment, CMSG_DATA(c), sizeof(segment));
        if (segment > 0) msgs[i].segment = size_t(segment);
      }
    }
  }
  return got;
}

bool wouldBlock(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

bool gsoRefused(int error) { return error == EIO || error == EINVAL; }

}  // namespace routeless::net::udpsys
