#include "tlscontext.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "protocol.h"

namespace routeless::nodepass {
namespace {

QString opensslError(const char *what) {
  const unsigned long e = ERR_get_error();
  char buf[256] = "unknown error";
  if (e) ERR_error_string_n(e, buf, sizeof(buf));
  ERR_clear_error();
  return QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(buf));
}

// AES-128-GCM first, as Go's crypto/tls orders TLS 1.3 suites on AES-NI hardware: about 10 %
// cheaper per byte than OpenSSL's default AES-256-GCM.
void preferFastCiphers(SSL_CTX *ctx) {
  SSL_CTX_set_ciphersuites(
      ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
}

SSL_CTX *newServerContext() {
  SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) return nullptr;
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_TICKET);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  preferFastCiphers(ctx);
  SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  return ctx;
}

bool addExtension(X509 *cert, int nid, const char *value) {
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// Builds a P-256 self-signed certificate. Caller owns both results.
bool makeCertificate(const QByteArray &organisation, const QByteArray &commonName, bool asCa,
                     X509 **certOut, EVP_PKEY **keyOut) {
  EVP_PKEY *pkey = EVP_EC_gen("P-256");
  if (!pkey) return false;
  X509 *x = X509_new();
  bool ok = x && X509_set_version(x, 2) == 1;
  BIGNUM *bn = BN_new();
  ok = ok && bn && BN_rand(bn, 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1;
  ok = ok && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != nullptr;
  BN_free(bn);
  ok = ok && X509_gmtime_adj(X509_getm_notBefore(x), 0) &&
       X509_gmtime_adj(X509_getm_notAfter(x), 365L * 24 * 3600);
  X509_NAME *name = ok ? X509_get_subject_name(x) : nullptr;
  if (ok && !organisation.isEmpty())
    ok = X509_NAME_add_entry_by_txt(
             name, "O", MBSTRING_UTF8,
             reinterpret_cast<const unsigned char *>(organisation.constData()), -1, -1, 0) == 1;
  if (ok && !commonName.isEmpty())
    ok = X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char *>(commonName.constData()),
                                    -1, -1, 0) == 1;
  ok = ok && X509_set_issuer_name(x, name) == 1 && X509_set_pubkey(x, pkey) == 1;
  ok = ok && addExtension(x, NID_key_usage,
                          asCa ? "critical,digitalSignature,keyEncipherment,keyCertSign"
                               : "critical,digitalSignature,keyEncipherment");
  ok = ok && addExtension(x, NID_ext_key_usage, "serverAuth");
  if (ok && asCa) ok = addExtension(x, NID_basic_constraints, "critical,CA:TRUE");
  if (ok && !commonName.isEmpty())
    ok = addExtension(x, NID_subject_alt_name, ("DNS:" + commonName).constData());
  ok = ok && X509_sign(x, pkey, EVP_sha256()) > 0;
  if (!ok) {
    X509_free(x);
    EVP_PKEY_free(pkey);
    return false;
  }
  *certOut = x;
  *keyOut = pkey;
  return true;
}

QByteArray derOf(X509 *cert) {
  unsigned char *der = nullptr;
  const int len = i2d_X509(cert, &der);
  QByteArray out;
  if (len > 0) out = QByteArray(reinterpret_cast<const char *>(der), len);
  OPENSSL_free(der);
  return out;
}

}  // namespace

TlsServerContext::~TlsServerContext() {
  if (ctx_) SSL_CTX_free(ctx_);
}

