#include "signalwatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#else
#include <windows.h>

#include <QMetaObject>
#endif

namespace routeless::node {
namespace {
#ifdef Q_OS_UNIX
int g_pipe[2] = {-1, -1};
void onSignal(int sig) {
  const char c = char(sig);
  [[maybe_unused]] auto n = ::write(g_pipe[1], &c, 1);
}
#else
SignalWatcher *g_watcher = nullptr;
BOOL WINAPI onConsoleEvent(DWORD) {
  if (g_watcher)
    QMetaObject::invokeMethod(
        g_watcher, [] { Q_EMIT g_watcher->interrupted(SIGINT); }, Qt::QueuedConnection);
  return TRUE;
}
#endif
}  // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent) {
#ifdef Q_OS_UNIX
  if (g_pipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0) return;
  m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
  connect(m_notifier, &QSocketNotifier::activated, this, [this] {
    char c = 0;
    if (::read(g_pipe[0], &c, 1) == 1) Q_EMIT interrupted(int(c));
  });
  struct sigaction sa = {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
#else
  g_watcher = this;
  SetConsoleCtrlHandler(onConsoleEvent, TRUE);
#endif
}

SignalWatcher::~SignalWatcher() {
#ifndef Q_OS_UNIX
  g_watcher = nullptr;
#endif
}

}  // namespace routeless::node
