// guardChild on macOS, which has no parent-death signal: between fork and exec the child starts
// a watchdog (a double fork, so launchd adopts it and the program the child becomes never sees
// an unknown child of its own). The watchdog closes every descriptor it inherited, so the
// child's pipes still close exactly when the child ends, then waits with kqueue for this
// process or the child to exit; if this process goes first, it sends the child SIGTERM.
#include <errno.h>
#include <signal.h>
#include <sys/event.h>
#include <sys/syslimits.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QProcess>

#include "platform/childguard.h"

namespace routeless::platform {
namespace {

[[noreturn]] void watchForParentExit(pid_t parent, pid_t child) {
  for (int fd = 0; fd < OPEN_MAX; ++fd) ::close(fd);
  const int queue = ::kqueue();
  if (queue < 0) ::_exit(0);
  struct kevent change;
  // Registering a process that has already exited fails (ESRCH).
  EV_SET(&change, child, EVFILT_PROC, EV_ADD | EV_ONESHOT, NOTE_EXIT, 0, nullptr);
  if (::kevent(queue, &change, 1, nullptr, 0, nullptr) != 0) ::_exit(0);
  EV_SET(&change, parent, EVFILT_PROC, EV_ADD | EV_ONESHOT, NOTE_EXIT, 0, nullptr);
  if (::kevent(queue, &change, 1, nullptr, 0, nullptr) != 0) {
    ::kill(child, SIGTERM);
    ::_exit(0);
  }
  for (;;) {
    struct kevent fired;
    const int n = ::kevent(queue, nullptr, 0, &fired, 1, nullptr);
    if (n < 0 && errno == EINTR) continue;
    if (n == 1 && fired.ident == static_cast<uintptr_t>(parent)) ::kill(child, SIGTERM);
    ::_exit(0);
  }
}

}  // namespace

void guardChild(QProcess &process, ChildOptions) {
  const pid_t parent = ::getpid();
  process.setChildProcessModifier([parent] {
    // In the child between fork and exec: async-signal-safe calls only.
    const pid_t child = ::getpid();
    const pid_t middle = ::fork();
    if (middle == 0) {
      if (::fork() == 0) watchForParentExit(parent, child);
      ::_exit(0);
    }
    if (middle > 0) {
      int status = 0;
      while (::waitpid(middle, &status, 0) < 0 && errno == EINTR) {
      }
    }
  });
}

}  // namespace routeless::platform
