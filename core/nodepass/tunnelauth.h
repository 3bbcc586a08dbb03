#pragma once
// The key schedule and wire fields of the hardened tunnel mode two Routeless ends negotiate on
// top of the NodePass v1.14.0 handshake: nonces, proofs, derived keys, the Routeless-Tunnel
// header. Pure functions over bytes; they must never touch sockets, log, or leak a secret.
#include <openssl/ssl.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

#include "net/stream.h"

namespace routeless::nodepass {

constexpr int kAuthVersion = 1;
constexpr int kHandshakeNonceBytes = 32;
constexpr int kProofBytes = 32;
constexpr int kPoolIdBytes = 4;

// Cryptographically random bytes (OpenSSL's RAND_bytes; aborts the process if it ever fails,
// because carrying on with predictable nonces would be worse).
QByteArray randomBytes(int n);

// base64url without padding, as the Routeless-Tunnel header carries binary fields.
QByteArray toBase64Url(const QByteArray &bytes);
// nullopt unless `text` is canonical base64url without padding decoding to exactly `size` bytes.
std::optional<QByteArray> fromBase64Url(const QByteArray &text, int size);

// The value of a Routeless-Tunnel header: "v=1; hello=...; challenge=...; proof=...".
// Unknown parameters are ignored (a later version may add some); repeated ones are refused.
struct AuthParams {
  int version = 0;
  QByteArray hello;      // client nonce (request 1)
  QByteArray challenge;  // server nonce (answer 1)
  QByteArray proof;      // client proof (request 2) or server proof (answer 2)
  QByteArray toHeaderValue() const;
  QByteArray toHeaderLine() const;  // "Routeless-Tunnel: <value>\r\n"
};
constexpr int kMaxAuthHeaderBytes = 512;
std::optional<AuthParams> parseAuthParams(const QByteArray &value, QString *error);

// Keys one hardened link uses after the handshake: the pool key proves every pool connection,
// the two control keys seal control lines (one per direction).
struct SessionKeys {
  QByteArray pool;
  QByteArray clientToServer;
  QByteArray serverToClient;
};

// Everything derived from the tunnel key. HMAC-SHA256 throughout; every input is
// length-prefixed so no two field sequences hash alike.
class TunnelKeySchedule final {
 public:
  explicit TunnelKeySchedule(const QByteArray &tunnelKey);

  QByteArray clientProof(const QByteArray &hello, const QByteArray &challenge) const;
  // Covers the JSON body too, so a relay cannot change flow/tls/max on the way.
  QByteArray serverProof(const QByteArray &hello, const QByteArray &challenge,
                         const QByteArray &body) const;
  SessionKeys session(const QByteArray &hello, const QByteArray &challenge) const;

 private:
  QByteArray master_;
};

// Proofs of one pool connection (PoolGreeting): its sequence number (8 bytes), the ID the server
// gave it, and the channel binding (the TLS exporter value of that connection, empty without
// TLS).
QByteArray poolClientProof(const QByteArray &poolKey, const QByteArray &sequence,
                           const QByteArray &binding);
QByteArray poolServerProof(const QByteArray &poolKey, const QByteArray &id,
                           const QByteArray &sequence, const QByteArray &binding);

// The channel binding of one pool connection: RFC 5705 / RFC 8446 section 7.5 exporter of the
// TLS session under `stream` (32 bytes, label "EXPORTER-routeless-tunnel-pool"; any transport:
// TCP, WebSocket, HTTP/2, QUIC), empty when the tunnel runs without TLS (`tls` false). Both ends
// of one TLS session get the same value, a man in the middle with two sessions gets two
// different ones; with TLS but no exporter value, random bytes, so the proof fails.
QByteArray tlsChannelBinding(const net::Stream &stream, bool tls);

// HMAC-SHA256(key, lp(part0) || lp(part1) ...) with lp = 4-byte big-endian length + bytes.
QByteArray hmacParts(const QByteArray &key, const QList<QByteArray> &parts);

}  // namespace routeless::nodepass
