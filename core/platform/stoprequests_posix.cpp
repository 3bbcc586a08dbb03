// StopRequests on POSIX: a self-pipe. The handler writes the signal number into it; a
// QSocketNotifier on the read end turns that into requested() on the owner's thread.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <QSocketNotifier>
#include <cerrno>
#include <cstring>

#include "platform/stoprequests.h"

namespace routeless::platform {
namespace {

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int kStopSignalCount = int(sizeof kStopSignals / sizeof kStopSignals[0]);

// The pipe's write end for the handler: set before the handlers are installed and cleared after
// they are restored, so the handler never sees a closed descriptor.
volatile sig_atomic_t g_writeFd = -1;

extern "C" void onStopSignal(int signalNumber) {
  const int savedErrno = errno;
  const int fd = g_writeFd;
  if (fd >= 0) {
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(fd, &byte, 1);
  }
  errno = savedErrno;
}

QString signalName(int signalNumber) {
  switch (signalNumber) {
    case SIGINT:
      return QStringLiteral("SIGINT");
    case SIGTERM:
      return QStringLiteral("SIGTERM");
    case SIGHUP:
      return QStringLiteral("SIGHUP");
    default:
      return QStringLiteral("signal %1").arg(signalNumber);
  }
}

bool setFlags(int fd) {
  return ::fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 &&
         ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0;
}

}  // namespace

struct StopRequests::Native {
  int pipe[2] = {-1, -1};
  struct sigaction previous[kStopSignalCount] = {};
  QSocketNotifier *notifier = nullptr;
  bool installed = false;
  QString error;
};

StopRequests::StopRequests(QObject *parent) : QObject(parent), native_(std::make_unique<Native>()) {
  Native &n = *native_;
  ::signal(SIGPIPE, SIG_IGN);
  if (g_writeFd >= 0) {
    n.error = QStringLiteral("another StopRequests already listens in this process");
    return;
  }
  if (::pipe(n.pipe) != 0 || !setFlags(n.pipe[0]) || !setFlags(n.pipe[1])) {
    n.error = QStringLiteral("cannot create the signal pipe: %1")
                  .arg(QString::fromLocal8Bit(std::strerror(errno)));
    return;
  }
  g_writeFd = n.pipe[1];
  struct sigaction action = {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int i = 0; i < kStopSignalCount; ++i) ::sigaction(kStopSignals[i], &action, &n.previous[i]);
  n.installed = true;
  n.notifier = new QSocketNotifier(n.pipe[0], QSocketNotifier::Read, this);
  connect(n.notifier, &QSocketNotifier::activated, this, [this] {
    unsigned char byte = 0;
    while (::read(native_->pipe[0], &byte, 1) == 1) Q_EMIT requested(signalName(byte));
  });
}

StopRequests::~StopRequests() {
  Native &n = *native_;
  delete n.notifier;  // before its descriptor closes
  if (n.installed) {
    for (int i = 0; i < kStopSignalCount; ++i)
      ::sigaction(kStopSignals[i], &n.previous[i], nullptr);
    g_writeFd = -1;
  }
  for (int fd : n.pipe)
    if (fd >= 0) ::close(fd);
}

bool StopRequests::isListening() const { return native_->installed; }
QString StopRequests::error() const { return native_->error; }

}  // namespace routeless::platform
