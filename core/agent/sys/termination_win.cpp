// Windows has no SIGTERM to catch (TerminateProcess cannot be intercepted); the manager
// stops an agent by closing its stdin, which the agent already handles as a clean stop.
#include "agent/sys/termination.h"

namespace routeless::agent::sys {

NativeHandle terminationHandle(std::string *) { return kInvalidHandle; }

}  // namespace routeless::agent::sys
