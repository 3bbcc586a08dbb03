#pragma once
// Sealed control lines of the hardened tunnel mode: each line is
// base64(seq(8, big-endian) || ChaCha20-Poly1305(json) || tag(16)) + "\n", with one key and one
// sequence counter per direction, so a line cannot be forged, replayed, reordered or moved from
// another session or direction.
#include <QByteArray>
#include <QString>
#include <optional>

namespace routeless::nodepass {

enum class ControlDirection { ClientToServer, ServerToClient };
constexpr int kMaxSealedPlaintext = 64 * 1024;

// Seals our outgoing control lines. It must never use a sequence number twice.
class ControlLineSealer final {
 public:
  ControlLineSealer(const QByteArray &key, ControlDirection direction);
  QByteArray seal(const QByteArray &json);

 private:
  QByteArray key_;
  ControlDirection direction_;
  quint64 next_ = 0;
};

// Opens the peer's lines in order. It must never return the content of a line that is forged,
// replayed, out of order or sealed for another session or direction.
class ControlLineOpener final {
 public:
  ControlLineOpener(const QByteArray &key, ControlDirection direction);
  // A line with or without its "\n". nullopt + *error (one line, no secret) when refused.
  std::optional<QByteArray> open(const QByteArray &line, QString *error);
  quint64 expected() const { return next_; }

 private:
  QByteArray key_;
  ControlDirection direction_;
  quint64 next_ = 0;
};

}  // namespace routeless::nodepass
