#pragma once
// NoRouter's JSON messages on the stdio link: the request/result/event envelope, the
// configure arguments, the configure result and the routeSuggestion event. Encoding follows
// Go's encoding/json byte for byte (struct field order, sorted map keys, HTML-safe escapes);
// decoding is lenient as Go's is (any key order, unknown keys, nulls, case-insensitive keys).

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

namespace routeless::stdio {

inline constexpr const char *kNoRouterVersion = "0.6.5";
// A Routeless extension in the features of a configure result: the agent takes a second
// configure request that changes only what other hosts publish (see mesh::Agent::configure).
// NoRouter's agents do not have it; a manager restarts them instead.
inline constexpr const char *kReconfigureFeature = "reconfigure";

struct IpPortProto {
  QString ip;
  quint16 port = 0;
  QString proto = QStringLiteral("tcp");
  bool operator==(const IpPortProto &) const = default;
};

struct Forward {
  quint16 listenPort = 0;
  QString connectIp;  // an IP or a host name, resolved on the agent's host
  quint16 connectPort = 0;
  QString proto = QStringLiteral("tcp");
  bool operator==(const Forward &) const = default;
};

struct Route {
  QStringList toCidr;
  QStringList toHostnameGlob;
  QString via;
  bool operator==(const Route &) const = default;
};

struct ConfigureArgs {
  QString me;
  QList<Forward> forwards;
  QList<IpPortProto> others;
  QMap<QString, QString> hostnameMap;  // name -> VIP
  QString httpListen;                  // empty: off
  QString socksListen;
  bool loopbackDisable = false;
  QString stateDirPath;
  bool stateDirDisable = false;
  bool writeEtcHosts = false;
  QList<Route> routes;
  QList<IpPortProto> nameServers;
  bool operator==(const ConfigureArgs &) const = default;
};

struct ConfigureResult {
  qint64 requestId = 0;
  QStringList features;
  QString version;
  QString error;  // empty when the agent reported none
};

struct RouteSuggestion {
  QStringList ips;
  QString route;
};

// One decoded JSON frame.
struct ConfigureRequest {
  qint64 id = 0;
  ConfigureArgs args;
};
struct OtherMessage {  // a request with another op, an unknown event type, ...
  QString kind;        // "request", "result" or "event"
  QString op;          // op or event type
};
using Message = std::variant<ConfigureRequest, ConfigureResult, RouteSuggestion, OtherMessage>;

// Encoders: the JSON text of a whole envelope, ready to be put in a type-2 frame.
QByteArray encodeConfigureRequest(qint64 id, const ConfigureArgs &args);
QByteArray encodeConfigureResult(const ConfigureResult &result);
QByteArray encodeRouteSuggestion(const RouteSuggestion &event);

// Decodes one JSON frame payload. On failure returns nullopt and sets *error.
std::optional<Message> decodeMessage(QByteArrayView json, QString *error);

// Decodes the configure args object alone (also used for --debug-init-config).
std::optional<ConfigureArgs> decodeConfigureArgs(const QJsonObject &args, QString *error);

// The features our agent advertises, in NoRouter's order.
QStringList agentFeatures();

// Go's encoding/json string quoting (with HTML escaping), exposed for tests.
QByteArray goJsonQuote(const QString &s);

}  // namespace routeless::stdio
