#pragma once
// TLS material for the master API, as NodePass's `tls` modes: 1 = an in-memory ECDSA P-256
// self-signed certificate made at start, 2 = PEM files from `crt`/`key` (falling back to 1 when
// they cannot be loaded or the key does not match the certificate). It never writes keys to disk
// and never logs them.

#include <QSslConfiguration>
#include <optional>

namespace routeless::master {

// A fresh self-signed certificate and key (valid one year), or nullopt with *error.
std::optional<QSslConfiguration> selfSignedTlsConfiguration(const QString &organization,
                                                            QString *error);
// The crt chain and key from PEM files; nullopt with *error naming the file and the reason when
// one cannot be read or parsed, or the key is not the certificate's.
std::optional<QSslConfiguration> fileTlsConfiguration(const QString &crtPath,
                                                      const QString &keyPath, QString *error);

}  // namespace routeless::master
