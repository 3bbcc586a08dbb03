#pragma once
// StopRequests: the operating system's requests to stop this process (SIGINT, SIGTERM and SIGHUP
// on POSIX; Ctrl-C, Ctrl-Break, console close, logoff and shutdown on Windows) delivered as one
// queued Qt signal on the thread that created it, so every front end stops its engines the same
// way. It never quits by itself, and its OS-level handler does only what is safe there (one
// write() to a pipe, one SetEvent()). One instance per process at a time.
#include <QObject>
#include <QString>
#include <memory>

namespace routeless::platform {

class StopRequests final : public QObject {
  Q_OBJECT
 public:
  // Also makes a write to a closed pipe or socket an error instead of a fatal signal (POSIX).
  explicit StopRequests(QObject *parent = nullptr);
  ~StopRequests() override;

  // False when the handlers could not be installed (error() says why): the process then stops
  // the operating system's default way.
  bool isListening() const;
  QString error() const;

 Q_SIGNALS:
  // `what` names the request for logs: "SIGTERM", "Ctrl-C", "console closed", ...
  void requested(const QString &what);

 private:
  struct Native;
  std::unique_ptr<Native> native_;
};

}  // namespace routeless::platform
