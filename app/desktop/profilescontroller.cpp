#include "profilescontroller.h"

#include <QFile>
#include <QLoggingCategory>

#include "appsettings.h"
#include "profileimport.h"
#include "profiles/profileio.h"

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace routeless::desktop {

ProfilesController::ProfilesController(const QString &directory, AppSettings *settings,
                                       QObject *parent)
    : QObject(parent),
      m_store(directory),
      m_settings(settings),
      m_model(new ProfileModel(this)),
      m_import(new ProfileImport(this)) {}

ProfilesController::~ProfilesController() = default;

void ProfilesController::reload() {
  QStringList problems;
  const auto list = m_store.loadAll(&problems);
  for (const QString &p : problems)
    qCWarning(lcApp).noquote() << QStringLiteral("profile skipped: %1").arg(p);
  m_model->setProfiles(list);
  updateMarks();
  Q_EMIT listChanged();
}

void ProfilesController::updateMarks() {
  m_model->setMarks(m_settings->defaultProfileId(), m_activeId, m_currentId);
  Q_EMIT marksChanged();
}

void ProfilesController::setActiveId(const QString &id) {
  m_activeId = id;
  updateMarks();
}

void ProfilesController::setCurrentId(const QString &id) {
  if (id == m_currentId) return;
  m_currentId = id;
  updateMarks();
  Q_EMIT currentChanged();
}

QString ProfilesController::currentName() const { return name(m_currentId); }

QString ProfilesController::defaultId() const { return m_settings->defaultProfileId(); }

QString ProfilesController::name(const QString &id) const {
  const auto *p = profile(id);
  return p ? p->name : QString();
}

QString ProfilesController::uniqueName(const QString &name) const {
  QString candidate = name.trimmed();
  for (int n = 2;; ++n) {
    bool taken = false;
    for (const auto &p : m_model->profiles()) taken = taken || p.name == candidate;
    if (!taken) return candidate;
    candidate = QStringLiteral("%1 (%2)").arg(name.trimmed()).arg(n);
  }
}

QString ProfilesController::save(const profiles::Profile &p) {
  QString error;
  if (!m_store.save(p, &error)) return error;
  reload();
  Q_EMIT profileSaved(p.id);
  if (p.id == m_currentId) Q_EMIT currentChanged();
  return {};
}

QString ProfilesController::ensureDemo() {
  if (profile(QStringLiteral("local-demo"))) return {};
  return save(profiles::demoProfile());
}

QString ProfilesController::create(const QString &name) {
  if (name.trimmed().isEmpty()) return tr("A profile needs a name.");
  profiles::Profile p;
  p.name = uniqueName(name);
  p.id = profiles::makeProfileId(p.name, m_store.ids());
  const QString error = save(p);
  if (error.isEmpty()) setCurrentId(p.id);
  return error;
}

QString ProfilesController::duplicate(const QString &id) {
  const auto *src = profile(id);
  if (!src) return tr("No such profile.");
  profiles::Profile p = *src;
  p.name = uniqueName(tr("%1 copy").arg(src->name));
  p.id = profiles::makeProfileId(p.name, m_store.ids());
  return save(p);
}

QString ProfilesController::rename(const QString &id, const QString &name) {
  const auto *src = profile(id);
  if (!src) return tr("No such profile.");
  if (name.trimmed().isEmpty()) return tr("A profile needs a name.");
  profiles::Profile p = *src;
  p.name = name.trimmed();
  return save(p);
}

QString ProfilesController::remove(const QString &id) {
  const auto *p = profile(id);
  if (!p) return tr("No such profile.");
  const profiles::Profile copy = *p;
  Q_EMIT removing(id);
  QString error;
  if (!m_store.remove(id, &error)) return error;
  m_removed = copy;
  Q_EMIT undoChanged();
  qCInfo(lcApp).noquote() << QStringLiteral("deleted profile \"%1\"").arg(copy.name);
  reload();
  if (id == m_currentId)
    setCurrentId(m_model->rowCount() > 0 ? m_model->profiles().first().id : QString());
  return {};
}

QString ProfilesController::undo() {
  if (!m_removed) return tr("Nothing to undo.");
  profiles::Profile p = *m_removed;
  // Another profile may have taken its id or name since.
  if (profile(p.id)) p.id = profiles::makeProfileId(p.name, m_store.ids());
  p.name = uniqueName(p.name);
  const QString error = save(p);
  if (!error.isEmpty()) return error;
  m_removed.reset();
  Q_EMIT undoChanged();
  setCurrentId(p.id);
  qCInfo(lcApp).noquote() << QStringLiteral("restored profile \"%1\"").arg(p.name);
  return {};
}

bool ProfilesController::hasPreviousVersion(const QString &id) const {
  return profile(id) && m_store.hasBackup(id);
}

QString ProfilesController::restorePreviousVersion(const QString &id) {
  if (!profile(id)) return tr("No such profile.");
  QString error;
  if (!m_store.restoreBackup(id, &error)) return tr("No earlier version to restore: %1").arg(error);
  reload();
  Q_EMIT profileSaved(id);
  if (id == m_currentId) Q_EMIT currentChanged();
  qCInfo(lcApp).noquote() << QStringLiteral("restored the previous version of profile %1").arg(id);
  return {};
}

void ProfilesController::setDefault(const QString &id) {
  m_settings->setDefaultProfileId(id);
  updateMarks();
}

QString ProfilesController::exportText(const QString &id, int format, bool includeSecrets,
                                       bool includeLocalPaths) const {
  const auto *p = profile(id);
  if (!p) return {};
  return QString::fromUtf8(profiles::exportProfile(*p, profiles::ExportFormat(qBound(0, format, 2)),
                                                   {includeSecrets, includeLocalPaths}));
}

QString ProfilesController::exportToFile(const QString &id, const QUrl &url, int format,
                                         bool includeSecrets, bool includeLocalPaths) {
  const auto *p = profile(id);
  if (!p) return tr("No such profile.");
  const QString path = url.isLocalFile() ? url.toLocalFile() : url.toString();
  // Owner-only before a byte is written, and atomic: an export may carry keys.
  QString error;
  if (!profiles::exportProfileToFile(*p, profiles::ExportFormat(qBound(0, format, 2)),
                                     {includeSecrets, includeLocalPaths}, path, &error))
    return tr("Cannot write %1: %2").arg(path, error);
  qCInfo(lcApp).noquote() << QStringLiteral("exported profile %1 to %2").arg(id, path);
  return {};
}

}  // namespace routeless::desktop
