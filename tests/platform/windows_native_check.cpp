// Checks the Qt-free Windows platform files (core/platform/*_win.cpp, core/control/
// localfile_win.cpp) where they can run without Qt: built with mingw-w64 and run under Wine by
// .ci/test, since no Qt for Windows is at hand. Exit code 0 when every check passed; each failure
// is printed.
#include <windows.h>
// windows.h first.
#include <sddl.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "control/localfile.h"
#include "platform/consolecontrol_win.h"
#include "platform/processjob_win.h"
#include "platform/systemfigures.h"

using namespace routeless::platform;
namespace localfile = routeless::control::localfile;

namespace {

int failures = 0;

void check(bool ok, const char *what) {
  std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

void systemFigures() {
  const SystemFigures a = readSystemFigures();
  check(a.memTotal > 0, "memory total is known");
  check(a.memAvailable > 0 && a.memAvailable <= a.memTotal, "available memory within the total");
  check(a.swapTotal >= 0 && a.swapFree >= 0 && a.swapFree <= a.swapTotal, "swap figures agree");
  check(a.uptimeSeconds >= 0, "uptime is known");
  check(a.netRx >= 0 && a.netTx >= 0, "network counters are known");
  check(a.cpuTotal > 0 && a.cpuIdle <= a.cpuTotal, "CPU times are known");
  Sleep(200);
  const SystemFigures b = readSystemFigures();
  const int busy = cpuBusyPercent(a, b);
  check(busy == -1 || (busy >= 0 && busy <= 100), "CPU busy percent is a percent or unknown");
  check(cpuBusyPercent(b, a) == -1, "samples in the wrong order tell nothing");
}

void consoleControl() {
  std::string error;
  void *event = consolecontrol::install(&error);
  check(event != nullptr, ("console handler installs " + error).c_str());
  if (!event) return;
  std::string again;
  check(consolecontrol::install(&again) == nullptr && !again.empty(),
        "a second install is refused");
  // Ctrl-Break to our own process group: the handler records it and sets the event.
  const bool sent = GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0) != 0;
  if (sent) {
    check(WaitForSingleObject(static_cast<HANDLE>(event), 5000) == WAIT_OBJECT_0,
          "the event is set for Ctrl-Break");
    check(consolecontrol::takePending() == consolecontrol::kCtrlBreak, "Ctrl-Break is recorded");
    check(consolecontrol::takePending() == 0, "taking the events clears them");
  } else {
    std::printf("skip: GenerateConsoleCtrlEvent failed here (error %lu)\n", GetLastError());
  }
  check(std::strcmp(consolecontrol::name(consolecontrol::kClose), "console closed") == 0,
        "events have names");
  consolecontrol::stopped();
  consolecontrol::uninstall();
  check(consolecontrol::install(&error) != nullptr, "installs again after uninstall");
  consolecontrol::uninstall();
}

// Starts this program suspended as a child that exits with `code`; adds it to the job; resumes.
void processJob(const char *self) {
  std::string command = std::string("\"") + self + "\" --exit-with 7";
  STARTUPINFOA startup = {};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION child = {};
  if (!CreateProcessA(nullptr, command.data(), nullptr, nullptr, FALSE, CREATE_SUSPENDED, nullptr,
                      nullptr, &startup, &child)) {
    check(false, "a suspended child starts");
    return;
  }
  std::string error;
  check(processjob::add(child.dwProcessId, &error), ("the child joins the job " + error).c_str());
  BOOL inJob = FALSE;
  check(IsProcessInJob(child.hProcess, nullptr, &inJob) && inJob, "the child is in a job");
  check(processjob::resume(child.dwProcessId) == 1, "its one thread is resumed");
  check(WaitForSingleObject(child.hProcess, 10000) == WAIT_OBJECT_0, "the child runs and ends");
  DWORD code = 0;
  check(GetExitCodeProcess(child.hProcess, &code) && code == 7, "with its exit code");
  CloseHandle(child.hThread);
  CloseHandle(child.hProcess);
}

// As the middle process of killedWithItsParent: starts a long-sleeping child in the job, hands
// back its process id as the exit code and exits, which closes the job's only handle.
int startGuardedSleeper(const char *self) {
  std::string command = std::string("\"") + self + "\" --sleep";
  STARTUPINFOA startup = {};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION child = {};
  if (!CreateProcessA(nullptr, command.data(), nullptr, nullptr, FALSE, CREATE_SUSPENDED, nullptr,
                      nullptr, &startup, &child))
    return 0;
  std::string error;
  if (!processjob::add(child.dwProcessId, &error)) return 0;
  processjob::resume(child.dwProcessId);
  CloseHandle(child.hThread);
  CloseHandle(child.hProcess);
  return int(child.dwProcessId);
}

void killedWithItsParent(const char *self) {
  std::string command = std::string("\"") + self + "\" --start-guarded-sleeper";
  STARTUPINFOA startup = {};
  startup.cb = sizeof startup;
  PROCESS_INFORMATION middle = {};
  if (!CreateProcessA(nullptr, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr,
                      &startup, &middle)) {
    check(false, "the middle process starts");
    return;
  }
  WaitForSingleObject(middle.hProcess, 10000);
  DWORD sleeperId = 0;
  GetExitCodeProcess(middle.hProcess, &sleeperId);
  CloseHandle(middle.hThread);
  CloseHandle(middle.hProcess);
  check(sleeperId != 0, "the middle process started a guarded child");
  if (!sleeperId) return;
  HANDLE sleeper = OpenProcess(SYNCHRONIZE | PROCESS_TERMINATE, FALSE, sleeperId);
  if (!sleeper) {
    check(true, "the guarded child is already gone with its parent");
    return;
  }
  const bool ended = WaitForSingleObject(sleeper, 10000) == WAIT_OBJECT_0;
  check(ended, "the guarded child ends when its parent does");
  if (!ended) TerminateProcess(sleeper, 1);
  CloseHandle(sleeper);
}

// control/localfile_win.cpp: the UI token's private file and regular-file reads.
void localFiles() {
  check(!localfile::privateConfigDirectory().empty(), "the per-user folder is known");
  char temp[MAX_PATH];
  GetTempPathA(MAX_PATH, temp);
  const std::string dir =
      std::string(temp) + "routeless-check-" + std::to_string(GetCurrentProcessId());
  std::string error, contents;
  check(localfile::preparePrivateDirectory(dir, &error),
        ("a private folder is made " + error).c_str());
  const std::string file = dir + "\\ui-token";
  check(localfile::createPrivateFile(file, "secret\n", &error) == localfile::Created::Yes,
        ("a private file is created " + error).c_str());
  check(localfile::createPrivateFile(file, "other\n", &error) == localfile::Created::AlreadyThere,
        "an existing one is not replaced");
  check(localfile::readPrivateFile(file, 4096, &contents, &error) == localfile::Read::Ok &&
            contents == "secret\n",
        ("it reads back as written " + error).c_str());
  check(localfile::readPrivateFile(file, 3, &contents, &error) == localfile::Read::Refused,
        "a file over the size limit is refused");
  check(localfile::readRegularFile(dir, 4096, &contents, &error) == localfile::Read::Refused,
        "a folder is not a regular file");
  check(localfile::readRegularFile(dir + "\\none", 4096, &contents, &error) ==
            localfile::Read::NotFound,
        "a missing file is reported as missing");
  // A file everyone may read is not private.
  const std::string open = dir + "\\open";
  PSECURITY_DESCRIPTOR everyone = nullptr;
  if (ConvertStringSecurityDescriptorToSecurityDescriptorA("D:P(A;;FA;;;WD)", SDDL_REVISION_1,
                                                           &everyone, nullptr)) {
    SECURITY_ATTRIBUTES sa{sizeof sa, everyone, FALSE};
    HANDLE h = CreateFileA(open.c_str(), GENERIC_WRITE, 0, &sa, CREATE_NEW, 0, nullptr);
    DWORD n = 0;
    if (h != INVALID_HANDLE_VALUE) {
      WriteFile(h, "secret\n", 7, &n, nullptr);
      CloseHandle(h);
    }
    LocalFree(everyone);
    const localfile::Read r = localfile::readPrivateFile(open, 4096, &contents, &error);
    check(r == localfile::Read::Refused, ("a file everyone may read is refused: " + error).c_str());
    DeleteFileA(open.c_str());
  }
  DeleteFileA(file.c_str());
  RemoveDirectoryA(dir.c_str());
}

}  // namespace

int main(int argc, char **argv) {
  if (argc == 3 && std::strcmp(argv[1], "--exit-with") == 0) return std::atoi(argv[2]);
  if (argc == 2 && std::strcmp(argv[1], "--sleep") == 0) {
    Sleep(60000);
    return 0;
  }
  if (argc == 2 && std::strcmp(argv[1], "--start-guarded-sleeper") == 0)
    return startGuardedSleeper(argv[0]);
  systemFigures();
  consoleControl();
  processJob(argv[0]);
  killedWithItsParent(argv[0]);
  localFiles();
  std::printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
