#pragma once
// PrivateFileWriter: writes a file that may hold secrets (a profile, an export with keys) so
// that it is owner-only (0600) before a byte of the new content exists on disk, and replaced
// atomically (QSaveFile: a reader sees the old file or the new one, never a part). It must
// never widen a file's permissions nor follow through to a partly written file.

#include <QByteArray>
#include <QSaveFile>
#include <QString>
#include <memory>

namespace routeless::profiles {

class PrivateFileWriter {
 public:
  explicit PrivateFileWriter(QString path);
  ~PrivateFileWriter();

  // Makes the final name exist with mode 0600 (created empty, or an existing file narrowed
  // to 0600 first, so that QSaveFile's temporary file, which takes that mode, is owner-only
  // from its creation) and opens the temporary file. Nothing of the content is written yet.
  bool open(QString *error);
  // Writes `data` to the temporary file and renames it over the final name.
  bool commit(const QByteArray &data, QString *error);

  // open() and commit() in one call.
  static bool write(const QString &path, const QByteArray &data, QString *error);

 private:
  void forgetCreated();

  QString m_path;
  std::unique_ptr<QSaveFile> m_file;
  bool m_created = false;  // open() created the (empty) final file
};

}  // namespace routeless::profiles
