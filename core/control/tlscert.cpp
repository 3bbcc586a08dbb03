#include "control/tlscert.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <memory>

namespace routeless::control {
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
  QFile crt(crtPath), keyFile(keyPath);
  if (!crt.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("TLS: cannot read %1 or %2").arg(crtPath, keyPath);
    return std::nullopt;
  }
  const QList<QSslCertificate> chain = QSslCertificate::fromData(crt.readAll(), QSsl::Pem);
  const QByteArray keyPem = keyFile.readAll();
  QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
  if (key.isNull()) key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
  if (chain.isEmpty() || key.isNull()) {
    *error =
        QStringLiteral("TLS: %1 / %2 hold no usable PEM certificate and key").arg(crtPath, keyPath);
    return std::nullopt;
  }
  QSslConfiguration c = serverConfiguration(chain.first(), key);
  c.setLocalCertificateChain(chain);
  return c;
}

}  // namespace routeless::control
