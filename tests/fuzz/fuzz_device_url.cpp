// libFuzzer target: the device:// URL parser must accept or reject any input without crashing,
// a rejection must say why without the token, and an accepted URL's canonical form must parse
// back to the same link.
#include <cstddef>
#include <cstdint>

#include "mproxy/deviceurl.h"

namespace {

using routeless::mproxy::DeviceConfig;

bool sameLink(const DeviceConfig &a, const DeviceConfig &b) {
  return a.relayUrl == b.relayUrl && a.token == b.token && a.name == b.name &&
         a.targets == b.targets && a.caFile == b.caFile &&
         a.limits.keepaliveMs == b.limits.keepaliveMs;
}

void checkRoundTrip(const DeviceConfig &config) {
  const QString canonical = routeless::mproxy::deviceUrl(config);
  const auto again = routeless::mproxy::parseDeviceUrl(canonical, nullptr);
  if (!again || !sameLink(*again, config)) __builtin_trap();
  if (routeless::mproxy::deviceUrl(*again) != canonical) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
  QString error;
  const auto config = routeless::mproxy::parseDeviceUrl(text, &error);
  if (config) {
    if (!routeless::mproxy::isDeviceUrl(text)) __builtin_trap();
    checkRoundTrip(*config);
  } else if (error.isEmpty() || error.contains(QLatin1Char('\n'))) {
    __builtin_trap();  // a rejection is always one line saying why
  }
  QString targetError;
  if (const auto target = routeless::mproxy::parseDeviceTarget(text, &targetError)) {
    const QString again = routeless::mproxy::deviceTargetText(*target);
    if (routeless::mproxy::parseDeviceTarget(again, nullptr) != target) __builtin_trap();
  } else if (targetError.isEmpty()) {
    __builtin_trap();
  }
  (void)routeless::mproxy::parseKeepaliveSeconds(text);
  return 0;
}
