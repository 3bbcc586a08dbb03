#include "ratelimiter.h"

#include <QElapsedTimer>
#include <cmath>
#include <memory>

namespace routeless::net {

namespace {

RateLimiter::Clock steadyClock() {
  auto timer = std::make_shared<QElapsedTimer>();
  timer->start();
  return [timer] { return timer->nsecsElapsed(); };
}

}  // namespace

RateLimiter::RateLimiter(qint64 bytesPerSecond, Clock clock)
    : rate_(qMax<qint64>(1, bytesPerSecond)),
      tokens_(double(rate_)),
      clock_(clock ? std::move(clock) : steadyClock()),
      lastNs_(clock_()) {}

void RateLimiter::refill() {
  const qint64 now = clock_();
  tokens_ = qMin(double(rate_), tokens_ + double(now - lastNs_) * double(rate_) / 1e9);
  lastNs_ = now;
}

qint64 RateLimiter::available() {
  refill();
  return tokens_ >= 1 ? qint64(tokens_) : 0;
}

void RateLimiter::consume(qint64 bytes) {
  refill();
  tokens_ -= double(bytes);
}

int RateLimiter::waitMs() {
  refill();
  if (tokens_ >= 1) return 0;
  // Wait for a useful amount (about 1/50 s of traffic) rather than a single byte.
  const double need = 1.0 - tokens_ + double(rate_) / 50.0;
  return qBound(1, int(std::ceil(need * 1000.0 / double(rate_))), 1000);
}

}  // namespace routeless::net
