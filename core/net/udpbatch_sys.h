#pragma once
// The system calls behind UdpSender/UdpReceiver, one implementation per platform
// (udpbatch_linux.cpp: sendmmsg/recvmmsg with GSO/GRO; udpbatch_mac.cpp, udpbatch_win.cpp: one
// call per datagram). Raw calls returning system error codes; they never log, block or queue.
#include <cstddef>
#include <cstdint>

namespace routeless::net::udpsys {

// Largest buffer one kernel message can fill: a whole UDP datagram, or a GRO run of them.
inline constexpr size_t kMessageBytes = 65536;

// One kernel message: a single datagram, or (segment > 0) `len` bytes the kernel cuts into
// datagrams of `segment` bytes, the last one possibly shorter (GSO).
struct OutMessage {
  const uint8_t *data;
  size_t len;
  size_t segment;
};

// One received kernel message: `len` bytes in `data`, from `from` (a sockaddr_storage), cut by
// the sender into datagrams of `segment` bytes when GRO coalesced them (0: one datagram).
struct InMessage {
  uint8_t *data;
  size_t len;
  size_t segment;
  bool truncated;
  alignas(8) unsigned char from[128];
};

// How many datagrams one GSO message may carry on this socket; 0 without GSO.
int gsoSegments(int fd);
// Best effort: let the kernel hand over coalesced datagrams (GRO).
void enableGro(int fd);
// Sends msgs[0..n) in order to `to` (nullptr: the connected peer). Returns how many went out;
// when fewer than n, *error holds the system error code of msgs[result].
int sendMessages(int fd, const void *to, unsigned toLen, const OutMessage *msgs, int n, int *error);
// Reads up to n messages into msgs[i].data (kMessageBytes each). Returns how many, 0 with
// *error set when none could be read.
int receiveMessages(int fd, InMessage *msgs, int n, int *error);
// The socket is full / empty for now (EAGAIN, WSAEWOULDBLOCK).
bool wouldBlock(int error);
// The route cannot take a GSO message (a device without checksum offload: EIO): retry unbatched.
bool gsoRefused(int error);

}  // namespace routeless::net::udpsys
