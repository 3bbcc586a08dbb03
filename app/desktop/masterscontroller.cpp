#include "masterscontroller.h"

#include "mastersync.h"
#include "profilescontroller.h"

namespace routeless::desktop {

MastersController::MastersController(ProfilesController *profiles, bool sync, QObject *parent)
    : QObject(parent), m_profiles(profiles), m_model(new MasterModel(this)) {
  if (sync) {
    m_sync = std::make_unique<MasterSync>();
    connect(m_sync.get(), &MasterSync::snapshotReady, m_model, &MasterModel::applySnapshot);
  }
  connect(profiles, &ProfilesController::currentChanged, this, &MastersController::show);
}

MastersController::~MastersController() { shutdown(); }

void MastersController::shutdown() { m_sync.reset(); }

void MastersController::show() {
  const profiles::Profile *p = m_profiles->profile(m_profiles->currentId());
  if (m_sync) m_sync->setMasters(p ? p->masters : QList<profiles::MasterEntry>());
}

void MastersController::act(int row, const QString &action) {
  int master = 0;
  QString id;
  if (!m_sync || !m_model->instanceAt(row, &master, &id)) return;
  m_sync->act(master, id, action);
}

}  // namespace routeless::desktop
