#include "nodepassengine.h"

#include <openssl/crypto.h>

#include "tunnelruntime.h"

namespace routeless::nodepass {

NodePassEngine::NodePassEngine(TunnelUrl url, QObject *parent)
    : QObject(parent), url_(std::move(url)), counters_(std::make_shared<stats::TrafficCounters>()) {
  thread_.setObjectName(QStringLiteral("nodepass-%1").arg(url_.tunnel.port));
}

NodePassEngine::~NodePassEngine() { stop(); }

void NodePassEngine::start() {
  if (runtime_) return;
  runtime_ = new TunnelRuntime(url_, counters_);
  runtime_->moveToThread(&thread_);
  if (logSink_) runtime_->logger().setSink(logSink_);
  connect(runtime_, &TunnelRuntime::fatal, this, &NodePassEngine::fatal, Qt::QueuedConnection);
  connect(runtime_, &TunnelRuntime::controlReady, this, &NodePassEngine::linked,
          Qt::QueuedConnection);
  connect(runtime_, &TunnelRuntime::linkLost, this, &NodePassEngine::linkLost,
          Qt::QueuedConnection);
  thread_.start();
  QMetaObject::invokeMethod(runtime_, &TunnelRuntime::start, Qt::QueuedConnection);
}

void NodePassEngine::stop() {
  if (!runtime_) return;
  TunnelRuntime *rt = runtime_;
  runtime_ = nullptr;
  if (thread_.isRunning()) {
    // Shut down and delete on the worker thread, then let the thread end.
    QMetaObject::invokeMethod(
        rt,
        [rt] {
          rt->shutdown();
          delete rt;
          // Free OpenSSL's per-thread state now rather than in a thread-exit destructor that
          // may race the end of the process.
          OPENSSL_thread_stop();
          QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    thread_.wait();
  } else {
    delete rt;
  }
}

}  // namespace routeless::nodepass
