#pragma once
// LogFilterModel: the Logs screen's view of LogModel, filtered by minimum level, source and a
// search text, with copy/save of what is shown. It must never change the underlying lines.
// (A list model of its own rather than a QSortFilterProxyModel, which QML tooling in Qt 6.4
// cannot see.)

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QPointer>

namespace routeless::desktop {

class LogModel;

class LogFilterModel final : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("owned by App (App.logView)")
  Q_MOC_INCLUDE("logmodel.h")
  Q_PROPERTY(routeless::desktop::LogModel *logs READ logs WRITE setLogs NOTIFY logsChanged)
  Q_PROPERTY(int minimumLevel READ minimumLevel WRITE setMinimumLevel NOTIFY filterChanged)
  Q_PROPERTY(QString source READ source WRITE setSource NOTIFY filterChanged)
  Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  explicit LogFilterModel(QObject *parent);  // no default: QML must not create it

  int rowCount(const QModelIndex &parent = {}) const override;
  QVariant data(const QModelIndex &index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  LogModel *logs() const { return m_logs; }
  void setLogs(LogModel *logs);
  int minimumLevel() const { return m_minimumLevel; }
  void setMinimumLevel(int level);
  QString source() const { return m_source; }
  void setSource(const QString &source);
  QString text() const { return m_text; }
  void setText(const QString &text);
  int count() const { return int(m_rows.size()); }

  // The visible lines as text, one per line.
  Q_INVOKABLE QString visibleText() const;
  Q_INVOKABLE void copyVisible() const;
  // Writes the visible lines to a local file URL; returns an error message or "".
  Q_INVOKABLE QString saveVisible(const QUrl &file) const;

 Q_SIGNALS:
  void logsChanged();
  void filterChanged();
  void countChanged();

 private:
  bool accepts(int sourceRow) const;
  void rebuild();
  void onInserted(int first, int last);

  QPointer<LogModel> m_logs;
  QList<int> m_rows;  // source rows shown, ascending
  int m_minimumLevel = 0;
  QString m_source;
  QString m_text;
};

}  // namespace routeless::desktop
