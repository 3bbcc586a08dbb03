#pragma once
// Glue between Qt Test and the Qt-free agent library: std::string <-> QByteArray views and
// readable QCOMPARE failures for std::string.

#include <QByteArray>
#include <QtTest>
#include <string>
#include <string_view>

namespace routeless::agenttest {

inline std::string_view view(const QByteArray &b) {
  return std::string_view(b.constData(), size_t(b.size()));
}
inline QByteArray bytes(std::string_view s) { return QByteArray(s.data(), qsizetype(s.size())); }

}  // namespace routeless::agenttest

namespace QTest {
template <>
inline char *toString(const std::string &s) {
  return QTest::toPrettyCString(s.data(), qsizetype(s.size()));
}
}  // namespace QTest
