// Linux: pipe2() with a larger buffer (F_SETPIPE_SZ) and splice() between socket and pipe.
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "net/splicepipe.h"

namespace routeless::net {
namespace {

// One splice, retried when a signal interrupted it; EAGAIN becomes kWouldBlock.
int64_t spliceOnce(int from, int to, int64_t max, int *error) {
  for (;;) {
    const ssize_t n =
        ::splice(from, nullptr, to, nullptr, size_t(max), SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno == EAGAIN) return SplicePipe::kWouldBlock;
    *error = errno;
    return SplicePipe::kFailed;
  }
}

}  // namespace

bool SplicePipe::available() { return true; }

bool SplicePipe::open(int capacity) {
  close();
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return false;
  readEnd_ = fds[0];
  writeEnd_ = fds[1];
  // Best effort: the default 64 KiB works too, only with more system calls per megabyte.
  ::fcntl(writeEnd_, F_SETPIPE_SZ, capacity);
  return true;
}

void SplicePipe::close() {
  for (int *fd : {&readEnd_, &writeEnd_}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

int64_t SplicePipe::fill(int fromFd, int64_t max) {
  return spliceOnce(fromFd, writeEnd_, max, &lastError_);
}

int64_t SplicePipe::drain(int toFd, int64_t max) {
  return spliceOnce(readEnd_, toFd, max, &lastError_);
}

int64_t SplicePipe::put(const char *data, int64_t len) {
  const ssize_t n = ::write(writeEnd_, data, size_t(len));
  return n > 0 ? n : 0;
}

std::string SplicePipe::errorText() const { return ::strerror(lastError_); }

}  // namespace routeless::net
