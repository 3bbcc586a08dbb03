// Systems without splice() (macOS, Windows): no pipe is ever opened, so Pump copies through its
// buffers and never calls the transfer functions.
#include "net/splicepipe.h"

namespace routeless::net {

bool SplicePipe::available() { return false; }
bool SplicePipe::open(int) { return false; }
void SplicePipe::close() { readEnd_ = writeEnd_ = -1; }
int64_t SplicePipe::fill(int, int64_t) {
  lastError_ = -1;
  return kFailed;
}
int64_t SplicePipe::drain(int, int64_t) {
  lastError_ = -1;
  return kFailed;
}
int64_t SplicePipe::put(const char *, int64_t) { return 0; }
std::string SplicePipe::errorText() const { return "splice is not available on this system"; }

}  // namespace routeless::net
