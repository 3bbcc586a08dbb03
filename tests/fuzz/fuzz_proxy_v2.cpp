// libFuzzer target: the PROXY protocol v2 reader (used to check what proxy=2 writes). Arbitrary
// bytes must never crash it nor yield a header longer than the input; headers built from
// fuzzed addresses must read back to the same addresses and ports.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "nodepass/proxyheader.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  ProxyV2Info info;
  QString error;
  if (parseProxyV2(input, &info, &error) == ProxyParse::Done && info.headerLength > input.size())
    __builtin_trap();
  if (size >= 37) {
    const bool v6 = data[0] & 1;
    QHostAddress src, dst;
    if (v6) {
      src = QHostAddress(data + 1);
      dst = QHostAddress(data + 17);
    } else {
      quint32 a, b;
      memcpy(&a, data + 1, 4);
      memcpy(&b, data + 5, 4);
      src = QHostAddress(a);
      dst = QHostAddress(b);
    }
    const quint16 sp = quint16((data[33] << 8) | data[34]);
    const quint16 dp = quint16((data[35] << 8) | data[36]);
    const ProxyTransport t = (data[0] & 2) ? ProxyTransport::Udp : ProxyTransport::Tcp;
    const QByteArray h = proxyV2Header(t, src, sp, dst, dp);
    ProxyV2Info back;
    if (parseProxyV2(h + input, &back, &error) != ProxyParse::Done) __builtin_trap();
    if (back.headerLength != h.size() || back.srcPort != sp || back.dstPort != dp ||
        back.transport != t)
      __builtin_trap();
    if (!v6 && (back.src != src || back.dst != dst)) __builtin_trap();
    if (v6 && (memcmp(back.src.toIPv6Address().c, src.toIPv6Address().c, 16) != 0 ||
               memcmp(back.dst.toIPv6Address().c, dst.toIPv6Address().c, 16) != 0))
      __builtin_trap();
  }
  return 0;
}
