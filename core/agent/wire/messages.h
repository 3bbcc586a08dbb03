#pragma once
// NoRouter's JSON messages on the stdio link: the request/result/event envelope, the
// configure arguments, the configure result and the routeSuggestion event. Encoding follows
// Go's encoding/json byte for byte (struct field order, sorted map keys, HTML-safe escapes);
// decoding is as lenient as Go's (any key order, unknown keys, nulls, keys matched exactly
// first, then case-insensitively) and refuses what Go refuses. No Qt, no I/O.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace routeless::agent {

inline constexpr const char *kNoRouterVersion = "0.6.5";
// A Routeless extension in the features of a configure result: the agent takes a second
// configure request that changes only what other hosts publish (see Agent::configure).
// NoRouter's agents do not have it; a manager restarts them instead.
inline constexpr const char *kReconfigureFeature = "reconfigure";
// A Routeless extension: a second configure request may also change this host's own `ports`
// and its HTTP/SOCKS proxy listeners (a forward stopped or started from the app). Listeners
// that stay keep their connections. Without it a manager restarts the host for such a change.
inline constexpr const char *kReconfigureForwardsFeature = "reconfigure.forwards";
// A Routeless extension: the agent serves a speed test inside its stack (kMeshTestPort) and
// runs one to another agent on a "meshTest" request (see agent/speedtest/). NoRouter's agents
// do not have it; a manager refuses a test that involves one.
inline constexpr const char *kMeshTestFeature = "meshTest";
// A Routeless extension: the agent carries "/udp" ports (agent/udp). On the wire, UDP forwards
// and other hosts' UDP ports travel in `udpForwards` / `udpOthers`, keys NoRouter's agent
// ignores: given "proto":"udp" inside `forwards` or `others`, NoRouter 0.6.5's agent fails the
// whole configure ("expected proto be \"tcp\"") and never gets ready. In ConfigureArgs they
// stay in `forwards` / `others` with proto "udp"; the encoder moves them, the decoder merges them.
inline constexpr const char *kUdpFeature = "udp";
// A JSON frame larger than this is refused unparsed (configure requests are a few KB; one
// for a thousand hosts with five ports each stays under 1 MiB).
inline constexpr size_t kMaxJsonMessage = 4 * 1024 * 1024;
// Deeper nesting than this is refused before parsing (NoRouter's messages nest 5 levels).
inline constexpr int kMaxJsonDepth = 64;

struct IpPortProto {
  std::string ip;
  uint16_t port = 0;
  std::string proto = "tcp";
  bool operator==(const IpPortProto &) const = default;
};

struct Forward {
  uint16_t listenPort = 0;
  std::string connectIp;  // an IP or a host name, resolved on the agent's host
  uint16_t connectPort = 0;
  std::string proto = "tcp";
  bool operator==(const Forward &) const = default;
};

struct Route {
  std::vector<std::string> toCidr;
  std::vector<std::string> toHostnameGlob;
  std::string via;
  bool operator==(const Route &) const = default;
};

struct ConfigureArgs {
  std::string me;
  std::vector<Forward> forwards;
  std::vector<IpPortProto> others;
  std::map<std::string, std::string> hostnameMap;  // name -> VIP; sorted by bytes, as Go's
  std::string httpListen;                          // empty: off
  std::string socksListen;
  // "allowRemote" inside "http"/"socks": a Routeless extension (NoRouter ignores the key) that
  // lets the proxy listen on a non-loopback address; emitted only when true.
  bool httpAllowRemote = false;
  bool socksAllowRemote = false;
  bool loopbackDisable = false;
  std::string stateDirPath;
  bool stateDirDisable = false;
  bool writeEtcHosts = false;
  std::vector<Route> routes;
  std::vector<IpPortProto> nameServers;
  bool operator==(const ConfigureArgs &) const = default;
};

struct ConfigureResult {
  int64_t requestId = 0;
  std::vector<std::string> features;
  std::string version;
  std::string error;  // empty when the agent reported none
  bool operator==(const ConfigureResult &) const = default;
};

struct RouteSuggestion {
  std::vector<std::string> ips;
  std::string route;
  bool operator==(const RouteSuggestion &) const = default;
};

// The "meshTest" request's args (manager -> agent): measure the path to another agent's VIP.
struct MeshTestArgs {
  std::string to;       // the other agent's VIP
  int64_t seconds = 0;  // throughput seconds each way; 0: the agent's default
  bool operator==(const MeshTestArgs &) const = default;
};
struct MeshTestRequest {
  int64_t id = 0;
  MeshTestArgs args;
  bool operator==(const MeshTestRequest &) const = default;
};
// The "meshTest" result's data (agent -> manager). "Up" is from this agent to `to`.
struct MeshTestFigures {
  int64_t connects = 0;  // TCP connects timed for the latency
  int64_t latencyMinUs = 0;
  int64_t latencyMedianUs = 0;
  int64_t latencyMaxUs = 0;
  int64_t upBytes = 0;  // counted by the other agent
  int64_t upMs = 0;
  int64_t downBytes = 0;  // counted by this agent
  int64_t downMs = 0;
  bool operator==(const MeshTestFigures &) const = default;
};
struct MeshTestResult {
  int64_t requestId = 0;
  std::string error;  // empty: the figures hold
  MeshTestFigures figures;
  bool operator==(const MeshTestResult &) const = default;
};

// One decoded JSON frame.
struct ConfigureRequest {
  int64_t id = 0;
  ConfigureArgs args;
};
struct OtherMessage {  // a request with another op, an unknown event type, ...
  std::string kind;    // "request", "result" or "event"
  std::string op;      // op or event type
};
using Message = std::variant<ConfigureRequest, ConfigureResult, RouteSuggestion, OtherMessage,
                             MeshTestRequest, MeshTestResult>;

// Encoders: the JSON text of a whole envelope, ready to be put in a type-2 frame.
std::string encodeConfigureRequest(int64_t id, const ConfigureArgs &args);
std::string encodeConfigureResult(const ConfigureResult &result);
std::string encodeRouteSuggestion(const RouteSuggestion &event);
std::string encodeMeshTestRequest(const MeshTestRequest &request);
std::string encodeMeshTestResult(const MeshTestResult &result);

// Decodes one JSON frame payload. On failure returns nullopt and sets *error (never empty).
std::optional<Message> decodeMessage(std::string_view json, std::string *error);

// Decodes a configure args object given as JSON text (--debug-init-config).
std::optional<ConfigureArgs> decodeConfigureArgs(std::string_view json, std::string *error);

// The features our agent advertises, in NoRouter's order.
std::vector<std::string> agentFeatures();

}  // namespace routeless::agent
