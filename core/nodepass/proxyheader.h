#pragma once
// PROXY protocol headers a tunnel writes to its target before the user's bytes: version 1 (text,
// as NodePass proxy=1 sends) and version 2 (binary), and a v2 reader for tests and tools. Pure
// functions over bytes; the reader must never read past its input nor accept a malformed header.
#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace routeless::nodepass {

enum class ProxyTransport { Tcp, Udp };

// "PROXY TCP4 src dst sport dport\r\n" (TCP6 when either side is IPv6).
QByteArray proxyV1Header(const QHostAddress &src, quint16 srcPort, const QHostAddress &dst,
                         quint16 dstPort);
// The v2 binary header, command PROXY; IPv4 when both are IPv4, else IPv6 (v4 addresses mapped).
QByteArray proxyV2Header(ProxyTransport transport, const QHostAddress &src, quint16 srcPort,
                         const QHostAddress &dst, quint16 dstPort);

// What a v2 header says.
struct ProxyV2Info {
  bool local = false;  // command LOCAL: no addresses
  ProxyTransport transport = ProxyTransport::Tcp;
  QHostAddress src;
  QHostAddress dst;
  quint16 srcPort = 0;
  quint16 dstPort = 0;
  int headerLength = 0;  // bytes of the whole header, TLVs included
};

enum class ProxyParse { NeedMore, Done, Invalid };
// Reads one v2 header at the start of `data`.
ProxyParse parseProxyV2(const QByteArray &data, ProxyV2Info *out, QString *error);

// "ip:port" or "[v6]:port" into address and port through net::parseHostPort; false if malformed.
bool splitHostPort(const QString &text, QHostAddress *address, quint16 *port);

}  // namespace routeless::nodepass
