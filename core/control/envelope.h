#pragma once
// The UI protocol envelope: one JSON object per WebSocket text frame carrying an opcode, an
// optional 64-bit contextId and exactly one of payload or error{code,message}. It parses and
// writes the contextId and error codes as exact unsigned 64-bit integers (QJsonValue would turn
// them into doubles); it never throws, never recurses on input and never trusts the input.

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <optional>

namespace routeless::control {

// The subprotocol a UI must offer in its WebSocket handshake.
inline constexpr char kUiSubprotocol[] = "Routeless-UIv1";
inline constexpr quint16 kDefaultDaemonPort = 5333;

// Error codes: the high 16 bits name the subsystem. The 0x8000 ones have the meaning and value
// of the reference protocol's UI/Node communication codes; 0x0002 ones are Routeless engine
// errors. Compare for equality only.
namespace errc {
inline constexpr quint64 kNodeLaunch = 0x8000000000000001ULL;
inline constexpr quint64 kNodeNotRunning = 0x8000000000000002ULL;
inline constexpr quint64 kNodeAlreadyRunning = 0x8000000000000003ULL;
inline constexpr quint64 kUnmarshal = 0x8000000000000004ULL;
inline constexpr quint64 kSetup = 0x8000000000000005ULL;
inline constexpr quint64 kTimeout = 0x8000000000000006ULL;
inline constexpr quint64 kUnknownOpcode = 0x8000000000000009ULL;
inline constexpr quint64 kBadRequest = 0x0002000000000001ULL;
inline constexpr quint64 kNotFound = 0x0002000000000002ULL;
inline constexpr quint64 kConflict = 0x0002000000000003ULL;
inline constexpr quint64 kEngine = 0x0002000000000004ULL;
inline constexpr quint64 kProfile = 0x0002000000000005ULL;
}  // namespace errc

struct UiError {
  quint64 code = 0;
  QString message;
  bool operator==(const UiError &) const = default;
};

struct Envelope {
  QString opcode;
  std::optional<quint64> contextId;  // absent: broadcast or fire-and-forget
  std::optional<QJsonObject> payload;
  std::optional<UiError> error;  // used only when payload is absent
  // Pre-serialized payload object written verbatim instead of `payload` (for payloads that
  // carry 64-bit integers, such as a redirect's contextId). Only for messages we send.
  QByteArray rawPayload;

  static Envelope request(const QString &opcode, quint64 contextId, const QJsonObject &payload);
  static Envelope broadcast(const QString &opcode, const QJsonObject &payload);
  // A response to `request` (same opcode and contextId).
  static Envelope reply(const Envelope &request, const QJsonObject &payload);
  static Envelope failure(const Envelope &request, quint64 code, const QString &message);

  bool isConversation() const { return contextId.has_value(); }
};

enum class UnmarshalSeverity {
  None,         // a well-formed envelope
  Critical,     // no usable opcode/contextId: answer with the `unmarshalError` broadcast
  NonCritical,  // opcode (and contextId, if any) are known but payload/error are not usable
};

struct UnmarshalResult {
  UnmarshalSeverity severity = UnmarshalSeverity::None;
  QString message;    // why it was refused, for humans
  Envelope envelope;  // valid fields that could be read (opcode, contextId)
};

// Classifies one received text frame as the reference protocol's unmarshal table says.
UnmarshalResult unmarshal(QByteArrayView text);

// Compact wire form with a space after each top-level colon, fields in the order
// opcode, contextId, payload|error.
QByteArray marshal(const Envelope &envelope);

// Helpers shared with other parsers in this folder.
// A JSON string literal (with quotes) for `text`, escaping quotes, backslashes and every
// control character, so that the output is always valid JSON.
QByteArray jsonQuote(const QString &text);
// Parses a JSON number token that must be a non-negative integer that fits in 64 bits.
std::optional<quint64> parseUnsigned64(QByteArrayView token);

// The unmarshalError broadcast for `badData`.
Envelope unmarshalErrorMessage(const QString &why, QByteArrayView badData);

}  // namespace routeless::control

Q_DECLARE_METATYPE(routeless::control::Envelope)
