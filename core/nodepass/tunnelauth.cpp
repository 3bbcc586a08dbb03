#include "tunnelauth.h"

#include <openssl/rand.h>

#include <QMessageAuthenticationCode>
#include <QtEndian>
#include <cstdlib>

namespace routeless::nodepass {
namespace {

const QByteArray kMasterSalt = QByteArrayLiteral("routeless-tunnel-v1");

bool isBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Qt's HMAC, not OpenSSL 3's one-shot HMAC(), which looks the algorithm up in its provider
// tables on every call: this runs a few times per pool connection.
QByteArray hmac(const QByteArray &key, const QByteArray &message) {
  return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

}  // namespace

QByteArray randomBytes(int n) {
  QByteArray out(n, Qt::Uninitialized);
  if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), n) != 1) std::abort();
  return out;
}

QByteArray toBase64Url(const QByteArray &bytes) {
  return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &text, int size) {
  for (char c : text)
    if (!isBase64UrlChar(c)) return std::nullopt;
  const auto decoded = QByteArray::fromBase64Encoding(
      text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
  if (!decoded || decoded.decoded.size() != size) return std::nullopt;
  // Canonical only: stray low bits in the last character would give a second spelling.
  if (toBase64Url(*decoded) != text) return std::nullopt;
  return *decoded;
}

QByteArray AuthParams::toHeaderValue() const {
  QByteArray out = "v=" + QByteArray::number(version);
  if (!hello.isEmpty()) out += "; hello=" + toBase64Url(hello);
  if (!challenge.isEmpty()) out += "; challenge=" + toBase64Url(challenge);
  if (!proof.isEmpty()) out += "; proof=" + toBase64Url(proof);
  return out;
}

QByteArray AuthParams::toHeaderLine() const {
  return QByteArray("Routeless-Tunnel: ") + toHeaderValue() + "\r\n";
}

std::optional<AuthParams> parseAuthParams(const QByteArray &value, QString *error) {
  auto bad = [error](const QString &why) -> std::optional<AuthParams> {
    if (error) *error = QStringLiteral("Routeless-Tunnel header: %1").arg(why);
    return std::nullopt;
  };
  if (value.size() > kMaxAuthHeaderBytes)
    return bad(QStringLiteral("longer than %1 bytes").arg(kMaxAuthHeaderBytes));
  AuthParams p;
  QList<QByteArray> seen;
  const QList<QByteArray> items = value.split(';');
  if (items.size() > 8) return bad(QStringLiteral("more than 8 parameters"));
  for (const QByteArray &raw : items) {
    const QByteArray item = raw.trimmed();
    if (item.isEmpty()) continue;
    const qsizetype eq = item.indexOf('=');
    if (eq <= 0) return bad(QStringLiteral("parameter without name=value"));
    const QByteArray name = item.left(eq).trimmed();
    const QByteArray text = item.mid(eq + 1).trimmed();
    if (seen.contains(name))
      return bad(QStringLiteral("parameter %1 repeated").arg(QString::fromLatin1(name)));
    seen << name;
    const auto binary = [&](int size, QByteArray *out) {
      const auto decoded = fromBase64Url(text, size);
      if (!decoded) return false;
      *out = *decoded;
      return true;
    };
    if (name == "v") {
      bool ok = text.size() <= 3;
      for (char c : text) ok = ok && c >= '0' && c <= '9';
      if (!ok || text.isEmpty()) return bad(QStringLiteral("v is not a version number"));
      p.version = text.toInt();
    } else if (name == "hello") {
      if (!binary(kHandshakeNonceBytes, &p.hello))
        return bad(QStringLiteral("hello is not %1 bytes of base64url").arg(kHandshakeNonceBytes));
    } else if (name == "challenge") {
      if (!binary(kHandshakeNonceBytes, &p.challenge))
        return bad(
            QStringLiteral("challenge is not %1 bytes of base64url").arg(kHandshakeNonceBytes));
    } else if (name == "proof") {
      if (!binary(kProofBytes, &p.proof))
        return bad(QStringLiteral("proof is not %1 bytes of base64url").arg(kProofBytes));
    }
    // Other names: a later version's parameters, ignored.
  }
  if (!seen.contains("v")) return bad(QStringLiteral("no version (v=)"));
  return p;
}

QByteArray hmacParts(const QByteArray &key, const QList<QByteArray> &parts) {
  QByteArray message;
  for (const QByteArray &part : parts) {
    char len[4];
    qToBigEndian(quint32(part.size()), len);
    message.append(len, 4);
    message.append(part);
  }
  return hmac(key, message);
}

TunnelKeySchedule::TunnelKeySchedule(const QByteArray &tunnelKey)
    : master_(hmac(kMasterSalt, tunnelKey)) {}

QByteArray TunnelKeySchedule::clientProof(const QByteArray &hello,
                                          const QByteArray &challenge) const {
  return hmacParts(master_, {"handshake client proof", hello, challenge});
}

QByteArray TunnelKeySchedule::serverProof(const QByteArray &hello, const QByteArray &challenge,
                                          const QByteArray &body) const {
  return hmacParts(master_, {"handshake server proof", hello, challenge, body});
}

SessionKeys TunnelKeySchedule::session(const QByteArray &hello, const QByteArray &challenge) const {
  const QByteArray session = hmacParts(master_, {"session", hello, challenge});
  return SessionKeys{hmacParts(session, {"pool"}), hmacParts(session, {"control client to server"}),
                     hmacParts(session, {"control server to client"})};
}

QByteArray poolClientProof(const QByteArray &poolKey, const QByteArray &sequence,
                           const QByteArray &binding) {
  return hmacParts(poolKey, {"pool client proof", sequence, binding});
}

QByteArray poolServerProof(const QByteArray &poolKey, const QByteArray &id,
                           const QByteArray &sequence, const QByteArray &binding) {
  return hmacParts(poolKey, {"pool server proof", id, sequence, binding});
}

QByteArray tlsChannelBinding(const net::Stream &stream, bool tls) {
  if (!tls) return {};
  const QByteArray out =
      stream.tlsExporter(QByteArrayLiteral("EXPORTER-routeless-tunnel-pool"), 32);
  return out.size() == 32 ? out : randomBytes(32);  // matches nothing the peer computes
}

}  // namespace routeless::nodepass
