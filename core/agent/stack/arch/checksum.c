/* The Internet checksum with 64-bit accumulators (see checksum.h for the contract).
 * 32-bit halves of each 64-bit word are added into 64-bit accumulators, so no carry is
 * lost before the final fold for any length below 16 GiB, and the loop has no carry chain;
 * with GCC/Clang it runs on two-lane vectors. The copy variant stores each word as it sums
 * it: one pass over the data. One's-complement sums do not depend on byte order: summing
 * native-order words gives the byte-swapped sum on little-endian hosts, which is exactly
 * the value that stored natively reads back in network order, as lwIP expects. Unaligned
 * data needs no special case: loads go through memcpy, which compiles to plain loads. */
#include "checksum.h"

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
/* Two 64-bit lanes: SSE2 on x86-64, NEON on arm64. Each 64-bit word is split into its 32-bit
 * halves (mask and shift), summed into separate lane accumulators. */
typedef uint64_t v2u64 __attribute__((vector_size(16)));
#define ROUTELESS_VECTOR_SUM 1
#endif

/* Sums whole 8-byte words (len must be a multiple of 8) and, when dst is not null, copies
 * them there in the same pass. */
static inline uint64_t sum_words(unsigned char *dst, const unsigned char *p, size_t len,
                                 uint64_t acc) {
#ifdef ROUTELESS_VECTOR_SUM
  const v2u64 mask = {0xffffffffu, 0xffffffffu};
  v2u64 a = {0, 0}, b = {0, 0}, c = {0, 0}, d = {0, 0};
  for (; len >= 32; len -= 32, p += 32) {
    v2u64 w0, w1;
    memcpy(&w0, p, 16);
    memcpy(&w1, p + 16, 16);
    if (dst) {
      memcpy(dst, &w0, 16);
      memcpy(dst + 16, &w1, 16);
      dst += 32;
    }
    a += w0 & mask;
    b += w0 >> 32;
    c += w1 & mask;
    d += w1 >> 32;
  }
  const v2u64 s = (a + c) + (b + d);
  acc += s[0] + s[1];
#endif
  for (; len >= 8; len -= 8, p += 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    if (dst) {
      memcpy(dst, &w, 8);
      dst += 8;
    }
    acc += (w & 0xffffffffu) + (w >> 32);
  }
  return acc;
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
  uint64_t acc = sum_words(NULL, p, words, 0);
  acc = sum_tail(p + words, (size_t)len - words, acc);
  return fold(acc);
}

unsigned short routeless_chksum_copy(void *dst, const void *src, unsigned short len) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  const size_t words = (size_t)len & ~(size_t)7;
  uint64_t acc = sum_words(d, s, words, 0);
  memcpy(d + words, s + words, (size_t)len - words);
  acc = sum_tail(d + words, (size_t)len - words, acc);
  return fold(acc);
}
