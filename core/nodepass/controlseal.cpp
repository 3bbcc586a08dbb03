#include "controlseal.h"

#include <openssl/evp.h>

#include <QtEndian>
#include <memory>

namespace routeless::nodepass {
namespace {

constexpr int kSeqBytes = 8;
constexpr int kTagBytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// 12-byte nonce: direction (4) || sequence number (8). Keys differ per direction too; the
// direction in the nonce keeps a mistake there from ever reusing a (key, nonce) pair.
QByteArray nonceFor(ControlDirection direction, const char *seq) {
  QByteArray n(direction == ControlDirection::ClientToServer ? "c2s\0" : "s2c\0", 4);
  n.append(seq, kSeqBytes);
  return n;
}

// Looked up once: OpenSSL 3 would search its providers on every EVP_*Init with the legacy
// EVP_chacha20_poly1305() handle, and a line is sealed and opened per user connection.
const EVP_CIPHER *chachaPoly() {
  static EVP_CIPHER *fetched = EVP_CIPHER_fetch(nullptr, "ChaCha20-Poly1305", nullptr);
  return fetched ? fetched : EVP_chacha20_poly1305();
}

const unsigned char *bytes(const QByteArray &b) {
  return reinterpret_cast<const unsigned char *>(b.constData());
}

// ChaCha20 takes exactly 32 key bytes; anything else is hashed to that size rather than read
// past its end.
QByteArray cipherKey(const QByteArray &key) {
  if (key.size() == 32) return key;
  unsigned char md[32];
  unsigned len = 0;
  EVP_Digest(key.constData(), size_t(key.size()), md, &len, EVP_sha256(), nullptr);
  return QByteArray(reinterpret_cast<const char *>(md), 32);
}

}  // namespace

ControlLineSealer::ControlLineSealer(const QByteArray &key, ControlDirection direction)
    : key_(cipherKey(key)), direction_(direction) {}

QByteArray ControlLineSealer::seal(const QByteArray &json) {
  char seq[kSeqBytes];
  qToBigEndian(next_++, seq);
  const QByteArray nonce = nonceFor(direction_, seq);
  QByteArray out(kSeqBytes + json.size() + kTagBytes, Qt::Uninitialized);
  memcpy(out.data(), seq, kSeqBytes);
  auto *cipher = reinterpret_cast<unsigned char *>(out.data() + kSeqBytes);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  int total = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), chachaPoly(), nullptr, bytes(key_), bytes(nonce)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char *>(seq),
                        kSeqBytes) == 1 &&
      EVP_EncryptUpdate(ctx.get(), cipher, &len, bytes(json), int(json.size())) == 1 &&
      (total = len, EVP_EncryptFinal_ex(ctx.get(), cipher + total, &len) == 1) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kTagBytes,
                          out.data() + kSeqBytes + json.size()) == 1;
  if (!ok) std::abort();  // only a broken OpenSSL gets here; sending in clear is not an option
  return out.toBase64() + '\n';
}

ControlLineOpener::ControlLineOpener(const QByteArray &key, ControlDirection direction)
    : key_(cipherKey(key)), direction_(direction) {}

std::optional<QByteArray> ControlLineOpener::open(const QByteArray &line, QString *error) {
  auto refuse = [error](const QString &why) -> std::optional<QByteArray> {
    if (error) *error = QStringLiteral("sealed control line refused: %1").arg(why);
    return std::nullopt;
  };
  QByteArray text = line;
  if (text.endsWith('\n')) text.chop(1);
  if (text.endsWith('\r')) text.chop(1);
  if (text.size() > (kMaxSealedPlaintext + kSeqBytes + kTagBytes) * 4 / 3 + 4)
    return refuse(QStringLiteral("longer than %1 bytes").arg(kMaxSealedPlaintext));
  const auto decoded =
      QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
  if (!decoded) return refuse(QStringLiteral("not base64 (%1 bytes)").arg(text.size()));
  const QByteArray &raw = *decoded;
  if (raw.size() < kSeqBytes + kTagBytes)
    return refuse(QStringLiteral("%1 bytes is too short to be sealed").arg(raw.size()));
  const quint64 seq = qFromBigEndian<quint64>(raw.constData());
  if (seq != next_)
    return refuse(QStringLiteral("sequence number %1 where %2 was due (replayed, reordered or "
                                 "injected)")
                      .arg(seq)
                      .arg(next_));
  const QByteArray nonce = nonceFor(direction_, raw.constData());
  const qsizetype cipherLen = raw.size() - kSeqBytes - kTagBytes;
  QByteArray plain(cipherLen, Qt::Uninitialized);
  QByteArray tag = raw.right(kTagBytes);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  const bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), chachaPoly(), nullptr, bytes(key_), bytes(nonce)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(raw), kSeqBytes) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &len,
                        bytes(raw) + kSeqBytes, int(cipherLen)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kTagBytes, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + len, &len) ==
          1;
  if (!ok)
    return refuse(QStringLiteral("authentication failed on line %1 (forged, corrupted, or "
                                 "sealed with another session's key)")
                      .arg(seq));
  ++next_;
  return plain;
}

}  // namespace routeless::nodepass
