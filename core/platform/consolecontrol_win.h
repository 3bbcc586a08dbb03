#pragma once
// The Windows console control handler behind StopRequests, in plain C++ so that it compiles
// with mingw-w64 alone. The system calls the handler on a thread of its own, so the handler only
// records the event in an atomic and sets a Win32 event; for close, logoff and shutdown, after
// which Windows ends the process as soon as the handler returns, it also waits (bounded) until
// the process says it has stopped. It never touches an object that may already be destroyed:
// everything it uses is created once and lives as long as the process.
#include <string>

namespace routeless::platform::consolecontrol {

enum Event : unsigned {
  kCtrlC = 1u << 0,
  kCtrlBreak = 1u << 1,
  kClose = 1u << 2,
  kLogoff = 1u << 3,
  kShutdown = 1u << 4,
};

// Installs the handler; returns the auto-reset Win32 event (a HANDLE) it sets on every request,
// or nullptr with *error. Fails while another install() is active.
void *install(std::string *error);
// Events seen since the last call, as a bit set of Event.
unsigned takePending();
// For logs: "Ctrl-C", "Ctrl-Break", "console closed", "logoff", "shutdown".
const char *name(Event event);
// The process has stopped its engines: a handler waiting on close, logoff or shutdown returns.
void stopped();
// Removes the handler (after stopped()).
void uninstall();

}  // namespace routeless::platform::consolecontrol
