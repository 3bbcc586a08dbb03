// POSIX stdio for the agent.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "agent/sys/stdio.h"

namespace routeless::agent::sys {

void prepareStdio() {
  signal(SIGPIPE, SIG_IGN);
#if defined(F_SETPIPE_SZ)
  // Fails harmlessly when stdio is not a pipe, or above /proc/sys/fs/pipe-max-size.
  for (int fd : {0, 1}) fcntl(fd, F_SETPIPE_SZ, 1024 * 1024);
#endif
}

NativeHandle stdinWatchHandle() { return 0; }

long readStdin(char *buffer, size_t size, std::string *error) {
  for (;;) {
    const ssize_t n = ::read(0, buffer, size);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      // Someone handed us a non-blocking stdin: wait for data instead of failing.
      pollfd p{0, POLLIN, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    if (error) *error = std::string("read: ") + strerror(errno);
    return -1;
  }
}

NativeHandle prepareStdoutWatch() {
  struct stat st;
  if (fstat(1, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return kInvalidHandle;
  // A pipe or socket of our own: non-blocking, so that a manager that is slow to read never
  // stops this agent from reading its stdin (two agents writing to each other through a
  // NoRouter manager, whose writes block, would otherwise deadlock).
  const int flags = fcntl(1, F_GETFL);
  if (flags < 0 || fcntl(1, F_SETFL, flags | O_NONBLOCK) != 0) return kInvalidHandle;
  return 1;
}

long writeStdout(const ConstBuffer *buffers, int count, std::string *error) {
  static_assert(sizeof(ConstBuffer) == sizeof(iovec), "ConstBuffer must match iovec");
  for (;;) {
    const ssize_t n = ::writev(1, reinterpret_cast<const iovec *>(buffers), count);
    if (n >= 0) return long(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    if (error) *error = std::string("failed to write to stdout: ") + strerror(errno);
    return -1;
  }
}

void writeStderr(const std::string &line) {
  const char *p = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(2, p, left);
    if (n > 0) {
      p += n;
      left -= size_t(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // stderr shares a non-blocking description with stdout (2>&1 into a pipe).
      pollfd p2{2, POLLOUT, 0};
      ::poll(&p2, 1, 1000);
      continue;
    }
    return;  // stderr is gone: nothing else to tell
  }
}

}  // namespace routeless::agent::sys
