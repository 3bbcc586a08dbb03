#pragma once
// TargetDialer: opens connections to a tunnel's targets with round-robin start and failover,
// the DNS cache, an optional source IP (falling back to automatic after the first failure) and
// a dial timeout. It must never block, nor keep a source IP that fails where automatic works.
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <functional>

#include "logger.h"
#include "net/dnscache.h"
#include "net/socketstream.h"
#include "tunnelurl.h"

namespace routeless::nodepass {

class TargetDialer final : public QObject {
  Q_OBJECT
 public:
  using TcpDone = std::function<void(net::SocketStream *stream, const QString &error)>;
  using AddressDone = std::function<void(const net::SocketAddress &address, const QString &error)>;

  TargetDialer(QList<HostPort> targets, qint64 dnsTtlMs, QHostAddress source, const Logger *logger,
               QObject *parent = nullptr);
  // A connected stream (caller owns it), trying every target once from the round-robin index.
  void dialTcp(int timeoutMs, TcpDone done);
  // The address of the next target for UDP (round robin; UDP has no connect to fail over on).
  void nextUdpAddress(AddressDone done);
  QHostAddress source() const { return source_; }
  net::DnsCache *dns() { return &dns_; }

 private:
  // `src` is the source for this attempt; `retry` marks the source-less retry of a target whose
  // sourced dial failed (success then means the source is at fault).
  void attempt(int start, int tried, int timeoutMs, TcpDone done, QString lastError,
               QHostAddress src, bool retry);
  void dropSource(const QString &why);

  QList<HostPort> targets_;
  net::DnsCache dns_;
  QHostAddress source_;
  const Logger *logger_;
  quint32 next_ = 0;
};

}  // namespace routeless::nodepass
