// libFuzzer target for core/mproxy/servername.cpp: the SNI / Host sniffer on any first bytes.
// A name it returns must be safe to put in an M-PROXY header, and a longer prefix never turns
// a final answer into "need more".
#include <cstdint>
#include <cstdlib>

#include "mproxy/servername.h"

using namespace routeless::mproxy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView head(reinterpret_cast<const char *>(data), qsizetype(size));
  const ServerNameSniff s = sniffServerName(head);
  if (s.status == ServerNameSniff::Done) {
    if (s.name.contains(QLatin1Char(',')) || s.name.size() > 253) abort();
    if (!s.name.isEmpty() && normalizeHostName(s.name) != s.name) abort();
    if (s.protocol.isEmpty()) abort();
  }
  return 0;
}
