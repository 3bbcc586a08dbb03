#pragma once
// What tst_tlswritebatch and tst_tlsreadbuffer share: a server TLS context (tls=1's in-memory
// certificate) and a non-verifying client context, and a byte pattern that shows misplaced bytes.
#include <openssl/ssl.h>

#include <QByteArray>
#include <QString>

#include "nodepass/tlscontext.h"

namespace tlstest {

struct Contexts {
  routeless::nodepass::TlsServerContext server;
  SSL_CTX *client = nullptr;

  // Empty when both are ready, else why not.
  QString init() {
    QString err, warning;
    if (!server.init(1, {}, {}, &err, &warning)) return err;
    client = routeless::nodepass::makeClientTlsContext(false);
    return client ? QString() : QStringLiteral("no client TLS context");
  }
  ~Contexts() { SSL_CTX_free(client); }
};

inline QByteArray pattern(qsizetype n) {
  QByteArray b(n, Qt::Uninitialized);
  for (qsizetype i = 0; i < n; ++i) b[i] = char((i * 131 + i / 977) & 0xff);
  return b;
}

}  // namespace tlstest