namespace {

// Server ALPN: picks the one protocol this context serves if the client offers it; a client that
// offers none still connects (NodePass's TCP pool sends no ALPN).
int selectAlpn(SSL *, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
               unsigned int inlen, void *arg) {
  const QByteArray *want = static_cast<const QByteArray *>(arg);
  for (unsigned int i = 0; i < inlen;) {
    const unsigned int len = in[i];
    if (i + 1 + len > inlen) break;
    if (len == unsigned(want->size()) && memcmp(in + i + 1, want->constData(), len) == 0) {
      *out = in + i + 1;
      *outlen = static_cast<unsigned char>(len);
      return SSL_TLSEXT_ERR_OK;
    }
    i += 1 + len;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

void TlsServerContext::install(SSL_CTX *ctx, X509 *cert) {
  if (ctx_) SSL_CTX_free(ctx_);
  ctx_ = ctx;
  if (!alpn_.isEmpty()) SSL_CTX_set_alpn_select_cb(ctx_, selectAlpn, &alpn_);
  fingerprint_ = certificateFingerprint(derOf(cert));
  loadedAt_.start();
}

bool TlsServerContext::generate(QString *error) {
  X509 *cert = nullptr;
  EVP_PKEY *key = nullptr;
  if (!makeCertificate(QByteArrayLiteral("Routeless " ROUTELESS_VERSION), QByteArray(), false,
                       &cert, &key)) {
    *error = opensslError("TLS: generating the in-memory certificate");
    return false;
  }
  SSL_CTX *ctx = newServerContext();
  const bool ok =
      ctx && SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;
  if (ok)
    install(ctx, cert);
  else {
    *error = opensslError("TLS: installing the in-memory certificate");
    if (ctx) SSL_CTX_free(ctx);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  description_ = QStringLiteral("RAM cert");
  return ok;
}

bool TlsServerContext::loadFiles(QString *error) {
  SSL_CTX *ctx = newServerContext();
  if (!ctx) {
    *error = opensslError("TLS: SSL_CTX_new");
    return false;
  }
  const QByteArray crt = crtPath_.toLocal8Bit();
  const QByteArray key = keyPath_.toLocal8Bit();
  if (crt.isEmpty() || key.isEmpty()) {
    *error = QStringLiteral("TLS: tls=2 needs both crt= and key= file paths");
    SSL_CTX_free(ctx);
    return false;
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, crt.constData()) != 1) {
    *error = opensslError(QStringLiteral("TLS: loading crt %1").arg(crtPath_).toUtf8().constData());
    SSL_CTX_free(ctx);
    return false;
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key.constData(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1) {
    *error = opensslError(QStringLiteral("TLS: loading key %1").arg(keyPath_).toUtf8().constData());
    SSL_CTX_free(ctx);
    return false;
  }
  X509 *cert = SSL_CTX_get0_certificate(ctx);
  char cn[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof(cn));
  description_ = QString::fromUtf8(cn);
  install(ctx, cert);
  return true;
}

bool TlsServerContext::init(int mode, const QString &crtPath, const QString &keyPath,
                            QString *error, QString *warning) {
  crtPath_ = crtPath;
  keyPath_ = keyPath;
  mode_ = mode;
  if (mode == 2) {
    QString why;
    if (loadFiles(&why)) return true;
    if (warning) *warning = why + QStringLiteral("; falling back to tls=1");
    mode_ = 1;
  }
  return generate(error);
}

SSL_CTX *TlsServerContext::context() {
  if (mode_ == 2 && loadedAt_.isValid() && loadedAt_.elapsed() >= reloadIntervalMs_) {
    QString why;
    if (loadFiles(&why))
      ++reloads_;
    else
      loadedAt_.start();  // keep the old certificate; try again after another interval
  }
  return ctx_;
}

SSL_CTX *makeClientTlsContext(bool verify) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) return nullptr;
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_TICKET);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  preferFastCiphers(ctx);
  if (verify) {
    SSL_CTX_set_default_verify_paths(ctx);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  } else {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  }
  return ctx;
}

namespace {

// A certificate and its key in PEM; false (outputs untouched) when OpenSSL cannot write them.
bool writePem(X509 *cert, EVP_PKEY *key, QByteArray *certPem, QByteArray *keyPem) {
  BIO *cb = BIO_new(BIO_s_mem());
  BIO *kb = BIO_new(BIO_s_mem());
  const bool ok = PEM_write_bio_X509(cb, cert) == 1 &&
                  PEM_write_bio_PrivateKey(kb, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (ok) {
    char *p = nullptr;
    long n = BIO_get_mem_data(cb, &p);
    *certPem = QByteArray(p, int(n));
    n = BIO_get_mem_data(kb, &p);
    *keyPem = QByteArray(p, int(n));
  }
  BIO_free(cb);
  BIO_free(kb);
  return ok;
}

}  // namespace

bool generateSelfSignedPem(const QString &commonName, QByteArray *certPem, QByteArray *keyPem) {
  X509 *cert = nullptr;
  EVP_PKEY *key = nullptr;
  if (!makeCertificate(QByteArrayLiteral("Routeless test"), commonName.toUtf8(), true, &cert, &key))
    return false;
  const bool ok = writePem(cert, key, certPem, keyPem);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace routeless::nodepass

namespace routeless::nodepass {

bool TlsServerContext::exportPem(QByteArray *certPem, QByteArray *keyPem) {
  SSL_CTX *ctx = context();
  if (!ctx) return false;
  X509 *cert = SSL_CTX_get0_certificate(ctx);
  EVP_PKEY *key = SSL_CTX_get0_privatekey(ctx);
  if (!cert || !key) return false;
  return writePem(cert, key, certPem, keyPem);
}

}  // namespace routeless::nodepass
