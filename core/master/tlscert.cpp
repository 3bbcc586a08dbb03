#include "master/tlscert.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <memory>

namespace routeless::master {
namespace {

template <typename T, void (*F)(T *)>
struct Deleter {
  void operator()(T *p) const { F(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO *bio) {
  char *data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return QByteArray(data, int(n));
}

QSslConfiguration serverConfiguration(const QSslCertificate &cert, const QSslKey &key) {
  QSslConfiguration c = QSslConfiguration::defaultConfiguration();
  c.setLocalCertificate(cert);
  c.setPrivateKey(key);
  c.setPeerVerifyMode(QSslSocket::VerifyNone);
  c.setProtocol(QSsl::TlsV1_2OrLater);
  return c;
}

}  // namespace

std::optional<QSslConfiguration> selfSignedTlsConfiguration(const QString &organization,
                                                            QString *error) {
  PKey key(EVP_EC_gen("P-256"));
  Cert cert(X509_new());
  if (!key || !cert) {
    *error = QStringLiteral("TLS: cannot generate an ECDSA P-256 key");
    return std::nullopt;
  }
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME *name = X509_get_subject_name(cert.get());
  const QByteArray org = organization.toUtf8();
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char *>(org.constData()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (!X509_sign(cert.get(), key.get(), EVP_sha256())) {
    *error = QStringLiteral("TLS: cannot sign the self-signed certificate");
    return std::nullopt;
  }
  Bio certBio(BIO_new(BIO_s_mem()));
  Bio keyBio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(certBio.get(), cert.get());
  PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  const QSslCertificate qcert(bioBytes(certBio.get()), QSsl::Pem);
  const QSslKey qkey(bioBytes(keyBio.get()), QSsl::Ec, QSsl::Pem);
  if (qcert.isNull() || qkey.isNull()) {
    *error = QStringLiteral("TLS: the generated certificate could not be loaded");
    return std::nullopt;
  }
  return serverConfiguration(qcert, qkey);
}

std::optional<QSslConfiguration> fileTlsConfiguration(const QString &crtPath,
                                                      const QString &keyPath, QString *error) {
  QByteArray pem[2];
  const QString paths[2] = {crtPath, keyPath};
  const char *names[2] = {"crt", "key"};
  for (int i = 0; i < 2; ++i) {
    QFile f(paths[i]);
    if (paths[i].isEmpty() || !f.open(QIODevice::ReadOnly)) {
      *error = paths[i].isEmpty()
                   ? QStringLiteral("TLS: tls=2 needs a %1 file").arg(QLatin1String(names[i]))
                   : QStringLiteral("TLS: cannot read %1 file %2: %3")
                         .arg(QLatin1String(names[i]), paths[i], f.errorString());
      return std::nullopt;
    }
    pem[i] = f.readAll();
  }
  const QList<QSslCertificate> chain = QSslCertificate::fromData(pem[0], QSsl::Pem);
  if (chain.isEmpty()) {
    *error = QStringLiteral("TLS: crt file %1 holds no PEM certificate").arg(crtPath);
    return std::nullopt;
  }
  QSslKey key(pem[1], QSsl::Ec, QSsl::Pem);
  if (key.isNull()) key = QSslKey(pem[1], QSsl::Rsa, QSsl::Pem);
  if (key.isNull()) {
    *error = QStringLiteral("TLS: key file %1 holds no usable PEM private key").arg(keyPath);
    return std::nullopt;
  }
  // As Go's tls.LoadX509KeyPair: a key that does not belong to the certificate is a load
  // failure, not a server whose every handshake fails.
  Bio certBio(BIO_new_mem_buf(pem[0].constData(), int(pem[0].size())));
  Bio keyBio(BIO_new_mem_buf(pem[1].constData(), int(pem[1].size())));
  Cert cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
  PKey pkey(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
  const bool matches = cert && pkey && X509_check_private_key(cert.get(), pkey.get()) == 1;
  ERR_clear_error();  // leave no stale errors for the next TLS operation on this thread
  if (!matches) {
    *error = QStringLiteral("TLS: key file %1 does not match the certificate in %2")
                 .arg(keyPath, crtPath);
    return std::nullopt;
  }
  QSslConfiguration c = serverConfiguration(chain.first(), key);
  c.setLocalCertificateChain(chain);
  return c;
}

}  // namespace routeless::master
