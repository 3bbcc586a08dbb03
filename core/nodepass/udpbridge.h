#pragma once
// UdpBridge: one UDP session carried over one pool connection, NodePass-style: each datagram is
// one write on the stream and every stream read (16 KiB buffer) is sent as one datagram; or, when
// both ends are Routeless, framed (2-byte length) so boundaries survive. It must never queue more
// than one datagram (raw) or kMaxQueued bytes (framed) towards a slow stream: UDP drops instead.
#include <QElapsedTimer>
#include <QObject>
#include <atomic>
#include <memory>

#include "datagramframing.h"
#include "net/ratelimiter.h"
#include "net/stream.h"

class QSocketNotifier;
class QTimer;

namespace routeless::nodepass {

class UdpBridge final : public QObject {
  Q_OBJECT
 public:
  struct Options {
    std::atomic<quint64> *rx = nullptr;  // datagram bytes received from the user/target side
    std::atomic<quint64> *tx = nullptr;  // datagram bytes sent to it
    net::RateLimiter *readLimit = nullptr;
    net::RateLimiter *writeLimit = nullptr;
    int idleTimeoutMs = 30000;
    bool framed = false;  // length-prefixed datagrams (negotiated between Routeless ends)
  };
  static constexpr int kBufferSize = 16 * 1024;
  static constexpr int kMaxQueued = 512 * 1024;

  // Takes ownership of `pool`. With `ownsFd` the bridge reads datagrams from the connected
  // `udpFd` itself and closes it; otherwise the owner feeds datagrams through fromUser() and
  // replies go to `peer` via sendto().
  UdpBridge(net::Stream *pool, int udpFd, bool ownsFd, net::SocketAddress peer, Options options,
            QObject *parent = nullptr);
  ~UdpBridge() override;
  void start();
  void fromUser(const char *data, qint64 len);

 Q_SIGNALS:
  void finished(const QString &reason);

 private:
  void readPool();
  void readUdp();
  void flushPending();
  void finish(const QString &reason);
  void toUser(const char *data, qint64 len);

  net::Stream *pool_;
  DatagramDeframer deframer_;
  int fd_;
  bool ownsFd_;
  net::SocketAddress peer_;
  QByteArray peerSockaddr_;
  Options options_;
  std::unique_ptr<char[]> buffer_;
  QByteArray pending_;
  QSocketNotifier *notifier_ = nullptr;
  QTimer *idleTimer_ = nullptr;
  QElapsedTimer activity_;
  bool finished_ = false;
};

}  // namespace routeless::nodepass
