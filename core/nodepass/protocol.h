#pragma once
// NodePass v1.14.0 wire formats: the HMAC bearer token, the HTTP handshake and the XOR+base64
// control-line codec. Pure functions over bytes; they must never touch sockets or log secrets.
#include <QByteArray>
#include <QString>
#include <optional>

#include "net/httphead.h"

namespace routeless::nodepass {

// lowercase hex of HMAC-SHA256(key, "") — the static bearer token of the handshake.
QByteArray tunnelToken(const QByteArray &key);

// out[i] = in[i] ^ key[i % len(key)]
QByteArray xorWithKey(const QByteArray &data, const QByteArray &key);

// One control-channel message.
struct Signal {
  QString action;  // ping, pong, tcp, udp, flush, verify
  QString remote;
  QString id;
  QString fp;
  // JSON in Go's field order with omitempty (action always present).
  QByteArray toJson() const;
};

// base64(xor(json, key)) + "\n"
QByteArray encodeSignal(const Signal &signal, const QByteArray &key);
// Decodes one line (with or without its trailing "\n"). nullopt + *error on malformed input.
std::optional<Signal> decodeSignal(const QByteArray &line, const QByteArray &key, QString *error);
// The JSON object of one signal (after XOR, or after opening a sealed line). Needs "action".
std::optional<Signal> signalFromJson(const QByteArray &json, QString *error);

// Tunnel configuration the server hands to the client.
struct HandshakeConfig {
  QString flow;  // "-" server receives, "+" server sends
  int max = 1024;
  int tls = 0;
  int type = 0;
  QByteArray toJson() const;  // {"flow":"-","max":1024,"tls":"0","type":"0"}\n
};
// The four fields of the server's JSON answer, range-checked.
std::optional<HandshakeConfig> parseHandshakeConfig(const QByteArray &body, QString *error);

// The header a Routeless peer adds to the NodePass handshake to negotiate the hardened mode
// (NodePass v1.14.0 ignores unknown headers in both directions).
constexpr const char *kAuthHeaderName = "Routeless-Tunnel";

enum class ParseStatus { NeedMore, Done, Invalid };
constexpr int kMaxHeadBytes = 8192;
// Limits for the handshake's request heads (parsed by net::HttpRequestHeadParser).
net::HttpHeadLimits handshakeHeadLimits();
// Whether `start` (the first bytes of a connection) can still become a request line: an
// uppercase method token then a space. Lets binary probes (a TLS ClientHello) be refused at
// once instead of after the handshake timeout.
bool mayStartRequest(const QByteArray &start);

// Server side: the complete HTTP response for a request, and whether it was authorised.
struct HandshakeVerdict {
  int status = 0;  // 200, 401, 404, 405
  QByteArray response;
};
// `extraHeaders` ("Name: value\r\n" lines) go into a 200 answer only.
HandshakeVerdict answerHandshake(const net::HttpRequestHead &head, const QByteArray &expectedToken,
                                 const HandshakeConfig &config,
                                 const QByteArray &extraHeaders = {});
QByteArray httpErrorResponse(int status);
// A complete response: `extraHeaders` are "Name: value\r\n" lines; with `keepAlive` the
// connection stays open for another request.
QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &extraHeaders,
                        const QByteArray &body, bool keepAlive);

// Client side.
QByteArray buildHandshakeRequest(const QString &host, const QByteArray &token);
// Same request line and headers as NodePass's client, with `authHeaders` ("Name: value\r\n"
// lines) instead of the bearer token.
QByteArray buildRequest(const QString &host, const QByteArray &authHeaders);

// One HTTP response as the handshake needs it.
struct HttpResponse {
  int status = 0;
  QByteArray routeless;  // the Routeless-Tunnel header, if any
  QByteArray body;
};
constexpr int kMaxBodyBytes = 64 * 1024;
// Parses one complete response (head + body by Content-Length, or up to the peer's close).
// *consumed = bytes it used (a kept-alive connection may carry more). Content-Length must be
// digits only and appear once.
ParseStatus parseHttpResponse(const QByteArray &buffer, bool peerClosed, HttpResponse *out,
                              qsizetype *consumed, QString *error);
// Parses the full response (head + body). NeedMore until the body is complete.
ParseStatus parseHandshakeResponse(const QByteArray &buffer, bool peerClosed, int *status,
                                   HandshakeConfig *config, QString *error);

// "sha256:AB:CD:..." over a DER certificate.
QString certificateFingerprint(const QByteArray &der);

}  // namespace routeless::nodepass
