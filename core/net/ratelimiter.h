#pragma once
// RateLimiter: a token bucket in bytes/second with a one-second burst, shared by the pumps of
// one engine thread. It must never be used from two threads at once (owned by one engine).
#include <QElapsedTimer>
#include <QtGlobal>

namespace routeless::net {

class RateLimiter final {
 public:
  explicit RateLimiter(qint64 bytesPerSecond);
  qint64 rate() const { return rate_; }
  // Bytes that may move now (0 when the bucket is empty).
  qint64 available();
  void consume(qint64 bytes);
  // Milliseconds until at least one byte is available.
  int waitMs();

 private:
  void refill();
  qint64 rate_;
  double tokens_;
  qint64 lastNs_ = 0;
  QElapsedTimer clock_;
};

}  // namespace routeless::net
