#pragma once
// Finds the name a client asks for in the first bytes it sends: the TLS ClientHello's SNI
// or the HTTP Host header. It only looks: the bytes are forwarded untouched by the caller, and
// it never decrypts, rewrites or trusts a name it has not normalised.

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace routeless::mproxy {

struct ServerNameSniff {
  enum Status : quint8 { NeedMore, Done };
  Status status = NeedMore;
  QString name;      // normalised host name; empty when the client named none
  QString protocol;  // "tls", "http" or "tcp" (anything else); empty while NeedMore
};

// Looks at the first bytes of a connection. NeedMore means: wait for more bytes (the caller
// bounds how many and how long).
ServerNameSniff sniffServerName(QByteArrayView head);

// Lower-case ASCII host name (or IP literal) without a trailing dot, or empty when `name`
// has anything else in it (commas included: a name goes into an M-PROXY header) or an empty
// or over-long label.
QString normalizeHostName(QStringView name);

// True when `pattern` ("a.example.com" or "*.example.com") covers `name`.
bool hostNameMatches(QStringView pattern, QStringView name);

}  // namespace routeless::mproxy
