#pragma once
// Readers for the NoRouter capture files in tests/data/norouter: raw streams (*.bin),
// single frames as hex (NN_*.hex) and the per-frame listings (*.decoded.txt). Tests fail
// loudly when a file is missing rather than skipping it.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace routeless::testvectors {

inline QString norouterDir() {
  return QStringLiteral(ROUTELESS_VECTORS_DIR) + QStringLiteral("/norouter");
}

inline QByteArray readFile(const QString &name) {
  QFile f(name.startsWith(QLatin1Char('/')) ? name : norouterDir() + QLatin1Char('/') + name);
  if (!f.open(QIODevice::ReadOnly)) return QByteArray();
  return f.readAll();
}

// "42 00 00 40 ..." -> bytes; whitespace anywhere is ignored.
inline QByteArray fromHexText(const QByteArray &text) {
  QByteArray compact;
  for (const char c : text)
    if (!QChar::isSpace(uchar(c))) compact += c;
  return QByteArray::fromHex(compact);
}

inline QStringList files(const QString &pattern) {
  return QDir(norouterDir()).entryList({pattern}, QDir::Files, QDir::Name);
}

// One line of a *.decoded.txt listing:
// "#003 off=720 len24=274 (frame 278 B) type=1 rsv=0: L3   IPv4 ... | TCP ..."
struct ListedFrame {
  int index = -1;
  qint64 offset = 0;
  quint32 len24 = 0;
  qint64 frameSize = 0;
  quint16 type = 0;
  quint16 reserved = 0;
  QString rest;  // the JSON text, or the L3 summary
};

inline bool parseListingLine(const QByteArray &line, ListedFrame *f) {
  static const QRegularExpression re(QStringLiteral(
      R"(^#(\d+) off=(\d+) len24=(\d+) \(frame (\d+) B\) type=(\d+) rsv=(\d+): (.*)$)"));
  const auto m = re.match(QString::fromUtf8(line));
  if (!m.hasMatch()) return false;
  f->index = m.captured(1).toInt();
  f->offset = m.captured(2).toLongLong();
  f->len24 = m.captured(3).toUInt();
  f->frameSize = m.captured(4).toLongLong();
  f->type = quint16(m.captured(5).toUInt());
  f->reserved = quint16(m.captured(6).toUInt());
  f->rest = m.captured(7);
  return true;
}

inline QList<ListedFrame> readListing(const QString &name) {
  QList<ListedFrame> out;
  for (const QByteArray &line : readFile(name).split('\n')) {
    ListedFrame f;
    if (parseListingLine(line, &f)) out.append(f);
  }
  return out;
}

// The frames of a *.frames-hex.txt file: the listing line followed by the frame's hex.
struct HexFrame {
  ListedFrame listed;
  QByteArray bytes;
};

inline QList<HexFrame> readFramesHex(const QString &name) {
  QList<HexFrame> out;
  const QList<QByteArray> lines = readFile(name).split('\n');
  for (qsizetype i = 0; i < lines.size(); ++i) {
    HexFrame f;
    if (!parseListingLine(lines[i], &f.listed)) continue;
    if (i + 1 < lines.size()) f.bytes = fromHexText(lines[i + 1]);
    out.append(f);
  }
  return out;
}

}  // namespace routeless::testvectors
