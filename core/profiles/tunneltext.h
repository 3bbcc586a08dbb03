#pragma once
// TunnelText: what a tunnel's name and URL may hold, so that whatever a profile saves loads
// again and reads the same everywhere it goes (our JSON, URL lines, a NodePass master's command
// line, a terminal, a log). It only checks text; it never changes it.

#include <QString>

namespace routeless::profiles {

// A URL: at most kMaxTunnelUrlLength printable characters without spaces. A name: at most
// kMaxTunnelNameLength printable characters, spaces allowed, empty allowed (the URL names the
// tunnel). Neither holds control or format characters, private-use or unassigned code
// points, lone surrogates, or U+FFFD (it stands where the input was not UTF-8, whose bytes are
// lost). `why` says which character and where.
inline constexpr int kMaxTunnelUrlLength = 4096;
inline constexpr int kMaxTunnelNameLength = 200;
bool checkTunnelUrlText(const QString &url, QString *why);
bool checkTunnelName(const QString &name, QString *why);

}  // namespace routeless::profiles
