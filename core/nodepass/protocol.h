#pragma once
// NodePass v1.14.0 wire formats: the HMAC bearer token, the HTTP handshake and the XOR+base64
// control-line codec. Pure functions over bytes; they must never touch sockets or log secrets.
#include <QByteArray>
#include <QString>
#include <optional>

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

// Tunnel configuration the server hands to the client.
struct HandshakeConfig {
  QString flow;  // "-" server receives, "+" server sends
  int max = 1024;
  int tls = 0;
  int type = 0;
  QByteArray toJson() const;  // {"flow":"-","max":1024,"tls":"0","type":"0"}\n
};

// A parsed HTTP request head (everything up to the blank line).
struct HttpRequestHead {
  QByteArray method;
  QByteArray path;
  QByteArray host;
  QByteArray authorization;
};

enum class ParseStatus { NeedMore, Done, Invalid };
constexpr int kMaxHeadBytes = 8192;

// Parses the request head in `buffer` if complete. Invalid for garbage or a head > kMaxHeadBytes.
ParseStatus parseRequestHead(const QByteArray &buffer, HttpRequestHead *out, QString *error);

// Server side: the complete HTTP response for a request, and whether it was authorised.
struct HandshakeVerdict {
  int status = 0;  // 200, 401, 404, 405
  QByteArray response;
};
HandshakeVerdict answerHandshake(const HttpRequestHead &head, const QByteArray &expectedToken,
                                 const HandshakeConfig &config);
QByteArray httpErrorResponse(int status);

// Client side.
QByteArray buildHandshakeRequest(const QString &host, const QByteArray &token);
// Parses the full response (head + body). NeedMore until the body is complete.
ParseStatus parseHandshakeResponse(const QByteArray &buffer, bool peerClosed, int *status,
                                   HandshakeConfig *config, QString *error);

// "sha256:AB:CD:..." over a DER certificate.
QString certificateFingerprint(const QByteArray &der);

}  // namespace routeless::nodepass
