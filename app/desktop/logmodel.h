#pragma once
// LogModel: the app's recent log lines (time, level, source, message), appended in batches at
// about 2 Hz from any thread through append(); it keeps at most kCapacity lines and must never
// block the thread that logs.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QDateTime>
#include <QMutex>
#include <QTimer>

namespace routeless::desktop {

class LogModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(QStringList sources READ sources NOTIFY sourcesChanged)

 public:
  enum Level { Debug = 0, Info = 1, Warning = 2, Error = 3 };
  Q_ENUM(Level)
  enum Role { TimeRole = Qt::UserRole + 1, LevelRole, LevelNameRole, SourceRole, MessageRole };
  Q_ENUM(Role)

  struct Line {
    QDateTime time;
    int level = Info;
    QString source;
    QString message;
  };

  static constexpr int kCapacity = 5000;

  explicit LogModel(QObject *parent);  // no default: QML must not create it
  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Thread-safe; the line shows up at the next flush.
  void append(Line line);
  // Moves queued lines into the model now (the timer does this every 500 ms).
  void flush();
  QStringList sources() const { return m_sources; }
  QString lineText(int row) const;

  Q_INVOKABLE void clear();

 Q_SIGNALS:
  void countChanged();
  void sourcesChanged();

 private:
  QList<Line> m_rows;
  QStringList m_sources;
  QMutex m_pendingMutex;  // guards m_pending: loggers on any thread, flush on the GUI thread
  QList<Line> m_pending;
  QTimer m_flushTimer;
};

}  // namespace routeless::desktop
