#pragma once
// One NodePass tunnel run as a child process `routeless-node <URL>`: starts and stops it
// (SIGTERM, SIGKILL after a grace period), reads its merged output line by line and turns
// CHECK_POINT lines into counters. It never interprets the URL and never restarts by itself.

#include <QObject>
#include <QProcess>
#include <QTimer>
#include <optional>

namespace routeless::control {

struct TunnelCounters {
  int mode = 0;
  qint64 ping = 0;
  qint64 pool = 0;
  qint64 tcps = 0;
  qint64 udps = 0;
  quint64 tcprx = 0;
  quint64 tcptx = 0;
  quint64 udprx = 0;
  quint64 udptx = 0;
};

// Parses "...CHECK_POINT|MODE=1|PING=0ms|POOL=3|TCPS=0|UDPS=0|TCPRX=1|TCPTX=2|UDPRX=0|UDPTX=0".
std::optional<TunnelCounters> parseCheckPoint(QByteArrayView line);
// Removes ANSI colour sequences (NodePass colours its level names).
QString stripAnsi(const QString &line);

class TunnelProcess : public QObject {
  Q_OBJECT
 public:
  TunnelProcess(const QString &program, const QString &url, QObject *parent = nullptr);
  ~TunnelProcess() override;

  // The executable that runs tunnel URLs: $ROUTELESS_NODEPASS_PROGRAM, else nodeProgram().
  static QString defaultProgram();
  // routeless-node itself: this program, or the one next to it when embedded in another
  // executable. Mesh agents always run this one ($ROUTELESS_NODEPASS_PROGRAM may be NodePass).
  static QString nodeProgram();

  void start();
  void stop();  // SIGTERM, SIGKILL after kStopGraceMs
  bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
  qint64 pid() const { return m_process.processId(); }
  const QString &url() const { return m_url; }
  void setUrl(const QString &url) { m_url = url; }

  static constexpr int kStopGraceMs = 5000;

 Q_SIGNALS:
  void started();
  void checkPoint(const routeless::control::TunnelCounters &counters);
  void logLine(const QString &line);    // every other line, as printed (colours kept)
  void errorLine(const QString &line);  // lines with "Server error:" / "Client error:"
  // requested: the exit followed stop(); otherwise the tunnel died by itself.
  void finished(int exitCode, bool crashed, bool requested, const QString &lastLines);

 private:
  void onOutput();
  void handleLine(const QByteArray &line);

  QString m_program;
  QString m_url;
  QProcess m_process;
  QTimer m_killTimer;
  QByteArray m_partial;
  QStringList m_tail;  // last lines, for error reports
  bool m_stopping = false;
};

}  // namespace routeless::control
