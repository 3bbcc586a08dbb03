#pragma once
// TunnelUrl: the parsed form of a NodePass v1.14.0 "server://" / "client://" / "master://" URL.
// It only describes a tunnel; it must never open sockets or read files.
#include <QHostAddress>
#include <QList>
#include <QString>
#include <optional>

namespace routeless::nodepass {

enum class Role { Server, Client, Master };
enum class LogLevel { None = 0, Debug, Info, Warn, Error, Event };
// auth=auto: the hardened mode with a Routeless peer, NodePass's weaker handshake with a NodePass
// peer (logged). auth=strict: Routeless peers only.
enum class AuthPolicy { Auto = 0, Strict };

struct HostPort {
  QString host;  // may be empty ("all interfaces" when listening, "localhost" when dialing)
  quint16 port = 0;
  QString toString() const;  // "host:port", IPv6 bracketed
  bool operator==(const HostPort &o) const { return host == o.host && port == o.port; }
};

struct TunnelUrl {
  Role role = Role::Server;
  QString key;  // never log this
  bool keyDerived = false;
  HostPort tunnel;
  QList<HostPort> targets;
  QString apiPrefix;  // master only, e.g. "/api"

  LogLevel log = LogLevel::Info;
  int tls = 0;  // server/master only; a client learns it from the handshake
  bool tlsGiven = false;
  QString crtPath;
  QString keyPath;
  QString sni;  // client: Host header and TLS server name
  int mode = 0;
  int type = 0;
  qint64 dnsTtlMs = 5 * 60 * 1000;
  int minPool = 64;
  int maxPool = 1024;
  QString dial = QStringLiteral("auto");
  QHostAddress dialAddress;  // null for "auto"
  qint64 readTimeoutMs = 0;
  qint64 rateMbps = 0;  // 0 = unlimited
  int slot = 65536;     // 0 = unlimited
  int proxy = 0;        // PROXY protocol header to the target: 0 none, 1 v1 (text), 2 v2 (binary)
  QString block = QStringLiteral("0");
  bool blockSocks = false;
  bool blockHttp = false;
  bool blockTls = false;
  bool notcp = false;
  bool noudp = false;
  AuthPolicy auth = AuthPolicy::Auto;  // a Routeless extension; NodePass ignores the parameter

  // The effective configuration as NodePass echoes it at start, with the key masked.
  QString describe() const;
  bool operator==(const TunnelUrl &) const = default;
};

// Parses a URL exactly as NodePass v1.14.0 understands it. On failure returns nullopt and sets
// *error to one line naming the part at fault and what is valid.
std::optional<TunnelUrl> parseTunnelUrl(const QString &url, QString *error);

// The URL text of `url`, the inverse of parseTunnelUrl: the key (unless derived from the port)
// and only the parameters that differ from NodePass's defaults, so parseTunnelUrl(text) gives
// back every field. It holds the key: never log it.
QString tunnelUrlText(const TunnelUrl &url);

// The key NodePass uses when the URL has none: hex(FNV-1a-32(port text)).
QString keyFromPort(const QString &portText);

// Go duration syntax ("300ms", "1h30m", "1.5s", "0"). Returns nullopt if malformed or negative.
std::optional<qint64> parseGoDurationMs(const QString &text);
// Formats like Go's time.Duration.String() for millisecond values ("5m0s", "0s", "300ms").
QString formatGoDuration(qint64 ms);

}  // namespace routeless::nodepass
