#pragma once
// RateLimiter: a token bucket in bytes/second with a one-second burst, shared by the pumps of
// one engine thread. It must never be used from two threads at once (owned by one engine).
#include <QtGlobal>
#include <functional>

namespace routeless::net {

class RateLimiter final {
 public:
  // Monotonic nanoseconds from any origin. The default is a steady clock; tests pass their own
  // so that refills follow the time they set, not the machine's load.
  using Clock = std::function<qint64()>;

  explicit RateLimiter(qint64 bytesPerSecond, Clock clock = {});
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
  Clock clock_;
  qint64 lastNs_;
};

}  // namespace routeless::net
