// localfile on Linux, the BSDs and macOS: open(2) with O_NOFOLLOW/O_NONBLOCK, fstat(2) checks
// on the opened descriptor (never on the path, which could be swapped in between), and
// link(2) so that a private file appears under its name only once it is complete.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <random>

#include "control/localfile.h"

namespace routeless::control::localfile {
namespace {

std::string errnoText(int e) { return std::strerror(e); }

std::string octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", unsigned(mode & 07777));
  return buf;
}

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  int get() const { return m_fd; }
  int release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
  }

 private:
  int m_fd;
};

bool writeAll(int fd, const std::string &data, std::string *error) {
  size_t at = 0;
  while (at < data.size()) {
    const ssize_t n = ::write(fd, data.data() + at, data.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = "write failed: " + errnoText(errno);
      return false;
    }
    at += size_t(n);
  }
  return true;
}

// Opens for reading without waiting on a FIFO (and, for private files, without following a
// final symlink), and checks that what was opened is a regular file of at most `maxBytes`.
Read openRegular(const std::string &path, std::size_t maxBytes, bool followLinks, int *fdOut,
                 struct stat *st, std::string *error) {
  Fd fd(::open(path.c_str(),
               O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)));
  if (fd.get() < 0) {
    const int e = errno;
    if (e == ENOENT) {
      *error = "no such file";
      return Read::NotFound;
    }
    *error = e == ELOOP ? "is a symbolic link" : errnoText(e);
    return Read::Refused;
  }
  if (::fstat(fd.get(), st) != 0) {
    *error = errnoText(errno);
    return Read::Refused;
  }
  if (!S_ISREG(st->st_mode)) {
    *error = S_ISDIR(st->st_mode) ? "is a folder, not a file" : "not a regular file";
    return Read::Refused;
  }
  if (std::size_t(st->st_size) > maxBytes) {
    *error = "larger than " + std::to_string(maxBytes) + " bytes";
    return Read::Refused;
  }
  // Reads of a regular file ignore O_NONBLOCK; drop it anyway so that nothing depends on that.
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  *fdOut = fd.release();
  return Read::Ok;
}

Read readOpened(int rawFd, std::size_t maxBytes, std::string *contents, std::string *error) {
  Fd fd(rawFd);
  std::string out;
  char buf[16384];
  while (true) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = "read failed: " + errnoText(errno);
      return Read::Refused;
    }
    if (n == 0) break;
    out.append(buf, size_t(n));
    // The file may have grown since fstat.
    if (out.size() > maxBytes) {
      *error = "larger than " + std::to_string(maxBytes) + " bytes";
      return Read::Refused;
    }
  }
  *contents = std::move(out);
  return Read::Ok;
}

std::string parentOf(const std::string &path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

bool preparePrivateDirectory(const std::string &dir, std::string *error) {
  if (dir.empty()) {
    *error = "no folder given";
    return false;
  }
  // Create missing components one by one; the ones created here get mode 0700, as the XDG
  // base directory specification asks for the config home.
  for (size_t at = dir.find('/', 1);; at = dir.find('/', at + 1)) {
    const std::string part = at == std::string::npos ? dir : dir.substr(0, at);
    if (!part.empty() && ::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
      *error = "cannot create folder " + part + ": " + errnoText(errno);
      return false;
    }
    if (at == std::string::npos) break;
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    *error = "cannot inspect folder " + dir + ": " + errnoText(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *error = dir + " is not a folder";
    return false;
  }
  if (st.st_uid != ::geteuid()) {
    *error = "folder " + dir + " belongs to user id " + std::to_string(st.st_uid) +
             ", not to you (" + std::to_string(::geteuid()) + ")";
    return false;
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    *error = "folder " + dir + " can be written by other users (mode " + octal(st.st_mode) +
             "); run: chmod 700 '" + dir + "'";
    return false;
  }
  return true;
}

Created createPrivateFile(const std::string &path, const std::string &contents,
                          std::string *error) {
  // Write a temporary file with mode 0600 from its creation, then give it its name with
  // link(2), which fails instead of replacing a file that appeared meanwhile.
  std::random_device rd;
  const std::string tmp = parentOf(path) + "/.routeless-" + std::to_string(::getpid()) + "-" +
                          std::to_string(rd()) + ".tmp";
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
      *error = "cannot create " + tmp + ": " + errnoText(errno);
      return Created::Failed;
    }
    // The umask may only have narrowed 0600; make it exactly that.
    if (::fchmod(fd.get(), 0600) != 0 || !writeAll(fd.get(), contents, error) ||
        ::fsync(fd.get()) != 0) {
      if (error->empty()) *error = errnoText(errno);
      ::unlink(tmp.c_str());
      return Created::Failed;
    }
  }
  if (::link(tmp.c_str(), path.c_str()) == 0) {
    ::unlink(tmp.c_str());
    return Created::Yes;
  }
  const int e = errno;
  ::unlink(tmp.c_str());
  if (e == EEXIST) return Created::AlreadyThere;
  if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EXDEV && e != EMLINK) {
    *error = "cannot create " + path + ": " + errnoText(e);
    return Created::Failed;
  }
  // A file system without hard links: create the file itself exclusively, still 0600 from
  // the start (a reader may then briefly see it short, and will refuse it as malformed).
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return Created::AlreadyThere;
    *error = "cannot create " + path + ": " + errnoText(errno);
    return Created::Failed;
  }
  if (::fchmod(fd.get(), 0600) != 0 || !writeAll(fd.get(), contents, error)) {
    if (error->empty()) *error = errnoText(errno);
    return Created::Failed;
  }
  return Created::Yes;
}

Read readPrivateFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error) {
  int fd = -1;
  struct stat st {};
  const Read r = openRegular(path, maxBytes, false, &fd, &st, error);
  if (r != Read::Ok) return r;
  if (st.st_uid != ::geteuid()) {
    ::close(fd);
    *error = "belongs to user id " + std::to_string(st.st_uid) + ", not to you (" +
             std::to_string(::geteuid()) + ")";
    return Read::Refused;
  }
  if (st.st_mode & (S_IRWXG | S_IRWXO)) {
    ::close(fd);
    *error = "other users may read or write it (mode " + octal(st.st_mode) + "); run: chmod 600 '" +
             path + "'";
    return Read::Refused;
  }
  return readOpened(fd, maxBytes, contents, error);
}

Read readRegularFile(const std::string &path, std::size_t maxBytes, std::string *contents,
                     std::string *error) {
  int fd = -1;
  struct stat st {};
  const Read r = openRegular(path, maxBytes, true, &fd, &st, error);
  if (r != Read::Ok) return r;
  return readOpened(fd, maxBytes, contents, error);
}

}  // namespace routeless::control::localfile
