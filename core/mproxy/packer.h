#pragma once
// M-PROXY encoder, byte-compatible with proxy-packer 2.0.4's pack()/packHeader() for every
// header it can express. It never emits a frame its own decoder would misread: headers over
// 255 bytes and commas inside a field are refused instead of being written (see README.md).

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

class QAbstractSocket;
class QHostAddress;

namespace routeless::mproxy {

inline constexpr quint8 kVersionByte = 0xFE;  // 255 - version, and only version 1 exists
inline constexpr int kMaxHeaderLength = 255;  // HLEN is one byte
inline constexpr int kPrefixLength = 2;       // version byte + HLEN

// The services that carry meaning (header field 4); anything else is client payload.
enum class FrameKind : quint8 { Message, Control, Connection, Error, Pause, Resume, End };

// The service word of a kind ("control", "end", ...); empty for Message.
QStringView serviceWord(FrameKind kind);
// Kind of a header's field 4 (case-sensitive, as proxy-packer matches it).
FrameKind kindOfService(QStringView service);

// The addressing fields of a frame, proxy-packer's "tun". A null QString stands for JS
// `undefined` (only the decoder and addrToId() tell it apart from "").
struct Tun {
  QString family;
  QString address;
  QString port;
  QString service;
  QString serviceport;
  QString name;
};

// How pack() treats an empty body: proxy-packer's pack() ("oldways") sends a single space so
// that DATALEN is never 0; packHeader() sends DATALEN 0.
enum class EmptyBody : quint8 { AsIs, Space };

// Appends the 2-byte prefix and the header of a frame whose body is `dataLength` bytes, shaped
// as proxy-packer does for `kind` (control: ",,,LEN,control"; connection: 8 fields with the
// real service last; anything else: 7 fields, service taken from tun.service for Message).
// Returns false and sets *error (nothing appended) when the header would exceed 255 bytes or a
// field contains a comma.
bool appendHeader(QByteArray &out, FrameKind kind, const Tun &tun, qint64 dataLength,
                  QString *error = nullptr);

// Appends a whole frame (header and body). With EmptyBody::Space an empty body becomes " ".
bool appendFrame(QByteArray &out, FrameKind kind, const Tun &tun, QByteArrayView data,
                 EmptyBody empty = EmptyBody::AsIs, QString *error = nullptr);

// proxy-packer's addrToId(): "family,address,port"; a null field prints as "undefined", just as
// JS string concatenation does. A frame's first three header fields are exactly this id.
QString addrToId(const Tun &tun);

// proxy-packer's socketToAddr(): the peer's family/address/port and the local port as
// serviceport. An IPv4-mapped IPv6 peer is reported as IPv4.
Tun socketToTun(const QAbstractSocket &socket);
Tun socketToTun(const QHostAddress &peer, quint16 peerPort, quint16 localPort);

// A frame header prepared once per client so that each data frame costs one small append:
// "family,address,port," + DATALEN + ",service,serviceport,name". Every field is checked when
// the template is made, so appending can no longer fail.
class HeaderTemplate {
 public:
  HeaderTemplate() = default;
  // Fails (isValid() false, error() says why) when a field holds a comma or a header for the
  // largest body `maxDataLength` would not fit in 255 bytes.
  HeaderTemplate(const Tun &tun, qint64 maxDataLength);

  bool isValid() const { return m_valid; }
  const QString &error() const { return m_error; }
  const QString &id() const { return m_id; }
  const Tun &tun() const { return m_tun; }

  // Data frame header for `dataLength` bytes (<= the max given at construction).
  void appendData(QByteArray &out, qint64 dataLength) const;
  // Header-only frame (DATALEN 0) of a signalling kind: Pause, Resume, End, Error (no body),
  // or Connection (the real service goes into field 7).
  void appendSignal(QByteArray &out, FrameKind kind) const;
  // Error frame with a JSON body.
  void appendError(QByteArray &out, QByteArrayView jsonBody) const;

 private:
  void appendWith(QByteArray &out, QByteArrayView service, qint64 dataLength,
                  QByteArrayView trailer) const;

  Tun m_tun;
  QString m_id;
  QByteArray m_prefix;       // "family,address,port,"
  QByteArray m_serviceTail;  // ",serviceport,name"
  QByteArray m_service;      // data frames' service word
  qint64 m_maxData = 0;
  bool m_valid = false;
  QString m_error;
};

// Number of decimal digits of n >= 0.
int decimalDigits(qint64 n);

}  // namespace routeless::mproxy
