#pragma once
// The speed test's client side, run by the agent on the manager's "meshTest" request: times
// kConnects TCP connects to the other agent's SpeedTestService, then sends zeros for the
// given seconds and asks for zeros as long, all through the mesh. One test at a time, each
// step under a deadline; it never touches the host's network.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/loop/eventloop.h"
#include "agent/loop/lifetime.h"
#include "agent/speedtest/stackconnection.h"
#include "agent/wire/messages.h"

namespace routeless::agent {

class SpeedTestClient {
 public:
  static constexpr int kConnects = 5;
  static constexpr int64_t kConnectTimeoutMs = 5000;
  // A throughput step may run this much longer than its seconds (the last bytes, the answer).
  static constexpr int64_t kStepGraceMs = 15000;

  using Done = std::function<void(const MeshTestFigures &figures, const std::string &error)>;

  explicit SpeedTestClient(EventLoop &loop);
  ~SpeedTestClient();
  SpeedTestClient(const SpeedTestClient &) = delete;
  SpeedTestClient &operator=(const SpeedTestClient &) = delete;

  // Checks a request against the bounds: *seconds becomes the default when 0; false (and
  // why) for a bad address, negative or too many seconds, or the agent's own address.
  static bool checkArgs(const MeshTestArgs &args, uint32_t self, uint32_t *to, int64_t *seconds,
                        std::string *error);

  // Starts a test; false (and why) while another runs. `done` runs later on the loop, once.
  bool start(uint32_t to, int64_t seconds, Done done, std::string *error);
  bool isBusy() const { return bool(m_done); }

 private:
  enum class Step { Idle, Latency, Up, Down };
  using Clock = std::chrono::steady_clock;

  void connectOnce();
  void startUp();
  void startDown();
  // Dials `m_to` with a fresh connection and arms the step's deadline.
  bool dial(int64_t deadlineMs, const char *what);
  void fail(const std::string &why);
  void succeed();
  void finish(const std::string &error);
  void dropConnection();  // closes now, deletes outside lwIP's callbacks

  EventLoop &m_loop;
  Step m_step = Step::Idle;
  uint32_t m_to = 0;
  int64_t m_seconds = 0;
  Done m_done;
  std::unique_ptr<StackConnection> m_conn;
  uint64_t m_deadline = 0;
  uint64_t m_stopTimer = 0;
  Clock::time_point m_stepStart;
  std::vector<int64_t> m_latenciesUs;
  std::string m_answer;  // the upload's 8-byte count
  MeshTestFigures m_figures;
  LifeToken m_life;
};

}  // namespace routeless::agent
