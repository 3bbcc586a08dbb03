// libFuzzer target: the QUIC pool's server glue (connection-ID dispatch, accepting an Initial,
// stream set-up and the handshake byte) behind ngtcp2, fed arbitrary datagrams from one peer;
// it must never crash, nor hand out a stream before a TLS handshake completed.
#include <sys/socket.h>
#include <unistd.h>

#include <QCoreApplication>
#include <cstddef>
#include <cstdint>

#include "nodepass/logger.h"
#include "nodepass/quicpool.h"
#include "nodepass/tlscontext.h"

using namespace routeless::nodepass;

namespace {

struct Fixture {
  Logger log{LogLevel::None};
  TlsServerContext tls;
  gnutls_certificate_credentials_t cred = nullptr;
  int fd = -1;
  routeless::net::SocketAddress local;
  Fixture() {
    QString error, warning;
    tls.init(1, QString(), QString(), &error, &warning);
    QByteArray cert, key;
    tls.exportPem(&cert, &key);
    gnutls_certificate_allocate_credentials(&cred);
    gnutls_datum_t c{reinterpret_cast<unsigned char *>(cert.data()), unsigned(cert.size())};
    gnutls_datum_t k{reinterpret_cast<unsigned char *>(key.data()), unsigned(key.size())};
    gnutls_certificate_set_x509_key_mem2(cred, &c, &k, GNUTLS_X509_FMT_PEM, nullptr, 0);
    fd = routeless::net::bindUdp(QHostAddress::LocalHost, 0, &error);
    local = routeless::net::localAddress(fd);
  }
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  static QCoreApplication app(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Fixture fx;
  PoolTransportConfig config;
  config.log = &fx.log;
  config.maxSlots = 4;
  // The input is a run of datagrams: 2-byte length, bytes.
  QList<QByteArray> datagrams;
  for (size_t at = 0; at + 2 <= size;) {
    const size_t n = qMin<size_t>((size_t(data[at]) << 8 | data[at + 1]), size - at - 2);
    datagrams << QByteArray(reinterpret_cast<const char *>(data + at + 2), qsizetype(n));
    at += 2 + n;
  }
  if (datagrams.isEmpty()) return 0;
  routeless::net::SocketAddress peer{QHostAddress::LocalHost, 9};
  QObject owner;
  QString error;
  const QByteArray &first = datagrams.first();
  QuicConnection *c = QuicConnection::accept(fx.fd, fx.local, peer,
                                             reinterpret_cast<const uint8_t *>(first.constData()),
                                             size_t(first.size()), fx.cred, config, &owner, &error);
  if (!c) return 0;
  QObject::connect(c, &QuicConnection::streamReady, &owner, [c](QuicStream *s) {
    if (!c->isEstablished()) __builtin_trap();
    delete s;
  });
  for (const QByteArray &d : datagrams)
    c->receive(reinterpret_cast<const uint8_t *>(d.constData()), size_t(d.size()), peer);
  QCoreApplication::processEvents();
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  return 0;
}
