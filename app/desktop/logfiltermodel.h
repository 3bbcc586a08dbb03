#pragma once
// LogFilterModel: the Logs screen's view of LogModel, filtered by minimum level, source and a
// search text, with copy/save of what is shown. It must never change the underlying lines.

#include <QtQml/qqmlregistration.h>

#include <QSortFilterProxyModel>

namespace routeless::desktop {

class LogModel;

class LogFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QObject *logs READ logs WRITE setLogs NOTIFY logsChanged)
  Q_PROPERTY(int minimumLevel READ minimumLevel WRITE setMinimumLevel NOTIFY filterChanged)
  Q_PROPERTY(QString source READ source WRITE setSource NOTIFY filterChanged)
  Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  explicit LogFilterModel(QObject *parent = nullptr);

  QObject *logs() const;
  void setLogs(QObject *logs);
  int minimumLevel() const { return m_minimumLevel; }
  void setMinimumLevel(int level);
  QString source() const { return m_source; }
  void setSource(const QString &source);
  QString text() const { return m_text; }
  void setText(const QString &text);
  int count() const { return rowCount(); }

  // The visible lines as text, one per line.
  Q_INVOKABLE QString visibleText() const;
  Q_INVOKABLE void copyVisible() const;
  // Writes the visible lines to a local file URL; returns an error message or "".
  Q_INVOKABLE QString saveVisible(const QUrl &file) const;

 Q_SIGNALS:
  void logsChanged();
  void filterChanged();
  void countChanged();

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

 private:
  int m_minimumLevel = 0;
  QString m_source;
  QString m_text;
};

}  // namespace routeless::desktop
