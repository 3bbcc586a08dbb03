#include "net/secretcompare.h"

#include <openssl/crypto.h>

#include <QCryptographicHash>

namespace routeless::net {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b) {
  // Comparing digests keeps the comparison length-independent: a guess of the wrong length
  // costs the same as one of the right length, and nothing leaks how long the secret is.
  const QByteArray da = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
  const QByteArray db = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
  return CRYPTO_memcmp(da.constData(), db.constData(), size_t(da.size())) == 0;
}

}  // namespace routeless::net
