#pragma once
// Delivers the frames of stdin to the loop thread, one implementation per platform: on POSIX
// the loop watches stdin and reads when it is readable (stdinpump_posix.cpp); on Windows, whose
// pipes have no readiness notification, a thread of its own reads and posts the batches
// (stdinpump_win.cpp), dropping L3 frames while more than 16 MiB wait, so that it never
// blocks and two agents writing to each other can never deadlock.

#include <functional>
#include <memory>
#include <string>

#include "agent/loop/eventloop.h"
#include "agent/stdinreader.h"

namespace routeless::agent {

class StdinPump {
 public:
  using BatchHandler = std::function<void(InputBatch &batch)>;
  // The end of stdin (EOF, a read error, a broken frame): NoRouter's agent exits then.
  using EndHandler = std::function<void(const std::string &why)>;

  StdinPump(EventLoop &loop, BatchHandler onBatch, EndHandler onEnd);
  ~StdinPump();
  bool start(std::string *error);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace routeless::agent
