#include "logfiltermodel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QUrl>

#include "logmodel.h"

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace routeless::desktop {

LogFilterModel::LogFilterModel(QObject *parent) : QAbstractListModel(parent) {}

int LogFilterModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LogFilterModel::data(const QModelIndex &index, int role) const {
  if (!m_logs || !index.isValid() || index.row() >= m_rows.size()) return {};
  return m_logs->data(m_logs->index(m_rows[index.row()]), role);
}

QHash<int, QByteArray> LogFilterModel::roleNames() const {
  return m_logs ? m_logs->roleNames() : QHash<int, QByteArray>{};
}

void LogFilterModel::setLogs(LogModel *logs) {
  if (logs == m_logs) return;
  if (m_logs) m_logs->disconnect(this);
  m_logs = logs;
  if (m_logs) {
    connect(m_logs, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onInserted(first, last); });
    // Old lines dropped from the front, or a clear: rows shift, so start again.
    connect(m_logs, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::rebuild);
    connect(m_logs, &QAbstractItemModel::modelReset, this, &LogFilterModel::rebuild);
  }
  rebuild();
  Q_EMIT logsChanged();
}

void LogFilterModel::setMinimumLevel(int level) {
  if (level == m_minimumLevel) return;
  m_minimumLevel = level;
  rebuild();
  Q_EMIT filterChanged();
}

void LogFilterModel::setSource(const QString &source) {
  if (source == m_source) return;
  m_source = source;
  rebuild();
  Q_EMIT filterChanged();
}

void LogFilterModel::setText(const QString &text) {
  if (text == m_text) return;
  m_text = text;
  rebuild();
  Q_EMIT filterChanged();
}

bool LogFilterModel::accepts(int row) const {
  const QModelIndex idx = m_logs->index(row);
  if (idx.data(LogModel::LevelRole).toInt() < m_minimumLevel) return false;
  if (!m_source.isEmpty() && idx.data(LogModel::SourceRole).toString() != m_source) return false;
  if (!m_text.isEmpty() &&
      !idx.data(LogModel::MessageRole).toString().contains(m_text, Qt::CaseInsensitive))
    return false;
  return true;
}

void LogFilterModel::rebuild() {
  beginResetModel();
  m_rows.clear();
  if (m_logs) {
    for (int i = 0; i < m_logs->rowCount(); ++i) {
      if (accepts(i)) m_rows.append(i);
    }
  }
  endResetModel();
  Q_EMIT countChanged();
}

void LogFilterModel::onInserted(int first, int last) {
  QList<int> added;
  for (int i = first; i <= last; ++i) {
    if (accepts(i)) added.append(i);
  }
  if (added.isEmpty()) return;
  beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
  m_rows.append(added);
  endInsertRows();
  Q_EMIT countChanged();
}

QString LogFilterModel::visibleText() const {
  if (!m_logs) return {};
  QStringList lines;
  for (int row : m_rows) lines.append(m_logs->lineText(row));
  return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void LogFilterModel::copyVisible() const {
  if (auto *cb = QGuiApplication::clipboard()) cb->setText(visibleText());
}

QString LogFilterModel::saveVisible(const QUrl &file) const {
  const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return f.errorString();
  const int lines = rowCount();
  f.write(visibleText().toUtf8());
  if (!f.commit()) return f.errorString();
  qCInfo(lcApp).noquote() << QStringLiteral("saved %1 log line(s) to %2").arg(lines).arg(path);
  return {};
}

}  // namespace routeless::desktop
