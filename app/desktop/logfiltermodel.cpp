#include "logfiltermodel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSaveFile>
#include <QUrl>

#include "logmodel.h"

namespace routeless::desktop {

LogFilterModel::LogFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {
  connect(this, &QAbstractItemModel::rowsInserted, this, &LogFilterModel::countChanged);
  connect(this, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::countChanged);
  connect(this, &QAbstractItemModel::modelReset, this, &LogFilterModel::countChanged);
  connect(this, &QAbstractItemModel::layoutChanged, this, &LogFilterModel::countChanged);
}

QObject *LogFilterModel::logs() const { return sourceModel(); }

void LogFilterModel::setLogs(QObject *logs) {
  auto *model = qobject_cast<LogModel *>(logs);
  if (model == sourceModel()) return;
  setSourceModel(model);
  Q_EMIT logsChanged();
  Q_EMIT countChanged();
}

void LogFilterModel::setMinimumLevel(int level) {
  if (level == m_minimumLevel) return;
  m_minimumLevel = level;
  invalidateFilter();
  Q_EMIT filterChanged();
  Q_EMIT countChanged();
}

void LogFilterModel::setSource(const QString &source) {
  if (source == m_source) return;
  m_source = source;
  invalidateFilter();
  Q_EMIT filterChanged();
  Q_EMIT countChanged();
}

void LogFilterModel::setText(const QString &text) {
  if (text == m_text) return;
  m_text = text;
  invalidateFilter();
  Q_EMIT filterChanged();
  Q_EMIT countChanged();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
  const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
  if (idx.data(LogModel::LevelRole).toInt() < m_minimumLevel) return false;
  if (!m_source.isEmpty() && idx.data(LogModel::SourceRole).toString() != m_source) return false;
  if (!m_text.isEmpty() &&
      !idx.data(LogModel::MessageRole).toString().contains(m_text, Qt::CaseInsensitive))
    return false;
  return true;
}

QString LogFilterModel::visibleText() const {
  auto *model = qobject_cast<LogModel *>(sourceModel());
  if (!model) return {};
  QStringList lines;
  for (int i = 0; i < rowCount(); ++i)
    lines.append(model->lineText(mapToSource(index(i, 0)).row()));
  return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void LogFilterModel::copyVisible() const {
  if (auto *cb = QGuiApplication::clipboard()) cb->setText(visibleText());
}

QString LogFilterModel::saveVisible(const QUrl &file) const {
  QSaveFile f(file.isLocalFile() ? file.toLocalFile() : file.toString());
  if (!f.open(QIODevice::WriteOnly)) return f.errorString();
  f.write(visibleText().toUtf8());
  return f.commit() ? QString() : f.errorString();
}

}  // namespace routeless::desktop
