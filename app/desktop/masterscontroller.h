#pragma once
// MastersController: the NodePass masters of the shown profile, kept in sync on their own
// thread (MasterSync) while the profile is shown, and the start/stop/restart of their
// instances. API keys stay on the sync thread; it never shows or logs one.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <memory>

#include "mastermodel.h"

namespace routeless::desktop {

class MasterSync;
class ProfilesController;

class MastersController final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(routeless::desktop::MasterModel *model READ model CONSTANT)

 public:
  // Without `sync` (tests of the screens) the masters are listed but never contacted.
  MastersController(ProfilesController *profiles, bool sync, QObject *parent = nullptr);
  ~MastersController() override;

  MasterModel *model() const { return m_model; }
  // An instance row of `model`: "start", "stop", "restart" or "reset" on its master.
  Q_INVOKABLE void act(int row, const QString &action);
  void shutdown();

 private:
  void show();

  ProfilesController *m_profiles;
  MasterModel *m_model;
  std::unique_ptr<MasterSync> m_sync;
};

}  // namespace routeless::desktop
