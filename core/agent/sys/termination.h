#pragma once
// A clean stop on the OS's termination request, one implementation per platform
// (termination_posix.cpp, termination_win.cpp): the agent's loop watches a handle that turns
// readable on SIGTERM, so that the agent unwinds (and takes its /etc/hosts block out) instead
// of dying mid-write. It never does anything inside the signal handler but write one byte.
#include <string>

#include "agent/loop/poller.h"

namespace routeless::agent::sys {

// A handle that becomes readable once SIGTERM arrives; kInvalidHandle where there is no such
// signal (Windows: the manager closes stdin instead) or on failure (*error says why).
NativeHandle terminationHandle(std::string *error);

}  // namespace routeless::agent::sys
