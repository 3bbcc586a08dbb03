#pragma once
// The one constant-time comparison for secrets (API keys, tunnel tokens, device tokens, the UI
// protocol's token). Every credential check in the project goes through it; it must never
// return early on the first differing byte nor take a time that depends on where they differ.

#include <QByteArrayView>

namespace routeless::net {

// True when `a` and `b` hold the same bytes. Both are hashed to fixed-size digests first, so
// the time depends on neither the position of a difference nor on how long the secret is.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

}  // namespace routeless::net
