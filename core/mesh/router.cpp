#include "mesh/router.h"

#include <QStringList>

namespace routeless::mesh {

std::optional<quint32> Router::parseIpv4(const QString &text) {
  const QStringList parts = text.split(QLatin1Char('.'));
  if (parts.size() != 4) return std::nullopt;
  quint32 ip = 0;
  for (const QString &p : parts) {
    bool ok = false;
    const uint v = p.toUInt(&ok);
    if (!ok || v > 255 || p.isEmpty() || p.size() > 3) return std::nullopt;
    ip = (ip << 8) | v;
  }
  return ip;
}

QString Router::formatIpv4(quint32 ip) {
  return QStringLiteral("%1.%2.%3.%4")
      .arg(ip >> 24)
      .arg((ip >> 16) & 0xFF)
      .arg((ip >> 8) & 0xFF)
      .arg(ip & 0xFF);
}

void Router::clear() {
  m_vips.clear();
  m_cidrs.clear();
  m_learned.clear();
  m_learnedOrder.clear();
}

void Router::addVip(quint32 vip) { m_vips.insert(vip, true); }

bool Router::addCidrRoute(const QString &cidr, quint32 via, QString *error) {
  const qsizetype slash = cidr.indexOf(QLatin1Char('/'));
  bool ok = false;
  const int prefix = slash < 0 ? -1 : cidr.mid(slash + 1).toInt(&ok);
  const auto net = parseIpv4(slash < 0 ? cidr : cidr.left(slash));
  if (!net || !ok || prefix < 0 || prefix > 32) {
    if (error)
      *error = QStringLiteral("\"%1\" is not an IPv4 CIDR (expected e.g. 10.0.0.0/8)").arg(cidr);
    return false;
  }
  const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
  m_cidrs.append(Cidr{*net & mask, mask, prefix, via});
  return true;
}

void Router::learn(quint32 ip, quint32 via) {
  auto it = m_learned.find(ip);
  if (it != m_learned.end()) {
    m_learnedOrder.erase(it.value());
    m_learned.erase(it);
  }
  m_learnedOrder.emplace_front(ip, via);
  m_learned.insert(ip, m_learnedOrder.begin());
  while (m_learnedOrder.size() > size_t(kLearnedCapacity)) {
    m_learned.remove(m_learnedOrder.back().first);
    m_learnedOrder.pop_back();
  }
}

std::optional<quint32> Router::route(quint32 dst) {
  if (m_vips.contains(dst)) return dst;
  auto it = m_learned.find(dst);
  if (it != m_learned.end()) {
    auto node = it.value();
    if (node != m_learnedOrder.begin())
      m_learnedOrder.splice(m_learnedOrder.begin(), m_learnedOrder, node);
    return node->second;
  }
  for (auto c = m_cidrs.crbegin(); c != m_cidrs.crend(); ++c)
    if ((dst & c->mask) == c->network) return c->via;
  return std::nullopt;
}

QList<RouteEntry> Router::table() const {
  QList<RouteEntry> out;
  QList<quint32> vips = m_vips.keys();
  std::sort(vips.begin(), vips.end());
  for (quint32 v : vips) out.append({formatIpv4(v), formatIpv4(v), QStringLiteral("vip")});
  for (const auto &[ip, via] : m_learnedOrder)
    out.append({formatIpv4(ip), formatIpv4(via), QStringLiteral("learned")});
  for (auto c = m_cidrs.crbegin(); c != m_cidrs.crend(); ++c)
    out.append({QStringLiteral("%1/%2").arg(formatIpv4(c->network)).arg(c->prefix),
                formatIpv4(c->via), QStringLiteral("cidr")});
  return out;
}

std::optional<quint32> ipv4Destination(const char *packet, qsizetype size) {
  if (size < 20) return std::nullopt;
  const auto *p = reinterpret_cast<const uchar *>(packet);
  if ((p[0] >> 4) != 4) return std::nullopt;
  return (quint32(p[16]) << 24) | (quint32(p[17]) << 16) | (quint32(p[18]) << 8) | quint32(p[19]);
}

}  // namespace routeless::mesh
