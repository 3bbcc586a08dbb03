// SIGTERM as a readable pipe (the self-pipe trick) for the agent's loop.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "agent/sys/termination.h"

namespace routeless::agent::sys {
namespace {

int g_pipe[2] = {-1, -1};

void onSignal(int) {
  const int saved = errno;
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
  errno = saved;
}

}  // namespace

NativeHandle terminationHandle(std::string *error) {
  if (g_pipe[0] >= 0) return g_pipe[0];
  if (::pipe(g_pipe) != 0) {
    if (error) *error = std::string("pipe: ") + strerror(errno);
    return kInvalidHandle;
  }
  for (int fd : g_pipe) {
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  if (sigaction(SIGTERM, &sa, nullptr) != 0) {
    if (error) *error = std::string("sigaction: ") + strerror(errno);
    return kInvalidHandle;
  }
  return g_pipe[0];
}

}  // namespace routeless::agent::sys
