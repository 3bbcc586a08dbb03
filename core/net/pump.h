#pragma once
// Pump: relays bytes both ways between two Streams with back-pressure (a direction stops reading
// while its destination cannot take more). Plain-to-plain on Linux moves data with splice();
// otherwise one fixed buffer per direction, allocated once. It must never allocate per chunk or
// read ahead of a slow destination. The splice calls live in SplicePipe (one file per platform).
#include <QElapsedTimer>
#include <QObject>
#include <atomic>
#include <memory>

#include "ratelimiter.h"
#include "splicepipe.h"
#include "stream.h"

class QTimer;

namespace routeless::net {

class Pump final : public QObject {
  Q_OBJECT
 public:
  struct Options {
    // Side A is the user-facing socket: counters and limits apply to it.
    std::atomic<quint64> *rxA = nullptr;  // bytes read from A
    std::atomic<quint64> *txA = nullptr;  // bytes written to A
    RateLimiter *readLimitA = nullptr;
    RateLimiter *writeLimitA = nullptr;
    qint64 idleTimeoutMs = 0;  // 0 = none; with a timeout no half-close is attempted
    int bufferSize = 64 * 1024;
    QByteArray prefixToA;  // written to A before anything from B (e.g. a PROXY header)
    bool allowSplice = true;
    // End the whole session at the first end of stream (after passing it on), as NodePass does
    // on its QUIC, WebSocket and HTTP/2 pools, whose peers never half-close.
    bool closeOnFirstEof = false;
  };

  // Takes ownership of both streams (both must be ready).
  Pump(Stream *a, Stream *b, Options options, QObject *parent = nullptr);
  ~Pump() override;
  void start();
  bool usesSplice() const { return splice_; }
  Stream *a() const { return a_; }
  Stream *b() const { return b_; }

 Q_SIGNALS:
  // Emitted once; "EOF" for a clean end. The owner deletes the pump (deleteLater).
  void finished(const QString &reason);

 private:
  struct Direction {
    Stream *src = nullptr;
    Stream *dst = nullptr;
    std::unique_ptr<char[]> buffer;
    qint64 offset = 0;
    qint64 pending = 0;  // bytes in buffer or pipe not yet written
    SplicePipe pipe;     // open only when the pump splices
    bool eof = false;
    bool done = false;
    bool paused = false;
    bool intoA = false;
    bool inDrive = false;
  };
  void drive(Direction &d);
  void driveSplice(Direction &d);
  void pauseFor(Direction &d, int ms);
  void directionDone(Direction &d);
  void finish(const QString &reason);
  void onSourceReadable(Stream *s);
  void onDestinationWritable(Stream *s);

  Stream *a_;
  Stream *b_;
  Options options_;
  Direction ab_;
  Direction ba_;
  bool splice_ = false;
  bool finished_ = false;
  QElapsedTimer activity_;
  QTimer *idleTimer_ = nullptr;
};

}  // namespace routeless::net
