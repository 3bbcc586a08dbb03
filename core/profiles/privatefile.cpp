#include "profiles/privatefile.h"

#include <QFile>
#include <QFileInfo>

namespace routeless::profiles {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

PrivateFileWriter::PrivateFileWriter(QString path) : m_path(std::move(path)) {}

PrivateFileWriter::~PrivateFileWriter() {
  m_file.reset();  // an uncommitted QSaveFile discards its temporary file
  forgetCreated();
}

void PrivateFileWriter::forgetCreated() {
  // An empty file that open() created for nothing is not left behind.
  if (m_created) QFile::remove(m_path);
  m_created = false;
}

bool PrivateFileWriter::open(QString *error) {
  auto fail = [&](const QString &why) {
    if (error) *error = QStringLiteral("%1: %2").arg(m_path, why);
    m_file.reset();
    forgetCreated();
    return false;
  };
  const QFileInfo info(m_path);
  if (info.isDir()) return fail(QStringLiteral("is a directory"));
  if (info.exists() || info.isSymLink()) {
    // QSaveFile gives its temporary file the mode of the file it replaces: narrow that first.
    if (!QFile::setPermissions(m_path, kOwnerOnly))
      return fail(QStringLiteral("cannot make the existing file owner-only"));
  } else {
    // Created with 0600 from the start (umask can only take bits away), and empty.
    QFile created(m_path);
    if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
      return fail(created.errorString());
    created.close();
    m_created = true;
  }
  m_file = std::make_unique<QSaveFile>(m_path);
  if (!m_file->open(QIODevice::WriteOnly)) return fail(m_file->errorString());
  if (!m_file->setPermissions(kOwnerOnly)) return fail(m_file->errorString());
  return true;
}

bool PrivateFileWriter::commit(const QByteArray &data, QString *error) {
  if (!m_file) {
    if (error) *error = QStringLiteral("%1: not open").arg(m_path);
    return false;
  }
  const bool ok = m_file->write(data) == data.size() && m_file->commit();
  if (!ok && error) *error = QStringLiteral("%1: %2").arg(m_path, m_file->errorString());
  m_file.reset();
  if (!ok) forgetCreated();
  m_created = false;
  // The temporary file was owner-only; the renamed result must be too, whatever the platform.
  return ok && QFile::setPermissions(m_path, kOwnerOnly);
}

bool PrivateFileWriter::write(const QString &path, const QByteArray &data, QString *error) {
  PrivateFileWriter writer(path);
  return writer.open(error) && writer.commit(data, error);
}

}  // namespace routeless::profiles
