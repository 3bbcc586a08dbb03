#pragma once
// TunnelPool: the idle pre-dialled pool connections of one tunnel, keyed by their 4-byte hex ID,
// with waiters for IDs announced before they arrive. It must never hand one connection out twice
// or keep a connection whose peer has closed it.
#include <QHash>
#include <QList>
#include <QObject>
#include <functional>

#include "net/stream.h"

class QTimer;

namespace routeless::nodepass {

class TunnelPool final : public QObject {
  Q_OBJECT
 public:
  using Taker = std::function<void(net::Stream *stream, const QString &id)>;
  explicit TunnelPool(QObject *parent = nullptr);
  ~TunnelPool() override;

  // Takes ownership. An ID already idle is refused (the stream is deleted, returns false).
  bool add(const QString &id, net::Stream *stream);
  int size() const { return int(order_.size()); }
  bool contains(const QString &id) const { return idle_.contains(id); }

  // "Incoming get": any idle connection now, or the next one to arrive within timeoutMs.
  // `done` gets nullptr on timeout. Ownership of the stream passes to the caller.
  void takeAny(int timeoutMs, Taker done);
  // "Outgoing get": the connection with `id`, waiting up to timeoutMs for it to arrive.
  void take(const QString &id, int timeoutMs, Taker done);
  // Closes every idle connection and fails all waiters.
  void clear();
  // Closes idle connections only (the "flush" signal).
  void flush();

 Q_SIGNALS:
  void sizeChanged(int size);

 private:
  struct Waiter {
    quint64 serial;
    QString id;  // empty = any
    Taker done;
    QTimer *timer;
  };
  net::Stream *detach(const QString &id);
  // Queues `done` for the connection with `id` (empty: any) until timeoutMs, then nullptr.
  void wait(const QString &id, int timeoutMs, Taker done);
  void watchIdle(const QString &id, net::Stream *stream);
  void completeWaiter(qsizetype index, net::Stream *stream, const QString &id);

  QHash<QString, net::Stream *> idle_;
  QList<QString> order_;
  QList<Waiter> waiters_;
  quint64 nextSerial_ = 1;
};

}  // namespace routeless::nodepass
