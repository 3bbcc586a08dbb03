#pragma once
// Profile: one switchable set of mesh hosts, NodePass tunnels and remote masters, and its
// versioned JSON form. Pure data; it must never start processes or touch the file system.

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <variant>

#include "mesh/manifest.h"

namespace routeless::profiles {

// One NodePass instance the app runs locally ("server://..." or "client://...").
struct TunnelEntry {
  QString name;
  QString url;
  bool autostart = true;  // started together with the profile
  bool operator==(const TunnelEntry &) const = default;
};

// A remote NodePass master (from an np:// link or a NodePassDash backup).
struct MasterEntry {
  QString name;
  QString url;  // "https://host:port"
  QString apiPath = QStringLiteral("/api");
  QString apiKey;  // a secret: never logged, stripped on export unless asked
  bool operator==(const MasterEntry &) const = default;
};

struct Profile {
  static constexpr int kFormatVersion = 1;

  QString id;  // file name stem: lower-case letters, digits and '-'
  QString name;
  mesh::Manifest mesh;
  QList<TunnelEntry> tunnels;
  QList<MasterEntry> masters;
  // The demo profile forwards to the app's built-in HTTP responder and probes it.
  bool builtinResponder = false;

  bool sameAs(const Profile &o) const;  // content equality, ignoring manifest line numbers
  bool isEmpty() const { return mesh.hosts.isEmpty() && tunnels.isEmpty() && masters.isEmpty(); }
};

// Where an input is wrong: a 1-based line (0 when unknown) and/or a field path such as
// "mesh.hosts[1].vip" or "tunnels[0].url".
struct ProfileError {
  QString source;  // file name or "clipboard"
  int line = 0;
  QString field;
  QString message;
  int column = 0;            // 1-based when known (YAML manifests)
  QString toString() const;  // "file:3: tunnels[0].url: ...", "file:3:5: hosts.a.vip: ..."
};

using ProfileResult = std::variant<Profile, ProfileError>;

// What an export may carry beyond the shareable part.
struct ExportOptions {
  bool includeSecrets = false;     // tunnel keys, master API keys
  bool includeLocalPaths = false;  // state directories, TLS certificate/key paths, home paths
};

// The port the demo profile's forward reaches on 127.0.0.1 (the built-in responder).
inline constexpr quint16 kDemoResponderPort = 18081;
// The port the demo forward listens on at the second host's VIP.
inline constexpr quint16 kDemoForwardPort = 18080;

// The demo's NodePass pair: the server dials the responder, the client listens here.
inline constexpr quint16 kDemoTunnelPort = 18090;
inline constexpr quint16 kDemoTunnelClientPort = 18091;

// "Local demo": two local agents (the second with loopback disabled, so both fit on one
// machine) and a forward from 127.0.42.2:18080 to the built-in responder, plus a NodePass
// server/client pair on loopback that exposes the responder on 127.0.0.1:18091.
Profile demoProfile();

// Our JSON (versioned). Validates every host, route and tunnel URL; never returns a
// partly filled profile.
ProfileResult profileFromJson(const QByteArray &json, const QString &source);
// `removedNote` (if any) is written as a top-level "removed" list of what an export left out.
QByteArray profileToJson(const Profile &profile, const ExportOptions &options = {true, true},
                         const QStringList &removedNote = {});

// One thing an export left out, for the note at the top of the exported text and the API's
// result: e.g. {Mesh, "host \"web\" cmd: the password after sshpass -p"}.
struct RemovedItem {
  enum class Part { Mesh, Tunnels, Masters };
  Part part = Part::Mesh;
  QString what;
};

// Copy of `profile` with secrets and/or local paths removed as `options` say. Without
// secrets that includes password-like words in host commands (see redaction.h). Each removal
// is added to *removed when given.
Profile stripped(const Profile &profile, const ExportOptions &options,
                 QList<RemovedItem> *removed = nullptr);

// Whether `url` is a tunnel this app can run: a NodePass server:// or client:// URL, or an
// M-PROXY device:// link. `why` names the bad part otherwise.
bool checkTunnelUrl(const QString &url, QString *why);

// A tunnel URL with the secret (user info) and, unless local paths are kept, crt/key/ca
// removed. A device link's token, which its URL cannot do without, becomes a placeholder.
inline constexpr char kRemovedToken[] = "token-removed";
QString strippedTunnelUrl(const QString &url, const ExportOptions &options);
// The URL for display: key replaced by "****".
QString maskedTunnelUrl(const QString &url);

// A file-name-safe id derived from `name`, made unique against `taken`.
QString makeProfileId(const QString &name, const QStringList &taken);

// Checks hosts/routes (via the NoRouter manifest rules) and tunnel URLs.
std::optional<ProfileError> validateProfile(const Profile &profile, const QString &source);

}  // namespace routeless::profiles
