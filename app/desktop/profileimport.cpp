#include "profileimport.h"

#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QLoggingCategory>

#include "profiles/profileio.h"
#include "profilescontroller.h"
#include "qrdecode.h"

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace routeless::desktop {

namespace {
// Picture files an import reads a QR code from (other formats are read as text), and their
// size limit (a phone's photo of a screen fits).
const QList<QByteArray> kQrImageFormats = {"png", "jpeg", "jpg", "bmp", "gif", "webp"};
constexpr qint64 kMaxImportImageSize = 32 * 1024 * 1024;

QStringList hostChanges(const mesh::HostSpec &a, const mesh::HostSpec &b) {
  QStringList what;
  if (a.vip != b.vip) what << ProfileImport::tr("address %1 → %2").arg(a.vip, b.vip);
  if (a.cmd != b.cmd) what << ProfileImport::tr("command");
  if (a.ports != b.ports) what << ProfileImport::tr("ports");
  if (a.loopbackDisable != b.loopbackDisable) what << ProfileImport::tr("loopback");
  if (what.isEmpty()) what << ProfileImport::tr("settings");
  return what;
}
}  // namespace

profiles::Profile mergeProfiles(profiles::Profile p, const QList<profiles::Profile> &imported,
                                QStringList *changes) {
  int unchanged = 0;
  for (const profiles::Profile &in : imported) {
    for (const mesh::HostSpec &h : in.mesh.hosts) {
      auto it = std::find_if(p.mesh.hosts.begin(), p.mesh.hosts.end(),
                             [&h](const mesh::HostSpec &o) { return o.name == h.name; });
      if (it == p.mesh.hosts.end()) {
        p.mesh.hosts.append(h);
        *changes << ProfileImport::tr("Adds host %1 (%2)").arg(h.name, h.vip);
      } else if (!it->sameAs(h)) {
        *changes << ProfileImport::tr("Changes host %1: %2")
                        .arg(h.name, hostChanges(*it, h).join(QStringLiteral(", ")));
        *it = h;
      } else {
        ++unchanged;
      }
    }
    for (const mesh::RouteSpec &r : in.mesh.routes) {
      const bool known = std::any_of(p.mesh.routes.begin(), p.mesh.routes.end(),
                                     [&r](const mesh::RouteSpec &o) { return o.sameAs(r); });
      if (known) continue;
      p.mesh.routes.append(r);
      *changes << ProfileImport::tr("Adds a route via %1 to %2")
                      .arg(r.via, (r.toCidr + r.toHostnameGlob).join(QStringLiteral(", ")));
    }
    for (const profiles::TunnelEntry &t : in.tunnels) {
      auto it = std::find_if(p.tunnels.begin(), p.tunnels.end(),
                             [&t](const profiles::TunnelEntry &o) { return o.name == t.name; });
      if (it == p.tunnels.end()) {
        p.tunnels.append(t);
        *changes << ProfileImport::tr("Adds tunnel %1").arg(t.name);
      } else if (!(*it == t)) {
        *changes << ProfileImport::tr("Changes tunnel %1").arg(t.name);
        *it = t;
      } else {
        ++unchanged;
      }
    }
    for (const profiles::MasterEntry &m : in.masters) {
      auto it = std::find_if(p.masters.begin(), p.masters.end(),
                             [&m](const profiles::MasterEntry &o) { return o.name == m.name; });
      if (it == p.masters.end()) {
        p.masters.append(m);
        *changes << ProfileImport::tr("Adds master %1").arg(m.name);
      } else if (!(*it == m)) {
        *changes << ProfileImport::tr("Changes master %1").arg(m.name);
        *it = m;
      } else {
        ++unchanged;
      }
    }
  }
  if (changes->isEmpty())
    *changes << ProfileImport::tr("Nothing changes: the profile already has all of it.");
  else if (unchanged > 0)
    *changes << ProfileImport::tr("%n entry(s) already there stay as they are.", nullptr,
                                  unchanged);
  return p;
}

ProfileImport::ProfileImport(ProfilesController *profiles) : QObject(profiles), m_owner(profiles) {
  connect(profiles, &ProfilesController::currentChanged, this, [this] {
    if (pending()) computeMerge();
  });
}

QStringList ProfileImport::names() const {
  QStringList out;
  for (const auto &p : m_profiles) out << p.name;
  return out;
}

bool ProfileImport::canMerge() const {
  return pending() && m_owner->profile(m_owner->currentId()) != nullptr;
}

QString ProfileImport::mergeTarget() const { return m_owner->currentName(); }

QString ProfileImport::conflict() const {
  for (const auto &p : m_profiles)
    if (const ListenConflict c = findListenConflict(p.mesh); c.isConflict()) return c.text();
  return {};
}

QString ProfileImport::mergeConflict() const {
  if (!canMerge() || !m_mergeError.isEmpty()) return {};
  const ListenConflict c = findListenConflict(m_merged.mesh);
  return c.isConflict() ? c.text() : QString();
}

void ProfileImport::cancel() {
  m_profiles.clear();
  m_mergeChanges.clear();
  m_mergeError.clear();
  m_warnings.clear();
  Q_EMIT changed();
}

QString ProfileImport::previewFile(const QUrl &url) {
  const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return tr("Cannot read %1: %2").arg(path, f.errorString());
  // A picture of a shared tunnel: the QR code's text is what gets imported.
  const QByteArray format = QImageReader::imageFormat(&f);
  if (kQrImageFormats.contains(format)) {
    f.seek(0);
    if (f.size() > kMaxImportImageSize)
      return tr("%1 is too large to be a QR code image.").arg(path);
    QImageReader reader(&f, format);
    const QSize size = reader.size();
    if (size.width() > kMaxQrImageSide || size.height() > kMaxQrImageSide)
      return tr("%1 is too large to be a QR code image.").arg(path);
    QString why;
    const std::optional<QString> text = qrTextFromImage(reader.read(), &why);
    if (!text) return tr("Nothing was imported from %1: %2").arg(QFileInfo(path).fileName(), why);
    return previewText(*text, QFileInfo(path).fileName());
  }
  f.seek(0);
  if (f.size() > profiles::kMaxImportSize) return tr("%1 is too large to be a profile.").arg(path);
  return previewText(QString::fromUtf8(f.readAll()), QFileInfo(path).fileName());
}

QString ProfileImport::previewClipboard() {
  const QClipboard *cb = QGuiApplication::clipboard();
  const QString text = cb ? cb->text() : QString();
  if (text.trimmed().isEmpty()) return tr("The clipboard is empty.");
  return previewText(text, QStringLiteral("clipboard"));
}

QString ProfileImport::previewText(const QString &text, const QString &source) {
  cancel();
  const auto result = profiles::importProfiles(text.toUtf8(), source, tr("Imported"));
  if (const auto *e = std::get_if<profiles::ProfileError>(&result)) {
    qCWarning(lcApp).noquote() << QStringLiteral("import failed: %1").arg(e->toString());
    return tr("Nothing was imported. %1").arg(e->toString());
  }
  const auto &outcome = std::get<profiles::ImportOutcome>(result);
  if (outcome.profiles.isEmpty())
    return tr("Nothing was imported: %1 holds no profile.").arg(source);
  m_source = source;
  m_profiles = outcome.profiles;
  m_warnings = outcome.warnings;
  computeMerge();
  return {};
}

void ProfileImport::computeMerge() {
  m_mergeChanges.clear();
  m_mergeError.clear();
  if (const profiles::Profile *current = m_owner->profile(m_owner->currentId())) {
    m_merged = mergeProfiles(*current, m_profiles, &m_mergeChanges);
    if (auto e = profiles::validateProfile(m_merged, m_source))
      m_mergeError = tr("It cannot go into \"%1\": %2").arg(current->name, e->toString());
  }
  Q_EMIT changed();
}

QString ProfileImport::commit(bool intoCurrent, bool oneListener) {
  if (!pending()) return tr("Nothing to import.");
  auto cure = [oneListener](profiles::Profile p) {
    const ListenConflict c = findListenConflict(p.mesh);
    if (oneListener && c.isConflict()) p.mesh = withOneListener(p.mesh, c, c.hosts.first());
    return p;
  };
  if (intoCurrent) {
    if (!canMerge()) return tr("No profile is shown to import into.");
    if (!m_mergeError.isEmpty()) return m_mergeError;
    const QString error = m_owner->save(cure(m_merged));
    if (!error.isEmpty()) return tr("Nothing was imported. %1").arg(error);
    qCInfo(lcApp).noquote()
        << QStringLiteral("imported %1 into profile \"%2\"").arg(m_source, m_merged.name);
    cancel();
    return {};
  }
  // Validate everything before writing anything, so a bad input never half-imports.
  QStringList taken = m_owner->store().ids();
  QStringList names;
  QList<profiles::Profile> ready;
  for (profiles::Profile p : m_profiles) {
    const QString base = p.name;
    p.name = m_owner->uniqueName(base);
    for (int n = 2; names.contains(p.name); ++n)
      p.name = m_owner->uniqueName(QStringLiteral("%1 (%2)").arg(base).arg(n));
    names << p.name;
    p.id = profiles::makeProfileId(p.name, taken);
    taken.append(p.id);
    p = cure(p);
    if (auto e = profiles::validateProfile(p, m_source))
      return tr("Nothing was imported. %1").arg(e->toString());
    ready.append(p);
  }
  QStringList written;
  for (const auto &p : ready) {
    QString error;
    if (!m_owner->store().save(p, &error)) {
      for (const QString &id : written) m_owner->store().remove(id);  // roll back
      m_owner->reload();
      return tr("Nothing was imported. %1").arg(error);
    }
    written.append(p.id);
  }
  m_owner->reload();
  for (const QString &w : std::as_const(m_warnings))
    qCWarning(lcApp).noquote() << QStringLiteral("import: %1").arg(w);
  m_owner->setCurrentId(ready.first().id);
  qCInfo(lcApp).noquote()
      << QStringLiteral("imported %1 profile(s) from %2").arg(ready.size()).arg(m_source);
  cancel();
  return {};
}

}  // namespace routeless::desktop
