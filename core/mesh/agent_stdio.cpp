#include "mesh/agent_stdio.h"

#include <QMetaObject>
#include <cerrno>
#include <cstring>

#include "stdio/framecodec.h"

#ifdef Q_OS_WIN
#include <fcntl.h>
#include <io.h>
#else
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#endif

namespace routeless::mesh {
namespace {

constexpr size_t kReadSize = 1024 * 1024;
constexpr size_t kPoolSize = 4;
constexpr size_t kMaxBatch = 1024 * 1024;

long readFd(int fd, char *buffer, size_t size) {
#ifdef Q_OS_WIN
  return _read(fd, buffer, unsigned(size));
#else
  for (;;) {
    const ssize_t n = ::read(fd, buffer, size);
    if (n < 0 && errno == EINTR) continue;
    return long(n);
  }
#endif
}

}  // namespace

// ---- StdinReader ---------------------------------------------------------------------------

StdinReader::StdinReader(int fd, BatchHandler onBatch, EndHandler onEnd)
    : m_fd(fd), m_onBatch(std::move(onBatch)), m_onEnd(std::move(onEnd)) {}

StdinReader::~StdinReader() {
  if (!m_thread.joinable()) return;
  if (m_finished.load())
    m_thread.join();
  else
    m_thread.detach();  // blocked in read(); the process is exiting anyway
}

void StdinReader::start() {
  m_thread = std::thread([this] { run(); });
}

std::shared_ptr<std::vector<char>> StdinReader::takeBuffer() {
  // Reuse a buffer once every batch that pointed into it has been handled.
  for (auto &b : m_pool)
    if (b.use_count() == 1) return b;
  auto b = std::make_shared<std::vector<char>>(kReadSize);
  if (m_pool.size() < kPoolSize) m_pool.push_back(b);
  return b;
}

void StdinReader::run() {
  stdio::FrameDecoder decoder;
  QString end;
  for (;;) {
    auto buffer = takeBuffer();
    const long n = readFd(m_fd, buffer->data(), buffer->size());
    if (n < 0) {
      end = QStringLiteral("failed to call receiver.Recv: read: %1")
                .arg(QString::fromLocal8Bit(strerror(errno)));
      break;
    }
    if (n == 0) {
      end = decoder.finish()
                ? QStringLiteral("failed to call receiver.Recv: EOF")
                : QStringLiteral("failed to call receiver.Recv: %1: EOF").arg(decoder.error());
      break;
    }
    auto batch = std::make_shared<AgentInput>();
    batch->chunk = buffer;
    batch->bytes = n;
    const char *begin = buffer->data();
    const char *limit = begin + n;
    const bool ok =
        decoder.feed(QByteArrayView(begin, n), [&](const stdio::FrameDecoder::Frame &f) {
          const char *p = f.payload.data();
          if (p >= begin && p + f.payload.size() <= limit) {
            batch->frames.push_back({f.type, p, int(f.payload.size())});
          } else {
            // The frame straddled two reads and sits in the decoder's buffer: copy it.
            batch->copies.emplace_back(p, f.payload.size());
            const QByteArray &c = batch->copies.back();
            batch->frames.push_back({f.type, c.constData(), int(c.size())});
          }
        });
    if (!batch->frames.empty()) m_onBatch(std::move(batch));
    if (!ok) {
      end = QStringLiteral("failed to call receiver.Recv: %1").arg(decoder.error());
      break;
    }
  }
  m_finished.store(true);
  m_onEnd(1, end);
}

// ---- FrameWriter ---------------------------------------------------------------------------

FrameWriter::FrameWriter(int fd, QObject *parent) : QObject(parent), m_fd(fd) {}

FrameWriter::~FrameWriter() = default;

char *FrameWriter::reserve(size_t size) {
  if (m_used + size > kMaxBatch && m_used > 0) flush();
  if (m_used + size > m_capacity) {
    const size_t capacity = qMax(m_used + size, qMax<size_t>(kMaxBatch + 65544, m_capacity));
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (m_used) memcpy(bigger.get(), m_buffer.get(), m_used);
    m_buffer = std::move(bigger);
    m_capacity = capacity;
  }
  char *p = m_buffer.get() + m_used;
  m_used += size;
  scheduleFlush();
  return p;
}

char *FrameWriter::allocatePacket(int size) {
  if (m_failed) return nullptr;
  char *p = reserve(size_t(stdio::kFrameHeaderSize) + size_t(size));
  stdio::writeFrameHeader(p, quint16(stdio::FrameType::L3), quint32(size));
  return p + stdio::kFrameHeaderSize;
}

void FrameWriter::writeJson(const QByteArray &json) {
  if (m_failed) return;
  char *p = reserve(size_t(stdio::kFrameHeaderSize) + size_t(json.size()));
  stdio::writeFrameHeader(p, quint16(stdio::FrameType::Json), quint32(json.size()));
  memcpy(p + stdio::kFrameHeaderSize, json.constData(), size_t(json.size()));
  flush();
}

void FrameWriter::scheduleFlush() {
  if (m_flushScheduled) return;
  m_flushScheduled = true;
  QMetaObject::invokeMethod(this, &FrameWriter::flush, Qt::QueuedConnection);
}

void FrameWriter::flush() {
  m_flushScheduled = false;
  size_t done = 0;
  while (done < m_used && !m_failed) {
#ifdef Q_OS_WIN
    const int n = _write(m_fd, m_buffer.get() + done, unsigned(m_used - done));
#else
    const ssize_t n = ::write(m_fd, m_buffer.get() + done, m_used - done);
#endif
    if (n >= 0) {
      done += size_t(n);
      continue;
    }
#ifndef Q_OS_WIN
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      // Someone handed us a non-blocking stdout: wait instead of spinning.
      pollfd pfd{m_fd, POLLOUT, 0};
      ::poll(&pfd, 1, -1);
      continue;
    }
#endif
    m_failed = true;
    Q_EMIT writeFailed(QStringLiteral("failed to write to stdout: %1")
                           .arg(QString::fromLocal8Bit(strerror(errno))));
  }
  m_written += done;
  m_used = 0;
}

void prepareStdio() {
#ifdef Q_OS_WIN
  _setmode(0, _O_BINARY);
  _setmode(1, _O_BINARY);
#else
  signal(SIGPIPE, SIG_IGN);
#endif
#if defined(Q_OS_LINUX) && defined(F_SETPIPE_SZ)
  // The 64 KiB default pipe costs about a third of the throughput; failure is harmless
  // (not a pipe, or above /proc/sys/fs/pipe-max-size for an unprivileged user).
  for (int fd : {0, 1}) fcntl(fd, F_SETPIPE_SZ, 1024 * 1024);
#endif
}

}  // namespace routeless::mesh
