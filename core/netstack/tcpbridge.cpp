#include "netstack/tcpbridge.h"

#include <QHostAddress>
#include <QTimer>
#include <QtDebug>
#include <memory>

#include "netstack/netstack.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
}

namespace routeless::netstack {
namespace {

// Host bytes are read only when lwIP can take at least this much: reading a few bytes into a
// nearly full send buffer would only make small segments.
constexpr u32_t kMinRoom = LWIP_MIN(TCP_MSS, TCP_SND_BUF / 4);
constexpr qint64 kScratchSize = 256 * 1024;

char *scratch() {
  // One read buffer per thread: bridges copy host bytes straight into lwIP segments.
  thread_local std::unique_ptr<char[]> buffer(new char[kScratchSize]);
  return buffer.get();
}

}  // namespace

// C trampolines for lwIP's callback API; `arg` is the bridge (null once detached).
struct TcpBridgeCallbacks {
  static err_t recv(void *arg, struct tcp_pcb *, struct pbuf *p, err_t) {
    if (!arg) {
      if (p) pbuf_free(p);
      return ERR_OK;
    }
    return static_cast<TcpBridge *>(arg)->onRecv(p);
  }
  static err_t sent(void *arg, struct tcp_pcb *, u16_t) {
    return arg ? static_cast<TcpBridge *>(arg)->onSent() : err_t(ERR_OK);
  }
  static err_t connected(void *arg, struct tcp_pcb *, err_t) {
    return arg ? static_cast<TcpBridge *>(arg)->onConnected() : err_t(ERR_OK);
  }
  static err_t poll(void *arg, struct tcp_pcb *) {
    return arg ? static_cast<TcpBridge *>(arg)->onPoll() : err_t(ERR_OK);
  }
  static void error(void *arg, err_t err) {
    if (arg) static_cast<TcpBridge *>(arg)->onError(err);
  }
};

TcpBridge::TcpBridge(QObject *parent) : QObject(parent) {
  connect(&m_host, &HostSocket::readable, this, [this] {
    if (pumpToStack()) maybeFinish();
  });
  connect(&m_host, &HostSocket::writable, this, [this] {
    if (flushToHost()) maybeFinish();
  });
  connect(&m_host, &HostSocket::connected, this, &TcpBridge::onHostConnected);
  connect(&m_host, &HostSocket::connectFailed, this, &TcpBridge::onHostConnectFailed);
}

TcpBridge::~TcpBridge() {
  if (m_pcb) {
    detach();
    tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  freeQueue();
}

TcpBridge *TcpBridge::fromStack(struct tcp_pcb *pcb, const QString &host, quint16 port,
                                QObject *parent) {
  auto *b = new TcpBridge(parent);
  b->m_stackConnected = true;
  b->attach(pcb);
  b->m_target = QStringLiteral("%1:%2").arg(host).arg(port);
  b->m_host.connectToHost(host, port);
  return b;
}

TcpBridge *TcpBridge::intoStack(qintptr fd, quint32 ip, quint16 port, QObject *parent) {
  auto *b = new TcpBridge(parent);
  b->m_target = QStringLiteral("%1:%2").arg(QHostAddress(ip).toString()).arg(port);
  if (!b->m_host.adopt(fd)) {
    qWarning("bridge to %s: %s", qPrintable(b->m_target), qPrintable(b->m_host.errorString()));
    delete b;
    return nullptr;
  }
  b->m_hostConnected = true;  // host reads start once the stack side is connected
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    qWarning("bridge to %s: lwIP is out of memory", qPrintable(b->m_target));
    b->m_host.close();
    b->deleteLater();
    return b;
  }
  b->attach(pcb);
  ip_addr_t dst;
  ip_addr_set_ip4_u32_val(dst, lwip_htonl(ip));
  const err_t err = tcp_connect(pcb, &dst, port, TcpBridgeCallbacks::connected);
  if (err != ERR_OK) {
    qWarning("failed to dial %s in the network stack: %s", qPrintable(b->m_target), errorText(err));
    b->detach();
    tcp_abort(pcb);
    b->m_pcb = nullptr;
    b->m_host.close();
    b->m_finished = true;
    b->deleteLater();
  }
  return b;
}

QString TcpBridge::description() const {
  return QStringLiteral("%1 (host %2)").arg(m_target, m_host.peerName());
}

void TcpBridge::attach(struct tcp_pcb *pcb) {
  m_pcb = pcb;
  tcp_arg(pcb, this);
  tcp_recv(pcb, TcpBridgeCallbacks::recv);
  tcp_sent(pcb, TcpBridgeCallbacks::sent);
  tcp_err(pcb, TcpBridgeCallbacks::error);
  tcp_poll(pcb, TcpBridgeCallbacks::poll, 4);
  // Writes are whole host reads; each pass ends with tcp_output, so Nagle only adds delay.
  tcp_nagle_disable(pcb);
}

void TcpBridge::detach() {
  if (!m_pcb) return;
  tcp_arg(m_pcb, nullptr);
  tcp_recv(m_pcb, nullptr);
  tcp_sent(m_pcb, nullptr);
  tcp_err(m_pcb, nullptr);
  tcp_poll(m_pcb, nullptr, 0);
}

// ---- lwIP callbacks ---------------------------------------------------------------------

signed char TcpBridge::onRecv(struct pbuf *p) {
  m_inCallback = true;
  m_abortedInCallback = false;
  if (!p) {
    m_stackEof = true;
  } else {
    m_toHost.push_back(p);
  }
  flushToHost();
  m_inCallback = false;
  if (m_abortedInCallback) return ERR_ABRT;
  QMetaObject::invokeMethod(this, &TcpBridge::maybeFinish, Qt::QueuedConnection);
  return ERR_OK;
}

signed char TcpBridge::onSent() {
  m_inCallback = true;
  m_abortedInCallback = false;
  if (!m_pending.isEmpty() || (m_readPaused && tcp_sndbuf(m_pcb) >= kMinRoom)) pumpToStack();
  m_inCallback = false;
  if (m_abortedInCallback) return ERR_ABRT;
  return ERR_OK;
}

signed char TcpBridge::onPoll() {
  // A safety net: retries data that tcp_write refused for lack of memory.
  if (!m_pending.isEmpty()) return onSent();
  return ERR_OK;
}

signed char TcpBridge::onConnected() {
  m_stackConnected = true;
  m_host.setReadNotifications(true);
  return ERR_OK;
}

void TcpBridge::onError(signed char err) {
  // lwIP has freed the pcb already.
  m_pcb = nullptr;
  if (m_finished) return;
  if (err == ERR_CLSD) {
    // Closed normally after both FINs; whatever is queued still goes to the host.
    m_stackTxShut = true;
    QMetaObject::invokeMethod(this, &TcpBridge::maybeFinish, Qt::QueuedConnection);
    return;
  }
  if (!m_stackConnected) {
    qWarning("failed to dial %s in the network stack: %s", qPrintable(m_target), errorText(err));
    m_finished = true;
    m_host.close();
    freeQueue();
    deleteLater();
    return;
  }
  fail(QStringLiteral("stack side: %1").arg(QLatin1String(errorText(err))), true);
}

// ---- host side ----------------------------------------------------------------------------

void TcpBridge::onHostConnected() {
  m_hostConnected = true;
  qDebug("bridge %s: host side connected", qPrintable(description()));
  m_host.setReadNotifications(true);
  if (flushToHost()) maybeFinish();
}

void TcpBridge::onHostConnectFailed(const QString &error) {
  // NoRouter behaviour: the stack connection was accepted; it is closed now.
  qWarning("%s", qPrintable(error));
  m_finished = true;
  freeQueue();
  if (m_pcb) {
    detach();
    if (tcp_close(m_pcb) != ERR_OK) tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  deleteLater();
}

bool TcpBridge::writePendingToStack() {
  if (m_pending.isEmpty()) return true;
  qsizetype done = 0;
  while (done < m_pending.size()) {
    const u32_t room = tcp_sndbuf(m_pcb);
    const u16_t n = u16_t(qMin<qint64>(qMin<qint64>(m_pending.size() - done, TCP_MSS), room));
    if (n == 0) break;
    const err_t err = tcp_write(m_pcb, m_pending.constData() + done, n, TCP_WRITE_FLAG_COPY);
    if (err == ERR_MEM) break;
    if (err != ERR_OK) {
      fail(QStringLiteral("tcp_write: %1").arg(QLatin1String(errorText(err))), true);
      return false;
    }
    done += n;
  }
  m_bytesToStack += quint64(done);
  m_pending.remove(0, done);
  if (!m_inCallback && done > 0) tcp_output(m_pcb);
  return true;
}

bool TcpBridge::pumpToStack() {
  if (!m_pcb || !m_stackConnected || !m_hostConnected || m_hostEof) return true;
  if (!writePendingToStack()) return false;
  if (!m_pending.isEmpty()) {
    m_readPaused = true;
    m_host.setReadNotifications(false);
    return true;
  }
  char *buf = scratch();
  bool wrote = false;
  for (;;) {
    const u32_t room = tcp_sndbuf(m_pcb);
    if (room < kMinRoom || tcp_sndqueuelen(m_pcb) >= TCP_SND_QUEUELEN / 2) {
      // Resumed from the sent callback as the peer acknowledges.
      m_readPaused = true;
      m_host.setReadNotifications(false);
      break;
    }
    if (m_readPaused) {
      m_readPaused = false;
      m_host.setReadNotifications(true);
    }
    const qint64 want = qMin<qint64>(room, kScratchSize);
    const qint64 n = m_host.read(buf, want);
    if (n == HostSocket::WouldBlock) break;
    if (n == HostSocket::Error) {
      fail(m_host.errorString(), true);
      return false;
    }
    if (n == 0) {
      m_hostEof = true;
      m_host.setReadNotifications(false);
      shutdownStackTx();
      break;
    }
    qint64 done = 0;
    while (done < n) {
      const u16_t chunk = u16_t(qMin<qint64>(n - done, TCP_MSS));
      const err_t err =
          tcp_write(m_pcb, buf + done, chunk,
                    TCP_WRITE_FLAG_COPY | (done + chunk < n ? TCP_WRITE_FLAG_MORE : 0));
      if (err == ERR_MEM) break;
      if (err != ERR_OK) {
        fail(QStringLiteral("tcp_write: %1").arg(QLatin1String(errorText(err))), true);
        return false;
      }
      done += chunk;
    }
    m_bytesToStack += quint64(done);
    wrote = true;
    if (done < n) {
      // lwIP ran out of memory: keep the rest and stop reading until it drains.
      m_pending = QByteArray(buf + done, n - done);
      m_readPaused = true;
      m_host.setReadNotifications(false);
      break;
    }
    if (n < want) break;  // the socket is drained for now
  }
  if (wrote && m_pcb && !m_inCallback) tcp_output(m_pcb);
  return true;
}

void TcpBridge::shutdownStackTx() {
  if (!m_hostEof || !m_pending.isEmpty() || m_stackTxShut || !m_pcb) return;
  const err_t err = tcp_shutdown(m_pcb, 0, 1);
  if (err == ERR_OK) {
    m_stackTxShut = true;
  } else {
    qDebug("bridge %s: tcp_shutdown: %s", qPrintable(description()), errorText(err));
  }
}

bool TcpBridge::flushToHost() {
  if (!m_hostConnected) return true;
  while (!m_toHost.empty()) {
    ConstBuffer bufs[64];
    int count = 0;
    quint64 total = 0;
    quint32 skip = m_toHostOffset;
    for (struct pbuf *chain : m_toHost) {
      for (struct pbuf *q = chain; q && count < 64; q = q->next) {
        if (skip >= q->len) {
          skip -= q->len;
          continue;
        }
        bufs[count++] = {static_cast<const char *>(q->payload) + skip, size_t(q->len - skip)};
        total += q->len - skip;
        skip = 0;
      }
      if (count == 64) break;
    }
    const qint64 written = m_host.write(bufs, count);
    if (written == HostSocket::Error) {
      fail(m_host.errorString(), true);
      return false;
    }
    quint64 left = quint64(written);
    while (left > 0) {
      struct pbuf *front = m_toHost.front();
      const quint64 rest = front->tot_len - m_toHostOffset;
      if (left >= rest) {
        left -= rest;
        m_toHost.pop_front();
        m_toHostOffset = 0;
        pbuf_free(front);
      } else {
        m_toHostOffset += quint32(left);
        left = 0;
      }
    }
    m_bytesToHost += quint64(written);
    ackToStack(quint64(written));
    if (quint64(written) < total) {
      m_host.setWriteNotifications(true);
      return true;
    }
  }
  m_host.setWriteNotifications(false);
  if (m_stackEof && !m_hostWriteShut) {
    m_host.shutdownWrite();
    m_hostWriteShut = true;
  }
  return true;
}

void TcpBridge::ackToStack(quint64 bytes) {
  if (!m_pcb) return;
  while (bytes > 0) {
    const u16_t n = u16_t(qMin<quint64>(bytes, 0xFFFF));
    tcp_recved(m_pcb, n);
    bytes -= n;
  }
}

void TcpBridge::maybeFinish() {
  if (m_finished) return;
  const bool toHostDone = m_stackEof && m_toHost.empty() && m_hostWriteShut;
  const bool toStackDone = m_hostEof && m_pending.isEmpty() && (m_stackTxShut || !m_pcb);
  if (toHostDone && toStackDone) finish();
}

void TcpBridge::finish() {
  m_finished = true;
  if (m_pcb) {
    detach();
    if (tcp_close(m_pcb) != ERR_OK) tcp_abort(m_pcb);
    m_pcb = nullptr;
  }
  m_host.close();
  freeQueue();
  qDebug("bridge %s: closed, %llu bytes to host, %llu to stack", qPrintable(m_target),
         m_bytesToHost, m_bytesToStack);
  deleteLater();
}

void TcpBridge::fail(const QString &why, bool resetHost) {
  if (m_finished) return;
  m_finished = true;
  qDebug("bridge %s: %s", qPrintable(m_target), qPrintable(why));
  if (m_pcb) {
    detach();
    tcp_abort(m_pcb);
    m_pcb = nullptr;
    if (m_inCallback) m_abortedInCallback = true;
  }
  if (resetHost)
    m_host.abort();
  else
    m_host.close();
  freeQueue();
  deleteLater();
}

void TcpBridge::freeQueue() {
  for (struct pbuf *p : m_toHost) pbuf_free(p);
  m_toHost.clear();
  m_toHostOffset = 0;
}

}  // namespace routeless::netstack
