// StopRequests on POSIX: a signal sent to this process arrives as requested() with its name, on
// this thread; a second instance is refused; the previous handlers come back afterwards; a
// write to a closed pipe is an error, not a fatal SIGPIPE.
#include <signal.h>
#include <unistd.h>

#include <QSignalSpy>
#include <QtTest>
#include <cerrno>

#include "platform/stoprequests.h"

using routeless::platform::StopRequests;

namespace {
void previousHandler(int) {}
}  // namespace

class TestStopRequests : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void signalsArriveByName_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
    QTest::newRow("SIGHUP") << int(SIGHUP) << QStringLiteral("SIGHUP");
  }
  void signalsArriveByName() {
    QFETCH(int, signalNumber);
    QFETCH(QString, name);
    StopRequests stop;
    QVERIFY2(stop.isListening(), qPrintable(stop.error()));
    QSignalSpy requested(&stop, &StopRequests::requested);
    QCOMPARE(::raise(signalNumber), 0);  // the process is still here: the handler took it
    QVERIFY(requested.wait(5000));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toString(), name);
  }

  void oneInstanceAtATime() {
    StopRequests first;
    QVERIFY(first.isListening());
    StopRequests second;
    QVERIFY(!second.isListening());
    QVERIFY(second.error().contains(QLatin1String("already")));
    QSignalSpy requested(&first, &StopRequests::requested);
    QCOMPARE(::raise(SIGTERM), 0);
    QVERIFY(requested.wait(5000));  // the second one did not take the handler away
  }

  void previousHandlersComeBack() {
    struct sigaction mine = {};
    mine.sa_handler = previousHandler;
    sigemptyset(&mine.sa_mask);
    struct sigaction saved = {};
    QCOMPARE(::sigaction(SIGTERM, &mine, &saved), 0);
    {
      StopRequests stop;
      struct sigaction during = {};
      ::sigaction(SIGTERM, nullptr, &during);
      QVERIFY(during.sa_handler != previousHandler);
    }
    struct sigaction after = {};
    ::sigaction(SIGTERM, nullptr, &after);
    QVERIFY(after.sa_handler == previousHandler);
    ::sigaction(SIGTERM, &saved, nullptr);
  }

  void brokenPipeIsAnError() {
    StopRequests stop;
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    ::close(fds[0]);
    errno = 0;
    QCOMPARE(::write(fds[1], "x", 1), ssize_t(-1));  // without SIGPIPE ignored, a fatal signal
    QCOMPARE(errno, EPIPE);
    ::close(fds[1]);
  }
};

QTEST_GUILESS_MAIN(TestStopRequests)
#include "tst_stoprequests.moc"
