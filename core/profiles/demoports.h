#pragma once
// DemoPorts: the ports the "Local demo" profile uses, the fixed ones of profile.h unless a test
// moved them. It only reads the environment; a user never sets the variable, and a malformed
// value leaves the fixed ports, so what a user sees never changes.

#include <QtGlobal>

#include "profiles/profile.h"

namespace routeless::profiles {

// For tests only: ROUTELESS_TEST_DEMO_PORTS="forward,responder,tunnel,tunnelClient" (four free
// ports the test picked) moves the demo, so that two app tests can run it at the same time.
struct DemoPorts {
  quint16 forward = kDemoForwardPort;
  quint16 responder = kDemoResponderPort;
  quint16 tunnel = kDemoTunnelPort;
  quint16 tunnelClient = kDemoTunnelClientPort;
};
DemoPorts demoPorts();

}  // namespace routeless::profiles
