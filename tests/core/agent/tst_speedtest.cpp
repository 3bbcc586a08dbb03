// Tests the speed test's wire messages (core/agent/wire/messages.cpp: "meshTest" request and
// result, byte for byte as the envelope's other messages) and its agent side
// (core/agent/speedtest/): the bounds on a request, one test at a time, and a whole test run
// in process, the stack's packets fed straight back into it (client and service on one VIP).
// No timing assertions: only that each step took at least the seconds it was asked to.

#include <QtTest>
#include <algorithm>
#include <deque>

#include "agent/loop/eventloop.h"
#include "agent/speedtest/speedtestclient.h"
#include "agent/speedtest/speedtestservice.h"
#include "agent/stack/netstack.h"
#include "agent/sys/socket.h"
#include "agent/wire/messages.h"
#include "core/agent/agenttestkit.h"
#include "core/agent/stackreflector.h"

using namespace routeless;
using namespace routeless::agent;
using routeless::agenttest::Reflector;

namespace {

template <typename T>
T decodeAs(const std::string &json) {
  std::string error;
  const auto msg = decodeMessage(json, &error);
  if (!msg || !std::holds_alternative<T>(*msg)) {
    qWarning("decode failed or another kind: %s", error.c_str());
    return T();
  }
  return std::get<T>(*msg);
}

}  // namespace

class TestSpeedTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void requestEncodesAsTheEnvelope() {
    MeshTestRequest r;
    r.id = 7;
    r.args.to = "127.0.42.102";
    r.args.seconds = 5;
    const std::string json = encodeMeshTestRequest(r);
    QCOMPARE(json, std::string(R"({"type":"request","body":{"id":7,"op":"meshTest","args":)"
                               R"({"to":"127.0.42.102","seconds":5}}})"));
    QCOMPARE(decodeAs<MeshTestRequest>(json), r);
  }

  void resultEncodesAsTheEnvelope() {
    MeshTestResult r;
    r.requestId = 9;
    r.figures = {5, 120, 150, 900, 1000000, 5003, 2000000, 5010};
    const std::string json = encodeMeshTestResult(r);
    QCOMPARE(json, std::string(R"({"type":"result","body":{"request_id":9,"op":"meshTest",)"
                               R"("data":{"connects":5,"latencyMinUs":120,"latencyMedianUs":150,)"
                               R"("latencyMaxUs":900,"upBytes":1000000,"upMs":5003,)"
                               R"("downBytes":2000000,"downMs":5010}}})"));
    QCOMPARE(decodeAs<MeshTestResult>(json), r);
  }

  void failedResultCarriesOnlyTheError() {
    MeshTestResult r;
    r.requestId = 3;
    r.error = "connect to 127.0.42.102:10054: Connection reset.";
    r.figures.connects = 2;  // not sent: a failed test has no figures
    const std::string json = encodeMeshTestResult(r);
    QCOMPARE(json, std::string(R"({"type":"result","body":{"request_id":3,"op":"meshTest",)"
                               R"("error":"connect to 127.0.42.102:10054: Connection reset.",)"
                               R"("data":{}}})"));
    const auto back = decodeAs<MeshTestResult>(json);
    QCOMPARE(back.error, r.error);
    QCOMPARE(back.figures, MeshTestFigures());
  }

  void configureResultsStayConfigureResults() {
    // A result without op "meshTest" is still a configure result (NoRouter's agents).
    const auto r = decodeAs<ConfigureResult>(
        R"({"type":"result","body":{"request_id":1,"op":"configure","data":{"version":"0.6.5"}}})");
    QCOMPARE(r.version, std::string("0.6.5"));
  }

  void malformedIsRefusedWithAReason() {
    std::string error;
    QVERIFY(!decodeMessage(R"({"type":"request","body":{"id":1,"op":"meshTest","args":{"to":5}}})",
                           &error));
    QCOMPARE(error, std::string("meshTest request: to: expected a string"));
    QVERIFY(!decodeMessage(
        R"({"type":"request","body":{"id":1,"op":"meshTest","args":{"seconds":1.5}}})", &error));
    QCOMPARE(error, std::string("meshTest request: seconds: expected an integer"));
    QVERIFY(!decodeMessage(
        R"({"type":"result","body":{"request_id":1,"op":"meshTest","data":{"upBytes":"x"}}})",
        &error));
    QCOMPARE(error, std::string("meshTest result: upBytes: expected an integer"));
  }

  void advertisedAfterNoRoutersFeatures() {
    // NoRouter's list ends with "dns"; our extensions follow it, reconfigure first.
    const auto features = agentFeatures();
    const auto at = [&](const std::string &f) {
      return std::find(features.begin(), features.end(), f) - features.begin();
    };
    QVERIFY(at("dns") < at(kReconfigureFeature));
    QVERIFY(at(kReconfigureFeature) < at(kMeshTestFeature));
    QVERIFY(at(kMeshTestFeature) < std::ptrdiff_t(features.size()));
  }

  void argsAreBounded_data() {
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<qint64>("expectSeconds");  // -1: refused
    QTest::newRow("default seconds")
        << QStringLiteral("127.0.42.2") << qint64(0) << qint64(kMeshTestDefaultSeconds);
    QTest::newRow("one") << QStringLiteral("127.0.42.2") << qint64(1) << qint64(1);
    QTest::newRow("cap") << QStringLiteral("127.0.42.2") << qint64(kMeshTestMaxSeconds)
                         << qint64(kMeshTestMaxSeconds);
    QTest::newRow("over cap") << QStringLiteral("127.0.42.2") << qint64(kMeshTestMaxSeconds + 1)
                              << qint64(-1);
    QTest::newRow("negative") << QStringLiteral("127.0.42.2") << qint64(-1) << qint64(-1);
    QTest::newRow("name") << QStringLiteral("hostb") << qint64(1) << qint64(-1);
    QTest::newRow("self") << QStringLiteral("127.0.42.1") << qint64(1) << qint64(-1);
  }
  void argsAreBounded() {
    QFETCH(QString, to);
    QFETCH(qint64, seconds);
    QFETCH(qint64, expectSeconds);
    MeshTestArgs args;
    args.to = to.toStdString();
    args.seconds = seconds;
    uint32_t ip = 0;
    int64_t got = 0;
    std::string error;
    const bool ok = SpeedTestClient::checkArgs(args, *parseIpv4("127.0.42.1"), &ip, &got, &error);
    QCOMPARE(ok, expectSeconds >= 0);
    if (ok) {
      QCOMPARE(qint64(got), expectSeconds);
      QCOMPARE(ip, *parseIpv4(args.to));
    } else {
      QVERIFY(error.rfind("meshTest: ", 0) == 0);
    }
  }

  void wholeTestInProcessAndOneAtATime() {
    EventLoop loop;
    QVERIFY(loop.isValid());
    Reflector reflector(loop);
    NetStack stack(&reflector);
    reflector.stack = &stack;
    std::string error;
    const uint32_t vip = *parseIpv4("127.0.42.1");
    QVERIFY2(stack.start(vip, &error), error.c_str());
    loop.addPrepareHook([&stack] { return stack.checkTimeouts(); });
    SpeedTestService service(loop);
    QVERIFY2(service.listen(vip, &error), error.c_str());
    // A second service cannot take the port (a forward that uses it keeps it).
    {
      SpeedTestService other(loop);
      QVERIFY(!other.listen(vip, &error));
      QVERIFY(error.find("10054") != std::string::npos);
    }

    SpeedTestClient client(loop);
    MeshTestFigures figures;
    std::string outcome = "not run";
    QVERIFY(client.start(
        vip, 1,
        [&](const MeshTestFigures &f, const std::string &e) {
          figures = f;
          outcome = e;
          loop.quit(0);
        },
        &error));
    QVERIFY(client.isBusy());
    QVERIFY(!client.start(
        vip, 1, [](const MeshTestFigures &, const std::string &) {}, &error));
    QCOMPARE(error, std::string("meshTest: a speed test is already running on this agent"));
    loop.startTimer(120000, [&loop] { loop.quit(1); });  // a hang fails, not blocks
    QCOMPARE(loop.run(), 0);
    QCOMPARE(outcome, std::string());
    QVERIFY(!client.isBusy());
    QCOMPARE(figures.connects, 5);
    QVERIFY(figures.latencyMinUs > 0 && figures.latencyMinUs <= figures.latencyMedianUs &&
            figures.latencyMedianUs <= figures.latencyMaxUs);
    QVERIFY(figures.upBytes > 0);
    QVERIFY(figures.downBytes > 0);
    // Each way lasted the second asked for (less a tick: the loop's timers count whole ms).
    QVERIFY2(
        figures.upMs >= 990 && figures.downMs >= 990,
        qPrintable(QStringLiteral("up %1 ms, down %2 ms").arg(figures.upMs).arg(figures.downMs)));
    qInfo(
        "in process: latency %lld us median, up %lld bytes in %lld ms, down %lld bytes in %lld ms",
        (long long)figures.latencyMedianUs, (long long)figures.upBytes, (long long)figures.upMs,
        (long long)figures.downBytes, (long long)figures.downMs);
    // Every session ended: the service keeps none (they go on a later pass of the loop).
    loop.startTimer(200, [&loop] { loop.quit(0); });
    QCOMPARE(loop.run(), 0);
    QCOMPARE(service.sessions(), size_t(0));
  }

  void refusedConnectFailsTheTest() {
    EventLoop loop;
    Reflector reflector(loop);
    NetStack stack(&reflector);
    reflector.stack = &stack;
    std::string error;
    const uint32_t vip = *parseIpv4("127.0.42.1");
    QVERIFY(stack.start(vip, &error));
    loop.addPrepareHook([&stack] { return stack.checkTimeouts(); });
    // No service: lwIP answers the SYN with a reset.
    SpeedTestClient client(loop);
    std::string outcome;
    QVERIFY(client.start(
        vip, 1,
        [&](const MeshTestFigures &, const std::string &e) {
          outcome = e;
          loop.quit(0);
        },
        &error));
    loop.startTimer(60000, [&loop] { loop.quit(1); });
    QCOMPARE(loop.run(), 0);
    QVERIFY2(outcome.rfind("connect to 127.0.42.1:10054: ", 0) == 0, outcome.c_str());
    QVERIFY(!client.isBusy());
  }
};

QTEST_GUILESS_MAIN(TestSpeedTest)
#include "tst_speedtest.moc"
