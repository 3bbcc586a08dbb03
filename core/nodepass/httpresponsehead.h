#pragma once
// HttpResponseHead: the head of an HTTP/1.1 response (status line and headers, up to the blank
// line), for the clients of the WebSocket upgrade and of the tunnel handshake (requests go
// through net::HttpRequestHeadParser). Pure parsing over bytes; it must never accept a head
// larger than kMaxResponseHeadBytes, more than kMaxResponseHeaders fields or a malformed line.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace routeless::nodepass {

struct HttpResponseHead {
  int status = 0;
  QByteArray reason;
  QList<QPair<QByteArray, QByteArray>> headers;  // names as sent, values trimmed
  int headLength = 0;                            // bytes up to and including the blank line

  QByteArray header(const QByteArray &name) const;  // first match, case-insensitive; empty if none
};

enum class HeadStatus { NeedMore, Done, Invalid };
constexpr int kMaxResponseHeadBytes = 8192;
constexpr int kMaxResponseHeaders = 64;

// On Invalid, *error says why (never quoting the input).
HeadStatus parseHttpResponseHead(const QByteArray &buffer, HttpResponseHead *out, QString *error);

}  // namespace routeless::nodepass
