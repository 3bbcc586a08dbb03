// See processjob_win.h. Plain C++ and Win32 only.
#include "platform/processjob_win.h"

#include <windows.h>
// windows.h first: tlhelp32.h depends on it.
#include <tlhelp32.h>

#include <mutex>

namespace routeless::platform::processjob {
namespace {

std::string lastErrorText(const char *what) {
  return std::string(what) + " failed (Windows error " + std::to_string(GetLastError()) + ")";
}

// The job, made once; its handle stays open for the life of the process on purpose.
HANDLE theJob(std::string *error) {
  static std::once_flag once;
  static HANDLE job = nullptr;
  static std::string failure;
  std::call_once(once, [] {
    HANDLE made = CreateJobObjectW(nullptr, nullptr);
    if (!made) {
      failure = lastErrorText("CreateJobObject");
      return;
    }
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits = {};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(made, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
      failure = lastErrorText("SetInformationJobObject");
      CloseHandle(made);
      return;
    }
    job = made;
  });
  if (!job && error) *error = failure;
  return job;
}

}  // namespace

bool add(unsigned long processId, std::string *error) {
  HANDLE job = theJob(error);
  if (!job) return false;
  HANDLE process = OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, FALSE, processId);
  if (!process) {
    if (error) *error = lastErrorText("OpenProcess");
    return false;
  }
  const bool added = AssignProcessToJobObject(job, process) != 0;
  if (!added && error) *error = lastErrorText("AssignProcessToJobObject");
  CloseHandle(process);
  return added;
}

int resume(unsigned long processId) {
  HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
  if (snapshot == INVALID_HANDLE_VALUE) return 0;
  int resumed = 0;
  THREADENTRY32 entry = {};
  entry.dwSize = sizeof entry;
  for (BOOL more = Thread32First(snapshot, &entry); more; more = Thread32Next(snapshot, &entry)) {
    if (entry.th32OwnerProcessID != processId) continue;
    HANDLE thread = OpenThread(THREAD_SUSPEND_RESUME, FALSE, entry.th32ThreadID);
    if (!thread) continue;
    if (ResumeThread(thread) != static_cast<DWORD>(-1)) ++resumed;
    CloseHandle(thread);
  }
  CloseHandle(snapshot);
  return resumed;
}

}  // namespace routeless::platform::processjob
