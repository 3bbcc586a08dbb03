#include "logmodel.h"

namespace routeless::desktop {

namespace {
const char *levelName(int level) {
  switch (level) {
    case LogModel::Debug:
      return "debug";
    case LogModel::Info:
      return "info";
    case LogModel::Warning:
      return "warning";
    default:
      return "error";
  }
}
}  // namespace

LogModel::LogModel(QObject *parent) : QAbstractListModel(parent) {
  m_flushTimer.setInterval(500);
  connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flush);
  m_flushTimer.start();
}

int LogModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size()) return {};
  const Line &l = m_rows[index.row()];
  switch (role) {
    case TimeRole:
      return l.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case LevelRole:
      return l.level;
    case LevelNameRole:
      return QString::fromLatin1(levelName(l.level));
    case SourceRole:
      return l.source;
    case Qt::DisplayRole:
    case MessageRole:
      return l.message;
  }
  return {};
}

QHash<int, QByteArray> LogModel::roleNames() const {
  return {{TimeRole, "time"},
          {LevelRole, "level"},
          {LevelNameRole, "levelName"},
          {SourceRole, "source"},
          {MessageRole, "message"}};
}

void LogModel::append(Line line) {
  QMutexLocker lock(&m_pendingMutex);
  if (m_pending.size() >= kCapacity) m_pending.removeFirst();
  m_pending.append(std::move(line));
}

void LogModel::flush() {
  QList<Line> batch;
  {
    QMutexLocker lock(&m_pendingMutex);
    batch.swap(m_pending);
  }
  if (batch.isEmpty()) return;
  const int overflow = int(m_rows.size() + batch.size()) - kCapacity;
  if (overflow > 0) {
    const int drop = qMin(overflow, int(m_rows.size()));
    if (drop > 0) {
      beginRemoveRows({}, 0, drop - 1);
      m_rows.remove(0, drop);
      endRemoveRows();
    }
    if (batch.size() > kCapacity) batch = batch.mid(batch.size() - kCapacity);
  }
  beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + batch.size()) - 1);
  bool newSource = false;
  for (Line &l : batch) {
    if (!m_sources.contains(l.source)) {
      m_sources.append(l.source);
      newSource = true;
    }
    m_rows.append(std::move(l));
  }
  endInsertRows();
  Q_EMIT countChanged();
  if (newSource) {
    m_sources.sort();
    Q_EMIT sourcesChanged();
  }
}

QString LogModel::lineText(int row) const {
  if (row < 0 || row >= m_rows.size()) return {};
  const Line &l = m_rows[row];
  return QStringLiteral("%1 %2 [%3] %4")
      .arg(l.time.toString(Qt::ISODateWithMs), QString::fromLatin1(levelName(l.level)), l.source,
           l.message);
}

void LogModel::clear() {
  beginResetModel();
  m_rows.clear();
  endResetModel();
  Q_EMIT countChanged();
}

}  // namespace routeless::desktop
