#pragma once
// TLS contexts for tunnel pool connections: the server's certificate (in-memory ECDSA P-256 for
// tls=1, PEM files reloaded hourly for tls=2) and the client's context. It must never write keys
// to disk or log them.
#include <openssl/ssl.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

namespace routeless::nodepass {

class TlsServerContext final {
 public:
  TlsServerContext() = default;
  ~TlsServerContext();
  TlsServerContext(const TlsServerContext &) = delete;
  TlsServerContext &operator=(const TlsServerContext &) = delete;

  // mode 1: self-signed in memory; mode 2: crt/key files (falls back to 1 with *warning set).
  bool init(int mode, const QString &crtPath, const QString &keyPath, QString *error,
            QString *warning);
  // The context for a new handshake; with mode 2 the files are re-read at most every
  // `reloadIntervalMs` (a failed reload keeps the previous certificate).
  SSL_CTX *context();
  int mode() const { return mode_; }
  // "sha256:AB:..." of the current leaf certificate.
  QString fingerprint() const { return fingerprint_; }
  // "RAM cert" or the certificate's CN, for the "TLS code-N: ..." log line.
  QString description() const { return description_; }
  void setReloadIntervalMs(qint64 ms) { reloadIntervalMs_ = ms; }
  // The ALPN protocol the server selects when offered (set before init(); "h2" for HTTP/2 pools).
  void setAlpn(const QByteArray &protocol) { alpn_ = protocol; }
  // The current certificate and key as PEM, for a TLS stack other than OpenSSL (QUIC).
  bool exportPem(QByteArray *certPem, QByteArray *keyPem);
  int reloadCount() const { return reloads_; }

 private:
  bool loadFiles(QString *error);
  bool generate(QString *error);
  void install(SSL_CTX *ctx, X509 *cert);

  int mode_ = 0;
  QString crtPath_;
  QString keyPath_;
  SSL_CTX *ctx_ = nullptr;
  QString fingerprint_;
  QString description_;
  QElapsedTimer loadedAt_;
  qint64 reloadIntervalMs_ = 3600 * 1000;
  int reloads_ = 0;
  QByteArray alpn_;
};

// Client context: TLS 1.3; with `verify`, the chain is checked against the system roots.
SSL_CTX *makeClientTlsContext(bool verify);

// Generates an ECDSA P-256 self-signed certificate and returns PEM cert and key (tests, tools).
bool generateSelfSignedPem(const QString &commonName, QByteArray *certPem, QByteArray *keyPem);

}  // namespace routeless::nodepass
