#pragma once
// Host-OS TCP endpoints for the bridges: a non-blocking socket driven by QSocketNotifiers,
// and a listener that hands over raw accepted descriptors.

#include <QHostAddress>
#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <QTcpServer>
#include <functional>
#include <memory>

namespace routeless::netstack {

struct ConstBuffer {
  const void *data;
  size_t size;
};

// A connected (or connecting) host TCP socket without any buffering of its own.
// Unlike QTcpSocket it keeps a half-closed connection usable: EOF on the read side leaves
// the write side open, and shutdownWrite() sends a FIN. It never blocks and never buffers.
class HostSocket final : public QObject {
  Q_OBJECT
 public:
  explicit HostSocket(QObject *parent = nullptr);
  ~HostSocket() override;

  // Takes ownership of an accepted descriptor (made non-blocking here).
  bool adopt(qintptr fd);
  // Resolves `host` (an IP or a name) and connects; emits connected() or connectFailed().
  void connectToHost(const QString &host, quint16 port);

  bool isOpen() const { return m_fd != -1; }
  bool isConnected() const { return m_connected; }

  enum : qint64 { WouldBlock = -1, Error = -2 };
  // > 0: bytes read; 0: end of stream; WouldBlock; Error (errorString() says why).
  qint64 read(char *buffer, qint64 max);
  // Bytes written (0 if the socket buffer is full) or Error.
  qint64 write(const ConstBuffer *buffers, int count);
  void shutdownWrite();
  void close();
  // Closes with an RST (SO_LINGER 0), to pass a reset on.
  void abort();

  void setReadNotifications(bool on);
  void setWriteNotifications(bool on);
  QString errorString() const { return m_error; }
  QString peerName() const;

  static void setSocketOptions(qintptr fd);

 Q_SIGNALS:
  void readable();
  void writable();
  void connected();
  void connectFailed(const QString &error);

 private:
  void tryNextAddress();
  void onConnectProgress();
  void setNotifiers();
  void dropNotifiers();
  void setErrorFromErrno(const char *what);

  qintptr m_fd = -1;
  bool m_connected = false;
  bool m_connecting = false;
  bool m_wantRead = false;
  bool m_wantWrite = false;
  std::unique_ptr<QSocketNotifier> m_readNotifier;
  std::unique_ptr<QSocketNotifier> m_writeNotifier;
  std::unique_ptr<QSocketNotifier> m_exceptionNotifier;  // connect failures on Windows
  QList<QHostAddress> m_addresses;
  quint16 m_port = 0;
  QString m_target;
  QString m_error;
};

// A listening host socket that passes each accepted descriptor to a handler, untouched by
// QTcpSocket (so that the bridges can use half-close). Never accepts on another thread.
class HostListener final : public QTcpServer {
  Q_OBJECT
 public:
  using Handler = std::function<void(qintptr fd)>;
  explicit HostListener(Handler handler, QObject *parent = nullptr);

  // listen() with an error message that says what to do when the address is missing
  // (macOS/BSD have no 127.0.42.x unless it is aliased on lo0).
  bool listenOn(const QHostAddress &address, quint16 port, QString *error);

 protected:
  void incomingConnection(qintptr fd) override;

 private:
  Handler m_handler;
};

// Closes a raw descriptor accepted but not adopted.
void closeNativeSocket(qintptr fd);

}  // namespace routeless::netstack
