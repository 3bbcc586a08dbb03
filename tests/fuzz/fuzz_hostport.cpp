// libFuzzer target for net::parseHostPort. The first byte picks the rules; the rest is the text
// (UTF-8). Whatever parses must write back with formatHostPort (without ":0" for a host alone)
// and parse to the same value; whatever is refused must say why on one line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "net/hostport.h"

using namespace routeless::net;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  HostPortRules rules;
  if (data[0] & 1) rules.host = HostPortRules::Host::Address;
  rules.emptyHost = data[0] & 2;
  rules.portOnly = data[0] & 4;
  rules.portZero = data[0] & 8;
  rules.bareIpv6 = data[0] & 16;
  rules.portOptional = data[0] & 32;
  const QString text =
      QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
  QString error;
  const std::optional<HostPort> hp = parseHostPort(text, rules, &error);
  if (!hp) {
    if (error.isEmpty() || error.contains(QLatin1Char('\n')) || error.contains(QLatin1Char('\r')))
      abort();
    return 0;
  }
  if (!hp->hasPort && (!rules.portOptional || hp->port != 0)) abort();
  if (hp->hasPort && hp->port == 0 && !rules.portZero) abort();
  if (hp->host.isEmpty() && !rules.emptyHost) abort();  // an empty host only where allowed
  // Under the address rule every host is an IP address (or empty, where allowed).
  if (rules.host == HostPortRules::Host::Address && !hp->host.isEmpty() && hp->address.isNull())
    abort();
  HostPortRules strict = rules;
  strict.bareIpv6 = false;
  // A host alone writes back without a port (an IPv6 address still in brackets).
  QString written = formatHostPort(hp->host, hp->port);
  if (!hp->hasPort) written.chop(2);
  const std::optional<HostPort> again = parseHostPort(written, strict);
  if (!again || !(*again == *hp)) abort();
  return 0;
}
