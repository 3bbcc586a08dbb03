// See consolecontrol_win.h. Plain C++ and Win32 only.
#include "platform/consolecontrol_win.h"

#include <windows.h>

#include <atomic>

namespace routeless::platform::consolecontrol {
namespace {

// Windows ends a process about 5 s after CTRL_CLOSE_EVENT whatever the handler does; stopping
// the engines must fit in that.
constexpr DWORD kCloseGraceMs = 4500;

// Created once by the first install() and never closed: a handler thread may still be using
// them while the owner goes away.
std::atomic<HANDLE> g_requested{nullptr};  // auto-reset: one wake-up per batch of requests
std::atomic<HANDLE> g_stopped{nullptr};    // manual-reset: the process has stopped
std::atomic<unsigned> g_pending{0};
std::atomic<bool> g_installed{false};

BOOL WINAPI onConsoleEvent(DWORD type) {
  unsigned event = 0;
  switch (type) {
    case CTRL_C_EVENT:
      event = kCtrlC;
      break;
    case CTRL_BREAK_EVENT:
      event = kCtrlBreak;
      break;
    case CTRL_CLOSE_EVENT:
      event = kClose;
      break;
    case CTRL_LOGOFF_EVENT:
      event = kLogoff;
      break;
    case CTRL_SHUTDOWN_EVENT:
      event = kShutdown;
      break;
    default:
      return FALSE;  // not ours: the next handler (or the default) decides
  }
  g_pending.fetch_or(event);
  if (HANDLE requested = g_requested.load()) SetEvent(requested);
  if (event == kClose || event == kLogoff || event == kShutdown) {
    if (HANDLE done = g_stopped.load()) WaitForSingleObject(done, kCloseGraceMs);
  }
  return TRUE;
}

std::string lastErrorText(const char *what) {
  return std::string(what) + " failed (Windows error " + std::to_string(GetLastError()) + ")";
}

}  // namespace

void *install(std::string *error) {
  if (g_installed.exchange(true)) {
    if (error) *error = "the console control handler is already installed";
    return nullptr;
  }
  if (!g_requested.load()) {
    HANDLE requested = CreateEventW(nullptr, FALSE, FALSE, nullptr);
    HANDLE done = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!requested || !done) {
      if (error) *error = lastErrorText("CreateEvent");
      if (requested) CloseHandle(requested);
      if (done) CloseHandle(done);
      g_installed = false;
      return nullptr;
    }
    g_stopped.store(done);
    g_requested.store(requested);
  }
  ResetEvent(g_stopped.load());
  g_pending = 0;
  if (!SetConsoleCtrlHandler(onConsoleEvent, TRUE)) {
    if (error) *error = lastErrorText("SetConsoleCtrlHandler");
    g_installed = false;
    return nullptr;
  }
  return g_requested.load();
}

unsigned takePending() { return g_pending.exchange(0); }

const char *name(Event event) {
  switch (event) {
    case kCtrlC:
      return "Ctrl-C";
    case kCtrlBreak:
      return "Ctrl-Break";
    case kClose:
      return "console closed";
    case kLogoff:
      return "logoff";
    case kShutdown:
      return "shutdown";
  }
  return "console event";
}

void stopped() {
  if (HANDLE done = g_stopped.load()) SetEvent(done);
}

void uninstall() {
  if (!g_installed.load()) return;
  SetConsoleCtrlHandler(onConsoleEvent, FALSE);
  g_installed = false;
}

}  // namespace routeless::platform::consolecontrol
