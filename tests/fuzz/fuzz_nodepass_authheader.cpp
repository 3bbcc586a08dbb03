// libFuzzer target: the Routeless-Tunnel header value from a hostile peer (both directions of
// the hardened handshake). Parsing must never crash, refusals must say why, and an accepted
// value must print and parse back to the same fields.
#include <cstddef>
#include <cstdint>

#include "nodepass/tunnelauth.h"

using namespace routeless::nodepass;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  QString error;
  const auto params = parseAuthParams(input, &error);
  if (!params) {
    if (error.isEmpty()) __builtin_trap();
    return 0;
  }
  if (params->version < 0 || params->version > 999) __builtin_trap();
  if (!params->hello.isEmpty() && params->hello.size() != kHandshakeNonceBytes) __builtin_trap();
  if (!params->challenge.isEmpty() && params->challenge.size() != kHandshakeNonceBytes)
    __builtin_trap();
  if (!params->proof.isEmpty() && params->proof.size() != kProofBytes) __builtin_trap();
  const auto again = parseAuthParams(params->toHeaderValue(), &error);
  if (!again || again->version != params->version || again->hello != params->hello ||
      again->challenge != params->challenge || again->proof != params->proof)
    __builtin_trap();
  (void)fromBase64Url(input, 32);
  return 0;
}
