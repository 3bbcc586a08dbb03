#pragma once
// The device side of a relay: keeps one WebSocket link to the relay (hello with a token,
// reconnect with backoff) and serves each announced client by dialling a local target. It
// never retries a refused token and never dials anything but the configured targets.

#include <QObject>
#include <QTimer>
#include <QUrl>

#include "mproxy/muxsession.h"

class QWebSocket;

namespace routeless::mproxy {

// Where the device sends a client.
struct DeviceTarget {
  // A host name (matched against the client's TLS SNI / HTTP Host, and announced to the relay),
  // "*.example.com", a relay listener port number, or "*" for everything else.
  QString key;
  QString host;
  quint16 port = 0;
  bool operator==(const DeviceTarget &other) const = default;
};

// Everything a device needs; the token is sent in the hello and never logged.
struct DeviceConfig {
  QUrl relayUrl;  // ws:// or wss://
  QByteArray token;
  QString name;
  QList<DeviceTarget> targets;
  QString caFile;  // extra CA certificates (PEM) to trust for wss://
  MuxLimits limits;
  int backoffInitialMs = 500;
  int backoffMaxMs = 30000;
  int helloTimeoutMs = 10000;
  bool verbose = false;
};

// The device-name rule the relay and the device both enforce: 1-64 of A-Z a-z 0-9 . _ -
bool isValidDeviceName(QStringView name);

// The target for a client: by name (exact, then the longest *.suffix), then by the relay
// listener port, then "*". nullptr when nothing matches.
const DeviceTarget *matchTarget(const QList<DeviceTarget> &targets, const QString &name,
                                const QString &servicePort);
// The names a device announces to the relay: its host-name and *.pattern target keys.
QStringList announcedNames(const QList<DeviceTarget> &targets);

// The device engine: one link to the relay at a time, redialled with backoff, and a dial to a
// configured target per announced client. It never retries after the relay refused its hello.
class RelayDevice final : public QObject {
  Q_OBJECT
 public:
  RelayDevice(const DeviceConfig &config, MuxCounters *counters, QObject *parent = nullptr);
  ~RelayDevice() override;

  bool start(QString *error);  // checks the configuration and starts dialling
  void stop();
  bool isLinked() const { return m_linked; }

 Q_SIGNALS:
  void linked();
  void unlinked(const QString &reason);
  void refused(const QString &reason);  // the relay rejected the hello: no retry
  void log(const QString &line);

 private:
  class RelaySession;
  friend class RelaySession;

  void dial();
  void onDialFailed(const QString &reason);
  void onSessionClosed(const QString &reason);
  void scheduleRedial(const QString &reason);
  void onHelloAccepted();
  void onHelloRefused(const QString &message);
  void openStream(RelaySession *session, const FrameHeader &header);

  DeviceConfig m_config;
  MuxCounters *m_counters;
  QWebSocket *m_dialing = nullptr;
  RelaySession *m_session = nullptr;
  QTimer m_redial;
  QTimer m_dialTimeout;
  int m_attempt = 0;
  bool m_linked = false;
  bool m_stopped = true;
};

}  // namespace routeless::mproxy
