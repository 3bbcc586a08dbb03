// libFuzzer target for the UI envelope parser: any input must classify without crashing, and a
// well-formed result must survive marshal -> unmarshal with the same opcode, contextId and code.
#include <QCoreApplication>
#include <cstdint>
#include <cstdlib>

#include "control/envelope.h"

using namespace routeless::control;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
  const UnmarshalResult r = unmarshal(text);
  if (r.severity != UnmarshalSeverity::None) return 0;
  const UnmarshalResult again = unmarshal(marshal(r.envelope));
  if (again.severity != UnmarshalSeverity::None || again.envelope.opcode != r.envelope.opcode ||
      again.envelope.contextId != r.envelope.contextId ||
      (r.envelope.error && !r.envelope.payload && again.envelope.error != r.envelope.error))
    abort();
  return 0;
}
