#pragma once
// HttpHead: the head of one HTTP/1.1 request or response (start line and headers, up to the
// blank line) as the WebSocket pool's upgrade exchange needs it. Pure parsing over bytes; it must
// never accept a head larger than kMaxHeadBytes or a malformed line.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace routeless::nodepass {

struct HttpHead {
  // Request: method, target, version. Response: version, status code, reason.
  QByteArray method;
  QByteArray target;
  int status = 0;
  QByteArray reason;
  QList<QPair<QByteArray, QByteArray>> headers;  // names as sent, values trimmed
  int headLength = 0;                            // bytes up to and including the blank line

  QByteArray header(const QByteArray &name) const;  // first match, case-insensitive; empty if none
  // True if the comma-separated header `name` lists `token` (case-insensitive).
  bool headerHasToken(const QByteArray &name, const QByteArray &token) const;
};

enum class HeadStatus { NeedMore, Done, Invalid };
constexpr int kMaxHttpHeadBytes = 8192;
constexpr int kMaxHttpHeaders = 64;

// `isResponse` selects the start-line form. On Invalid, *error says why.
HeadStatus parseHttpHead(const QByteArray &buffer, bool isResponse, HttpHead *out, QString *error);

}  // namespace routeless::nodepass
