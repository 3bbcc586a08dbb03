/* The Internet checksum (RFC 1071) used by lwIP (LWIP_CHKSUM, LWIP_CHKSUM_COPY) and by tests.
 * Same contract as lwIP's lwip_standard_chksum: the non-inverted 16-bit one's-complement sum
 * of `len` bytes at any alignment, as a u16 that is in network order once stored in memory.
 * Plain C so that lwIP's C sources can include it through lwipopts.h. */
#ifndef ROUTELESS_NETSTACK_CHECKSUM_H
#define ROUTELESS_NETSTACK_CHECKSUM_H

#ifdef __cplusplus
extern "C" {
#endif

unsigned short routeless_chksum(const void *data, int len);
/* memcpy(dst, src, len) and the checksum of the copied bytes, in one pass over the data. */
unsigned short routeless_chksum_copy(void *dst, const void *src, unsigned short len);

#ifdef __cplusplus
}
#endif

#endif
