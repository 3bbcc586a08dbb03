#include "agent/speedtest/speedtestclient.h"

#include <algorithm>

#include "agent/log.h"
#include "agent/speedtest/speedtestservice.h"
#include "agent/sys/socket.h"

namespace routeless::agent {

SpeedTestClient::SpeedTestClient(EventLoop &loop) : m_loop(loop) {}

SpeedTestClient::~SpeedTestClient() {
  m_loop.cancelTimer(m_deadline);
  m_loop.cancelTimer(m_stopTimer);
}

bool SpeedTestClient::checkArgs(const MeshTestArgs &args, uint32_t self, uint32_t *to,
                                int64_t *seconds, std::string *error) {
  const auto ip = parseIpv4(args.to);
  if (!ip) {
    *error = "meshTest: \"to\" must be an IPv4 address, got \"" + args.to + "\"";
    return false;
  }
  if (*ip == self) {
    *error = "meshTest: \"to\" is this agent's own address";
    return false;
  }
  if (args.seconds < 0 || args.seconds > kMeshTestMaxSeconds) {
    *error = "meshTest: \"seconds\" must be 1 to " + std::to_string(kMeshTestMaxSeconds) +
             " (0: " + std::to_string(kMeshTestDefaultSeconds) + ")";
    return false;
  }
  *to = *ip;
  *seconds = args.seconds == 0 ? kMeshTestDefaultSeconds : args.seconds;
  return true;
}

bool SpeedTestClient::start(uint32_t to, int64_t seconds, Done done, std::string *error) {
  if (isBusy()) {
    *error = "meshTest: a speed test is already running on this agent";
    return false;
  }
  m_to = to;
  m_seconds = seconds;
  m_done = std::move(done);
  m_figures = {};
  m_latenciesUs.clear();
  m_step = Step::Latency;
  connectOnce();
  return true;
}

bool SpeedTestClient::dial(int64_t deadlineMs, const char *what) {
  dropConnection();
  m_conn = std::make_unique<StackConnection>();
  m_conn->onError = [this, what](const std::string &why) {
    fail(std::string(what) + " " + formatIpv4(m_to) + ":" + std::to_string(kMeshTestPort) + ": " +
         why);
  };
  m_loop.cancelTimer(m_deadline);
  m_deadline = m_loop.startTimer(deadlineMs, [this, what, deadlineMs, alive = m_life.watch()] {
    if (alive.expired()) return;
    m_deadline = 0;
    fail(std::string(what) + " " + formatIpv4(m_to) + ": no answer within " +
         std::to_string(deadlineMs / 1000) + " s");
  });
  std::string why;
  m_stepStart = Clock::now();
  if (!m_conn->dial(m_to, kMeshTestPort, &why)) {
    // Reported from the loop, as every other outcome.
    m_loop.defer([this, what, why, alive = m_life.watch()] {
      if (!alive.expired()) fail(std::string(what) + ": " + why);
    });
    return false;
  }
  return true;
}

void SpeedTestClient::connectOnce() {
  if (!dial(kConnectTimeoutMs, "connect to")) return;
  m_conn->onConnected = [this] {
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - m_stepStart).count();
    m_latenciesUs.push_back(int64_t(us));
    m_conn->close();  // a FIN with no command: the service closes too
    m_loop.defer([this, alive = m_life.watch()] {
      if (alive.expired() || m_step != Step::Latency) return;
      if (int(m_latenciesUs.size()) < kConnects)
        connectOnce();
      else
        startUp();
    });
  };
}

void SpeedTestClient::startUp() {
  std::vector<int64_t> sorted = m_latenciesUs;
  std::sort(sorted.begin(), sorted.end());
  m_figures.connects = int64_t(sorted.size());
  m_figures.latencyMinUs = sorted.front();
  m_figures.latencyMaxUs = sorted.back();
  m_figures.latencyMedianUs = sorted[sorted.size() / 2];
  m_step = Step::Up;
  m_answer.clear();
  if (!dial(m_seconds * 1000 + kStepGraceMs, "upload to")) return;
  m_conn->onConnected = [this] {
    m_stepStart = Clock::now();
    m_conn->send("U", 1);
    m_conn->startZeros();
    m_stopTimer = m_loop.startTimer(m_seconds * 1000, [this, alive = m_life.watch()] {
      if (alive.expired() || m_step != Step::Up || !m_conn) return;
      m_stopTimer = 0;
      m_conn->shutdownWrite();  // FIN: the service answers with what it counted
    });
  };
  m_conn->onData = [this](const char *data, size_t size) {
    if (m_answer.size() + size <= 8) m_answer.append(data, size);
  };
  m_conn->onEof = [this] {
    if (m_answer.size() != 8) {
      fail("upload to " + formatIpv4(m_to) + ": the other agent closed without a count");
      return;
    }
    uint64_t count = 0;
    for (unsigned char c : m_answer) count = (count << 8) | c;
    m_figures.upBytes = int64_t(count);
    m_figures.upMs = std::max<int64_t>(
        1,
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_stepStart).count());
    m_conn->close();
    m_loop.defer([this, alive = m_life.watch()] {
      if (!alive.expired() && m_step == Step::Up) startDown();
    });
  };
}

void SpeedTestClient::startDown() {
  m_step = Step::Down;
  if (!dial(m_seconds * 1000 + kStepGraceMs, "download from")) return;
  m_conn->onConnected = [this] {
    m_stepStart = Clock::now();
    const uint32_t ms = uint32_t(m_seconds * 1000);
    const unsigned char request[5] = {'D', (unsigned char)(ms >> 24), (unsigned char)(ms >> 16),
                                      (unsigned char)(ms >> 8), (unsigned char)ms};
    m_conn->send(request, sizeof request);
  };
  m_conn->onEof = [this] {
    m_figures.downBytes = int64_t(m_conn->bytesReceived());
    m_figures.downMs = std::max<int64_t>(
        1,
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_stepStart).count());
    m_conn->close();
    m_loop.defer([this, alive = m_life.watch()] {
      if (!alive.expired() && m_step == Step::Down) succeed();
    });
  };
}

void SpeedTestClient::fail(const std::string &why) {
  if (m_step == Step::Idle) return;
  finish(why);
}

void SpeedTestClient::succeed() { finish(std::string()); }

void SpeedTestClient::finish(const std::string &error) {
  m_step = Step::Idle;
  m_loop.cancelTimer(m_deadline);
  m_loop.cancelTimer(m_stopTimer);
  m_deadline = m_stopTimer = 0;
  dropConnection();
  Done done = std::move(m_done);
  m_done = nullptr;
  const MeshTestFigures figures = m_figures;
  m_loop.defer([done, figures, error] { done(figures, error); });
}

void SpeedTestClient::dropConnection() {
  if (!m_conn) return;
  m_conn->close();  // no more lwIP callbacks
  // Possibly inside one of its callbacks (whose std::function must outlive the call):
  // deleted from the loop.
  std::shared_ptr<StackConnection> old(m_conn.release());
  m_loop.defer([old] {});
}

}  // namespace routeless::agent
