#pragma once
// TunnelsController: the tunnels of the shown profile: their list (live when the profile is
// the connected one), edits (save, remove with undo), start/stop/restart, a TCP ping of each
// target ("test all" pings them all) and sharing (the URL with or without its key, as text or
// a QR code). Saving goes through the profiles; the connection restarts only that tunnel.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <optional>

#include "tunnelmodel.h"

namespace routeless::desktop {

class ConnectionController;
class ProfilesController;

class TunnelsController final : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(routeless::desktop::TunnelModel *model READ model CONSTANT)
  Q_PROPERTY(bool live READ live NOTIFY liveChanged)
  Q_PROPERTY(QString undoName READ undoName NOTIFY undoChanged)

 public:
  TunnelsController(ProfilesController *profiles, ConnectionController *connection,
                    QObject *parent = nullptr);

  TunnelModel *model() const { return m_model; }
  bool live() const;
  QString undoName() const { return m_removed ? m_removed->entry.name : QString(); }

  // row < 0 adds. "" on success, else a message for the user.
  Q_INVOKABLE QString save(int row, const QString &name, const QString &url, bool autostart);
  Q_INVOKABLE QString remove(int row);
  Q_INVOKABLE QString undoRemove();
  // Starting a tunnel of a profile that is not connected connects that profile (a screen asks
  // first when another one would be disconnected: ConnectionController::wouldDisconnect).
  Q_INVOKABLE void start(int row);
  Q_INVOKABLE void stop(int row);
  Q_INVOKABLE void restart(int row);
  Q_INVOKABLE void ping(int row);
  Q_INVOKABLE void pingAll();
  Q_INVOKABLE QString url(int row) const;  // with its key, for editing
  Q_INVOKABLE QString name(int row) const;
  Q_INVOKABLE bool autostart(int row) const;
  // The URL to give the other side: with the key, or without it (to send the key another way).
  Q_INVOKABLE QString shareUrl(int row, bool withKey) const;
  // An image:// source showing shareUrl(row, withKey) as a QR code (the URL is not in it).
  Q_INVOKABLE QString qrSource(int row, bool withKey) const;
  // For the QR image provider: shareUrl of `profileId`'s tunnel `row`.
  QString shareUrlOf(const QString &profileId, int row, bool withKey) const;

 Q_SIGNALS:
  void liveChanged();
  void undoChanged();

 private:
  void show();
  void onTunnels(const QList<TunnelStatus> &tunnels);

  ProfilesController *m_profiles;
  ConnectionController *m_connection;
  TunnelModel *m_model;
  struct Removed {
    QString profileId;
    int row;
    profiles::TunnelEntry entry;
  };
  std::optional<Removed> m_removed;
};

}  // namespace routeless::desktop
