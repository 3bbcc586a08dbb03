// StopRequests on Windows: the console control handler (consolecontrol_win.cpp) sets a Win32
// event; a QWinEventNotifier on it turns the recorded events into requested() on the owner's
// thread. A GUI process without a console gets none of these; Qt ends its session itself.
#include <QWinEventNotifier>

#include "platform/consolecontrol_win.h"
#include "platform/stoprequests.h"

namespace routeless::platform {

struct StopRequests::Native {
  QWinEventNotifier *notifier = nullptr;
  bool installed = false;
  QString error;
};

StopRequests::StopRequests(QObject *parent) : QObject(parent), native_(std::make_unique<Native>()) {
  Native &n = *native_;
  std::string why;
  void *event = consolecontrol::install(&why);
  if (!event) {
    n.error = QString::fromStdString(why);
    return;
  }
  n.installed = true;
  n.notifier = new QWinEventNotifier(event, this);
  connect(n.notifier, &QWinEventNotifier::activated, this, [this] {
    const unsigned pending = consolecontrol::takePending();
    for (unsigned bit = 1; bit != 0 && bit <= pending; bit <<= 1)
      if (pending & bit)
        Q_EMIT requested(
            QString::fromLatin1(consolecontrol::name(static_cast<consolecontrol::Event>(bit))));
  });
  n.notifier->setEnabled(true);
}

StopRequests::~StopRequests() {
  Native &n = *native_;
  delete n.notifier;
  if (n.installed) {
    // The owner is going away because the process is stopping: a handler waiting on a console
    // close, logoff or shutdown may now let Windows end the process.
    consolecontrol::stopped();
    consolecontrol::uninstall();
  }
}

bool StopRequests::isListening() const { return native_->installed; }
QString StopRequests::error() const { return native_->error; }

}  // namespace routeless::platform
