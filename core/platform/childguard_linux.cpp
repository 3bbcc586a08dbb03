// guardChild on Linux: the kernel sends the child SIGTERM when the thread that forked it ends
// (PR_SET_PDEATHSIG), set between fork and exec.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <QProcess>

#include "platform/childguard.h"

namespace routeless::platform {

void guardChild(QProcess &process, ChildOptions options) {
  const pid_t parent = ::getpid();
  const bool largePipes = options.largePipes;
  process.setChildProcessModifier([parent, largePipes] {
    // In the child between fork and exec: async-signal-safe calls only.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    // The parent may have died before prctl: then nobody would ever send the signal.
    if (::getppid() != parent) ::raise(SIGTERM);
    if (largePipes) {
      ::fcntl(STDIN_FILENO, F_SETPIPE_SZ, 1 << 20);
      ::fcntl(STDOUT_FILENO, F_SETPIPE_SZ, 1 << 20);
    }
  });
}

}  // namespace routeless::platform
