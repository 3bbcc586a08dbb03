// Compiler/platform glue for lwIP on the hosts Routeless runs on (64-bit, GCC/Clang/MSVC).
#pragma once
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LWIP_NO_STDINT_H 0
#define LWIP_NO_INTTYPES_H 0
#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_RAND() ((u32_t)rand())
#define LWIP_PLATFORM_DIAG(x) \
  do {                        \
    printf x;                 \
  } while (0)
#define LWIP_PLATFORM_ASSERT(x)                                             \
  do {                                                                      \
    fprintf(stderr, "lwIP assertion: %s (%s:%d)\n", x, __FILE__, __LINE__); \
    abort();                                                                \
  } while (0)
#define LWIP_ERR_T int
