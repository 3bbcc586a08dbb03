#pragma once
// The agent's stdio link: a reader thread that decodes NoRouter frames from stdin, and a
// writer that batches outgoing frames into one write() per event-loop pass.

#include <QByteArray>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "netstack/netstack.h"

namespace routeless::mesh {

// Frames decoded from one read of stdin. The frames point into `chunk` (or into `copies`
// for the few that straddled two reads), which this batch keeps alive.
struct AgentInput {
  struct Frame {
    quint16 type;
    const char *data;
    int size;
    bool inChunk;  // false for a copy (it straddled two reads)
  };
  std::shared_ptr<const std::vector<char>> chunk;
  std::vector<QByteArray> copies;
  std::vector<Frame> frames;
  qint64 bytes = 0;
};

// Blocking reads on a file descriptor (stdin) on a thread of its own: portable (Windows pipes
// have no readiness notification) and never stalled by the stack thread. Frames go out in
// batches, one handler call per read; the end of the stream or a framing error ends it.
// It never touches lwIP or any QObject.
class StdinReader {
 public:
  using BatchHandler = std::function<void(std::shared_ptr<AgentInput>)>;
  // exitCode 1 and a message such as "failed to call receiver.Recv: EOF".
  using EndHandler = std::function<void(int exitCode, const QString &message)>;

  StdinReader(int fd, BatchHandler onBatch, EndHandler onEnd);
  ~StdinReader();

  void start();
  bool finished() const { return m_finished.load(); }

 private:
  void run();
  std::shared_ptr<std::vector<char>> takeBuffer(size_t size);

  int m_fd;
  BatchHandler m_onBatch;
  EndHandler m_onEnd;
  std::thread m_thread;
  std::atomic<bool> m_finished{false};
  std::vector<std::shared_ptr<std::vector<char>>> m_pool;
};

// Collects outgoing frames and writes them to a file descriptor (stdout) with one gathering
// write per event-loop pass, or sooner once a batch passes 1 MiB. Packets are not copied:
// each frame is an 8-byte header plus the stack's own buffers, held until written. Lives on
// the stack thread. It never writes anything but whole frames.
class FrameWriter final : public QObject, public netstack::PacketSink {
  Q_OBJECT
 public:
  explicit FrameWriter(int fd, QObject *parent = nullptr);
  ~FrameWriter() override;

  void sendPacket(netstack::OutgoingPacket packet) override;
  // Appends a JSON frame and writes the batch at once.
  void writeJson(const QByteArray &json);
  void flush();
  bool failed() const { return m_failed; }
  quint64 bytesWritten() const { return m_written; }

 Q_SIGNALS:
  void writeFailed(const QString &error);

 private:
  struct Frame {
    char header[8];
    netstack::OutgoingPacket packet;
    QByteArray json;
  };
  void scheduleFlush();
  bool writeBuffers(netstack::ConstBuffer *buffers, int count);

  int m_fd;
  std::vector<Frame> m_frames;
  size_t m_pending = 0;  // bytes in m_frames
  bool m_flushScheduled = false;
  bool m_failed = false;
  quint64 m_written = 0;
};

// Best effort: 1 MiB pipes on Linux (F_SETPIPE_SZ), binary mode on Windows, SIGPIPE ignored.
void prepareStdio();

}  // namespace routeless::mesh
