#include "ratelimiter.h"

#include <cmath>

namespace routeless::net {

RateLimiter::RateLimiter(qint64 bytesPerSecond)
    : rate_(qMax<qint64>(1, bytesPerSecond)), tokens_(double(rate_)) {
  clock_.start();
}

void RateLimiter::refill() {
  const qint64 now = clock_.nsecsElapsed();
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
