#pragma once
// ByteExchange and StreamExchange: a protocol step machine written without I/O (the tunnel
// handshake, a pool connection's greeting) and the driver that runs one over a net::Stream.
// Keeping the machines I/O-free lets them run over any byte stream a pool slot is, and be fuzzed.
#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

namespace routeless::net {
class Stream;
}

namespace routeless::nodepass {

// One exchange of bytes with a peer, driven from outside. It must never block, and never take
// more input than readLimit() allows (bytes after its last one belong to whoever uses the
// stream next).
class ByteExchange {
 public:
  enum class State { Running, Done, Failed };
  virtual ~ByteExchange() = default;
  // Bytes to send now; the driver sends them before it reads again.
  virtual QByteArray takeOutput() = 0;
  // How many bytes may be fed now (exact reads where later data must stay on the stream).
  virtual qsizetype readLimit() const = 0;
  // New input; `peerClosed` at end of stream. After it the state is Done or Failed.
  virtual void feed(const QByteArray &bytes, bool peerClosed) = 0;
  virtual State state() const = 0;
  virtual QString error() const = 0;
};

// Runs a ByteExchange over an open stream (plain, or TLS after ready()) within a deadline and
// reports once, then deletes itself (or goes with the stream if the report's receiver deletes
// that). It must never delete or close the stream: its owner decides what the stream becomes.
class StreamExchange final : public QObject {
  Q_OBJECT
 public:
  // A child of `stream`; takes ownership of `exchange`.
  StreamExchange(net::Stream *stream, std::unique_ptr<ByteExchange> exchange, int timeoutMs);
  ~StreamExchange() override;
  void start();
  ByteExchange *exchange() const { return exchange_.get(); }

 Q_SIGNALS:
  // ok = the exchange is Done and everything it wanted sent was written.
  void finished(bool ok, const QString &error);

 private:
  void step();
  bool flush(QString *error);
  void finish(bool ok, const QString &error);

  net::Stream *stream_;
  std::unique_ptr<ByteExchange> exchange_;
  QByteArray out_;
  QTimer deadline_;
  bool done_ = false;
  bool stepping_ = false;
};

}  // namespace routeless::nodepass
