#pragma once
// The Windows half of guardChild, in plain C++ so that it compiles with mingw-w64 alone: one Job
// Object per process that kills every process in it when its last handle closes. Only this
// process holds that handle, and never closes it, so the jobs's processes end when this one
// does. It never adds a process that was not started suspended for it.
#include <string>

namespace routeless::platform::processjob {

// Adds the (suspended) process `processId` to the job, creating the job on first use.
bool add(unsigned long processId, std::string *error);
// Resumes every thread of `processId` (a process created with CREATE_SUSPENDED has one);
// returns how many were resumed.
int resume(unsigned long processId);

}  // namespace routeless::platform::processjob
