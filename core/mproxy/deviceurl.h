#pragma once
// The text forms of a relay device's configuration: one `device://` URL that holds a whole
// device link (so the desktop app can keep it as one tunnel entry, like a NodePass URL), and
// the KEY=HOST:PORT target and keepalive syntax that `routeless-node relay-device` and the URL
// share. It only parses and prints: no sockets, no files. A token never appears in an error.
//
//   device://TOKEN@HOST:PORT/NAME?target=KEY=HOST:PORT[&target=...][&tls=0|1][&ca=FILE]
//                                [&keepalive=SECONDS]

#include <QString>
#include <optional>

#include "mproxy/relaydevice.h"

namespace routeless::mproxy {

// True when `text` starts with the `device://` scheme (surrounding white space ignored). Says
// nothing about the rest.
bool isDeviceUrl(const QString &text);

// Parses a device:// URL. On failure returns nullopt and sets *error (may be null) to one line
// naming the part at fault and what is valid. Sets relayUrl, token, name, targets, caFile and
// limits.keepaliveMs; every other field keeps its default.
std::optional<DeviceConfig> parseDeviceUrl(const QString &url, QString *error);

// The canonical device:// URL of `config` (tls, ca and keepalive only when not the default).
// parseDeviceUrl(deviceUrl(c)) gives back c's URL fields. It holds the token: never log it.
QString deviceUrl(const DeviceConfig &config);

// "KEY=HOST:PORT" as `relay-device --target` takes it: KEY is a host name (normalised to lower
// case), "*.suffix", a relay listener port number or "*"; HOST may be a bracketed IPv6 address;
// PORT is 1-65535. On failure sets *error (may be null) to one line starting `target "TEXT":`.
std::optional<DeviceTarget> parseDeviceTarget(const QString &text, QString *error);
// The same target as parseDeviceTarget reads it back.
QString deviceTargetText(const DeviceTarget &target);

// A keepalive interval in seconds (fractions allowed, more than 0, at most 3600) as
// milliseconds; nullopt when it is anything else.
std::optional<int> parseKeepaliveSeconds(const QString &text);

}  // namespace routeless::mproxy
