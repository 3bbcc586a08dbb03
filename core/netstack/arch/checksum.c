/* The Internet checksum with a 64-bit accumulator (see checksum.h for the contract).
 * 32-bit halves of each 64-bit load are added into 64-bit accumulators, so no carry is
 * lost before the final fold for any length below 16 GiB, and the loop has no carry chain
 * (compilers vectorise it). One's-complement sums do not depend on byte order: summing
 * native-order words gives the byte-swapped sum on little-endian hosts, which is exactly
 * the value that stored natively reads back in network order, as lwIP expects. Unaligned
 * data needs no special case: loads go through memcpy, which compiles to plain loads. */
#include "checksum.h"

#include <stdint.h>
#include <string.h>

static inline uint64_t sum_words(const unsigned char *p, size_t len, uint64_t acc) {
  /* Sums whole 8-byte words; len must be a multiple of 8. Two accumulators break the
   * dependency chain. */
  uint64_t a = acc, b = 0;
  for (; len >= 16; len -= 16, p += 16) {
    uint64_t w0, w1;
    memcpy(&w0, p, 8);
    memcpy(&w1, p + 8, 8);
    a += (w0 & 0xffffffffu) + (w0 >> 32);
    b += (w1 & 0xffffffffu) + (w1 >> 32);
  }
  if (len) {
    uint64_t w0;
    memcpy(&w0, p, 8);
    a += (w0 & 0xffffffffu) + (w0 >> 32);
  }
  return a + b;
}

static inline uint64_t sum_tail(const unsigned char *p, size_t len, uint64_t acc) {
  /* Fewer than 8 bytes left, starting at an even offset of the summed sequence. */
  if (len >= 4) {
    uint32_t w;
    memcpy(&w, p, 4);
    acc += w;
    p += 4;
    len -= 4;
  }
  if (len >= 2) {
    uint16_t w;
    memcpy(&w, p, 2);
    acc += w;
    p += 2;
    len -= 2;
  }
  if (len) {
    uint16_t w = 0; /* the odd byte is the first (network-order high) byte of a word */
    memcpy(&w, p, 1);
    acc += w;
  }
  return acc;
}

static inline unsigned short fold(uint64_t acc) {
  acc = (acc >> 32) + (acc & 0xffffffffu);
  acc = (acc >> 32) + (acc & 0xffffffffu);
  acc = (acc >> 16) + (acc & 0xffffu);
  acc = (acc >> 16) + (acc & 0xffffu);
  acc = (acc >> 16) + (acc & 0xffffu);
  return (unsigned short)acc;
}

unsigned short routeless_chksum(const void *data, int len) {
  const unsigned char *p = (const unsigned char *)data;
  if (len <= 0) return 0;
  const size_t words = (size_t)len & ~(size_t)7;
  uint64_t acc = sum_words(p, words, 0);
  acc = sum_tail(p + words, (size_t)len - words, acc);
  return fold(acc);
}

unsigned short routeless_chksum_copy(void *dst, const void *src, unsigned short len) {
  /* Copy and sum block by block so that each block is summed while it is still in L1. */
  enum { kBlock = 2048 };
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  size_t left = len;
  uint64_t acc = 0;
  while (left >= kBlock) {
    memcpy(d, s, kBlock);
    acc = sum_words(d, kBlock, acc);
    d += kBlock;
    s += kBlock;
    left -= kBlock;
  }
  if (left) {
    memcpy(d, s, left);
    const size_t words = left & ~(size_t)7;
    acc = sum_words(d, words, acc);
    acc = sum_tail(d + words, left - words, acc);
  }
  return fold(acc);
}
