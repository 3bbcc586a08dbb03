#pragma once
// guardChild: makes a child process end when this process ends, however this one ends (a crash,
// kill -9, a logoff), so no agent, tunnel or node outlives what started it: prctl(PDEATHSIG) on
// Linux, a kqueue watchdog on macOS, a kill-on-close Job Object on Windows. It never touches a
// child while this process lives.
class QProcess;

namespace routeless::platform {

struct ChildOptions {
  // 1 MiB stdin and stdout pipes where the OS lets the child ask for them (Linux): a mesh agent
  // moves 64 KiB packets with fewer wake-ups. Best effort; elsewhere the pipes keep their size.
  bool largePipes = false;
};

// Call once per QProcess, before start(); it holds for every later start of that QProcess. It
// takes over the QProcess's child-process modifier (POSIX) and create-process modifier
// (Windows). On Linux the child is tied to the thread that starts it: start guarded children on
// a thread that lives as long as they should (the engine thread that owns them).
void guardChild(QProcess &process, ChildOptions options = {});

}  // namespace routeless::platform
