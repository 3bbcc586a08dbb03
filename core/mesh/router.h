#pragma once
// The manager's L3 switch table: which agent gets a packet for a destination IPv4 address.
// Order as NoRouter: exact VIPs, then routes learned from routeSuggestion (LRU of 512), then
// CIDR routes with the last matching manifest entry winning. It never looks past the IP header.

#include <QHash>
#include <QList>
#include <QString>
#include <list>
#include <optional>

namespace routeless::mesh {

struct RouteEntry {
  QString destination;  // "127.0.42.101", "10.0.0.0/8", a learned IP
  QString via;          // VIP of the agent that gets the packets
  QString kind;         // "vip", "learned" or "cidr"
};

class Router {
 public:
  static constexpr int kLearnedCapacity = 512;

  static std::optional<quint32> parseIpv4(const QString &text);
  static QString formatIpv4(quint32 ip);

  void clear();
  void addVip(quint32 vip);
  // "a.b.c.d/n" via VIP; returns false (and says why) for a malformed CIDR.
  bool addCidrRoute(const QString &cidr, quint32 via, QString *error = nullptr);
  void learn(quint32 ip, quint32 via);

  // The VIP that should receive a packet for `dst`, or nullopt when nobody owns it.
  std::optional<quint32> route(quint32 dst);

  QList<RouteEntry> table() const;

 private:
  struct Cidr {
    quint32 network;
    quint32 mask;
    int prefix;
    quint32 via;
  };
  QHash<quint32, bool> m_vips;
  QList<Cidr> m_cidrs;
  // LRU: most recently used at the front.
  std::list<std::pair<quint32, quint32>> m_learnedOrder;
  QHash<quint32, std::list<std::pair<quint32, quint32>>::iterator> m_learned;
};

// Destination address of an IPv4 packet (bytes 16..19), or nullopt when it is not IPv4.
std::optional<quint32> ipv4Destination(const char *packet, qsizetype size);

}  // namespace routeless::mesh
