// Tests core/agent/loop: the agent's own event loop (timers in due order, deferred tasks after
// the current callback, tasks posted from other threads, readiness of a socket pair, a watch
// removed from inside its own callback) and a poster that outlives its loop.
#include <sys/socket.h>
#include <unistd.h>

#include <QtTest>
#include <atomic>
#include <thread>

#include "agent/loop/eventloop.h"

using namespace routeless::agent;

class TestEventLoop : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void timersFireInDueOrder() {
    EventLoop loop;
    QVERIFY2(loop.isValid(), loop.error().c_str());
    std::vector<int> order;
    loop.startTimer(30, [&] { order.push_back(3); });
    loop.startTimer(0, [&] { order.push_back(1); });
    const uint64_t cancelled = loop.startTimer(10, [&] { order.push_back(99); });
    loop.startTimer(20, [&] { order.push_back(2); });
    loop.startTimer(40, [&] { loop.quit(7); });
    loop.cancelTimer(cancelled);
    loop.cancelTimer(12345);  // unknown: harmless
    QCOMPARE(loop.run(), 7);
    QVERIFY((order == std::vector<int>{1, 2, 3}));
  }

  void deferredTasksRunAfterTheCurrentCallback() {
    EventLoop loop;
    std::vector<std::string> steps;
    loop.startTimer(0, [&] {
      loop.defer([&] {
        steps.push_back("deferred");
        loop.defer([&] {
          steps.push_back("deferred again");
          loop.quit(0);
        });
      });
      steps.push_back("timer");
    });
    loop.run();
    QVERIFY((steps == std::vector<std::string>{"timer", "deferred", "deferred again"}));
  }

  void postFromAnotherThread() {
    EventLoop loop;
    std::atomic<int> ran{0};
    std::thread worker([poster = loop.poster(), &ran, &loop] {
      for (int i = 0; i < 1000; ++i) poster.post([&ran] { ++ran; });
      poster.post([&loop] { loop.quit(0); });
    });
    loop.run();
    worker.join();
    QCOMPARE(ran.load(), 1000);
  }

  void posterOutlivesItsLoop() {
    LoopPoster poster;
    {
      EventLoop loop;
      poster = loop.poster();
      QVERIFY(poster.post([] {}));
    }
    bool ran = false;
    QVERIFY(!poster.post([&] { ran = true; }));
    QVERIFY(!ran);
    QVERIFY(!LoopPoster().post([] {}));
  }

  void socketReadinessAndUnwatchInsideCallback() {
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    EventLoop loop;
    int reads = 0;
    uint64_t id = 0;
    std::string error;
    id = loop.watch(
        fds[0], kReadable,
        [&](unsigned events) {
          QVERIFY(events & kReadable);
          char c;
          QCOMPARE(::read(fds[0], &c, 1), ssize_t(1));
          ++reads;
          loop.unwatch(id);  // no later event may arrive, even with data left
          loop.startTimer(50, [&] { loop.quit(0); });
        },
        &error);
    QVERIFY2(id != 0, error.c_str());
    QCOMPARE(::write(fds[1], "ab", 2), ssize_t(2));
    loop.run();
    QCOMPARE(reads, 1);
    ::close(fds[0]);
    ::close(fds[1]);
  }

  void writabilityFollowsInterest() {
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    EventLoop loop;
    int writable = 0;
    const uint64_t id = loop.watch(fds[0], 0, [&](unsigned events) {
      if (events & kWritable) ++writable;
      loop.setInterest(0, kReadable);  // an unknown watch: harmless
    });
    QVERIFY(id != 0);
    loop.startTimer(20, [&] {
      QCOMPARE(writable, 0);  // no interest, no event
      loop.setInterest(id, kWritable);
      loop.startTimer(20, [&] { loop.quit(0); });
    });
    loop.run();
    QVERIFY(writable > 0);
    loop.unwatch(id);
    ::close(fds[0]);
    ::close(fds[1]);
  }

  void prepareHooksLimitTheWait() {
    EventLoop loop;
    int passes = 0;
    loop.addPrepareHook([&] {
      if (++passes == 5) loop.quit(0);
      return 1;  // wake at least every millisecond
    });
    loop.run();
    QCOMPARE(passes, 5);
  }

  void hangupIsReportedWithoutInterest() {
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    EventLoop loop;
    unsigned seen = 0;
    const uint64_t id = loop.watch(fds[0], 0, [&](unsigned events) {
      seen |= events;
      loop.quit(0);
    });
    ::close(fds[1]);
    loop.run();
    QVERIFY(seen & kHangup);
    loop.unwatch(id);
    ::close(fds[0]);
  }
};

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
