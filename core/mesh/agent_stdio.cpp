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
#include <sys/uio.h>
#include <unistd.h>
#endif

namespace routeless::mesh {
namespace {

constexpr size_t kReadSize = 256 * 1024;
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

std::shared_ptr<std::vector<char>> StdinReader::takeBuffer(size_t size) {
  // Reuse a buffer once every packet that pointed into it has been released.
  if (size <= kReadSize) {
    for (auto &b : m_pool)
      if (b.use_count() == 1) return b;
  }
  auto b = std::make_shared<std::vector<char>>(qMax(size, kReadSize));
  if (size <= kReadSize && m_pool.size() < kPoolSize) m_pool.push_back(b);
  return b;
}

namespace {

// Length of the whole frames at the start of `p` (n bytes). A frame cut by the end of the
// read is left for the next read; a bad header stops the scan there, and the decoder then
// reports it. *next is the size of the cut frame when its header is complete, else 0.
size_t wholeFrames(const char *p, size_t n, size_t *next) {
  size_t pos = 0;
  *next = 0;
  while (n - pos >= 4) {
    const auto *h = reinterpret_cast<const uchar *>(p + pos);
    const size_t len = (size_t(h[1]) << 16) | (size_t(h[2]) << 8) | h[3];
    if (h[0] != stdio::kFrameMagic || len < 4) return n;  // let the decoder fail on it
    if (n - pos < len + 4) {
      *next = len + 4;
      break;
    }
    pos += len + 4;
  }
  return pos;
}

}  // namespace

void StdinReader::run() {
  // Every frame is handed over in place: the bytes of a frame cut by the end of a read move
  // to the front of the next buffer, so the decoder never has to copy one.
  stdio::FrameDecoder decoder;
  QString end;
  std::shared_ptr<std::vector<char>> previous;
  size_t carryFrom = 0, carry = 0, nextFrame = 0;
  for (;;) {
    auto buffer = takeBuffer(qMax(carry, nextFrame) + kReadSize / 4);
    if (carry) memcpy(buffer->data(), previous->data() + carryFrom, carry);
    previous.reset();
    const long n = readFd(m_fd, buffer->data() + carry, buffer->size() - carry);
    if (n < 0) {
      end = QStringLiteral("failed to call receiver.Recv: read: %1")
                .arg(QString::fromLocal8Bit(strerror(errno)));
      break;
    }
    if (n == 0) {
      end = carry == 0 ? QStringLiteral("failed to call receiver.Recv: EOF")
                       : QStringLiteral(
                             "failed to call receiver.Recv: unexpected EOF (%1 bytes "
                             "of an incomplete frame)")
                             .arg(carry);
      break;
    }
    const size_t total = carry + size_t(n);
    const size_t whole = wholeFrames(buffer->data(), total, &nextFrame);
    auto batch = std::make_shared<AgentInput>();
    batch->chunk = buffer;
    batch->bytes = qint64(whole);
    const char *begin = buffer->data();
    const char *limit = begin + whole;
    const bool ok = decoder.feed(
        QByteArrayView(begin, qsizetype(whole)), [&](const stdio::FrameDecoder::Frame &f) {
          const char *p = f.payload.data();
          if (p >= begin && p + f.payload.size() <= limit) {
            batch->frames.push_back({f.type, p, int(f.payload.size()), true});
          } else {
            // Only reachable if the decoder buffered a frame itself: copy it.
            batch->copies.emplace_back(p, f.payload.size());
            const QByteArray &c = batch->copies.back();
            batch->frames.push_back({f.type, c.constData(), int(c.size()), false});
          }
        });
    if (!batch->frames.empty()) m_onBatch(std::move(batch));
    if (!ok) {
      end = QStringLiteral("failed to call receiver.Recv: %1").arg(decoder.error());
      break;
    }
    carryFrom = whole;
    carry = total - whole;
    previous = std::move(buffer);
  }
  m_finished.store(true);
  m_onEnd(1, end);
}

// ---- FrameWriter ---------------------------------------------------------------------------

FrameWriter::FrameWriter(int fd, QObject *parent) : QObject(parent), m_fd(fd) {
  m_frames.reserve(1024);
}

FrameWriter::~FrameWriter() = default;

void FrameWriter::sendPacket(netstack::OutgoingPacket packet) {
  if (m_failed) return;
  if (m_pending > kMaxBatch || m_frames.size() >= 4096) flush();
  Frame &f = m_frames.emplace_back();
  const int size = packet.size();
  stdio::writeFrameHeader(f.header, quint16(stdio::FrameType::L3), quint32(size));
  f.packet = std::move(packet);
  m_pending += size_t(stdio::kFrameHeaderSize + size);
  scheduleFlush();
}

void FrameWriter::writeJson(const QByteArray &json) {
  if (m_failed) return;
  Frame &f = m_frames.emplace_back();
  stdio::writeFrameHeader(f.header, quint16(stdio::FrameType::Json), quint32(json.size()));
  f.json = json;
  m_pending += size_t(stdio::kFrameHeaderSize + json.size());
  flush();
}

void FrameWriter::scheduleFlush() {
  if (m_flushScheduled) return;
  m_flushScheduled = true;
  QMetaObject::invokeMethod(this, &FrameWriter::flush, Qt::QueuedConnection);
}

void FrameWriter::flush() {
  m_flushScheduled = false;
  if (m_frames.empty() || m_failed) {
    m_frames.clear();
    m_pending = 0;
    return;
  }
#ifdef Q_OS_WIN
  // Pipes on Windows have no gathering write: one copy into a contiguous buffer.
  QByteArray out;
  out.reserve(qsizetype(m_pending));
  for (const Frame &f : m_frames) {
    out.append(f.header, stdio::kFrameHeaderSize);
    if (!f.json.isEmpty()) out.append(f.json);
    const qsizetype at = out.size();
    out.resize(at + f.packet.size());
    f.packet.copyTo(out.data() + at);
  }
  netstack::ConstBuffer whole{out.constData(), size_t(out.size())};
  writeBuffers(&whole, 1);
#else
  constexpr int kMaxBuffers = 1024;  // IOV_MAX on Linux and macOS
  netstack::ConstBuffer buffers[kMaxBuffers];
  int count = 0;
  for (const Frame &f : m_frames) {
    if (count + 2 + 8 > kMaxBuffers) {
      if (!writeBuffers(buffers, count)) break;
      count = 0;
    }
    buffers[count++] = {f.header, size_t(stdio::kFrameHeaderSize)};
    if (!f.json.isEmpty())
      buffers[count++] = {f.json.constData(), size_t(f.json.size())};
    else
      count += f.packet.buffers(buffers + count, kMaxBuffers - count);
  }
  if (count && !m_failed) writeBuffers(buffers, count);
#endif
  m_written += m_pending;
  m_frames.clear();  // releases the packets: lwIP may retransmit them again
  m_pending = 0;
}

bool FrameWriter::writeBuffers(netstack::ConstBuffer *buffers, int count) {
  while (count > 0 && !m_failed) {
#ifdef Q_OS_WIN
    const int n = _write(m_fd, buffers->data, unsigned(buffers->size));
#else
    static_assert(sizeof(netstack::ConstBuffer) == sizeof(iovec));
    const ssize_t n = ::writev(m_fd, reinterpret_cast<const iovec *>(buffers), count);
#endif
    if (n < 0) {
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
      return false;
    }
    // Skip what was written; a partial write leaves the rest of a buffer for the next call.
    size_t left = size_t(n);
    while (count > 0 && left >= buffers->size) {
      left -= buffers->size;
      ++buffers;
      --count;
    }
    if (count > 0 && left) {
      buffers->data = static_cast<const char *>(buffers->data) + left;
      buffers->size -= left;
    }
  }
  return !m_failed;
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
