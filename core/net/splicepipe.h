#pragma once
// SplicePipe: one kernel pipe through which a Pump moves one direction's bytes between two
// sockets without copying them into user space (Linux splice(), in splicepipe_linux.cpp; other
// systems build splicepipe_fallback.cpp, where open() says it is not available). Plain calls on
// non-blocking descriptors: they never block, log, or retry anything but an interrupted call.
#include <cstdint>
#include <string>

namespace routeless::net {

class SplicePipe {
 public:
  // Results of fill()/drain(): >= 0 is a byte count (0 from fill is the source's end of stream).
  static constexpr int64_t kWouldBlock = -1;  // the source is empty / the destination full
  static constexpr int64_t kFailed = -2;      // errorText() says why

  SplicePipe() = default;
  SplicePipe(const SplicePipe &) = delete;
  SplicePipe &operator=(const SplicePipe &) = delete;
  ~SplicePipe() { close(); }

  // Whether this system can splice at all (false: the caller copies through a buffer).
  static bool available();
  // Creates the pipe, asking the kernel for `capacity` bytes (best effort); false when the
  // system has no splice or no pipe could be made.
  bool open(int capacity);
  bool isOpen() const { return readEnd_ >= 0; }
  void close();

  // Moves up to `max` bytes from socket `fromFd` into the pipe.
  int64_t fill(int fromFd, int64_t max);
  // Moves up to `max` bytes from the pipe into socket `toFd`.
  int64_t drain(int toFd, int64_t max);
  // Copies bytes from memory into the pipe (a prefix written before the relayed data); how
  // many it took, 0 on failure.
  int64_t put(const char *data, int64_t len);

  // The system's text for the last kFailed.
  std::string errorText() const;

 private:
  int readEnd_ = -1;
  int writeEnd_ = -1;
  int lastError_ = 0;
};

}  // namespace routeless::net
