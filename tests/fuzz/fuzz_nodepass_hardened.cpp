// libFuzzer target: the hardened handshake and pool greeting machines fed a hostile peer's
// bytes in arbitrary pieces. None may crash, ask for a negative amount, or accept the peer:
// a proof needs the key and this run's random nonces, and the legacy path the bearer token.
#include <cstddef>
#include <cstdint>

#include "nodepass/handshake.h"
#include "nodepass/poolgreeting.h"

using namespace routeless::nodepass;

namespace {

// Feeds `input` in pieces whose sizes come from the input itself, within readLimit().
void feedAll(ByteExchange &machine, const QByteArray &input) {
  qsizetype at = 0;
  while (at < input.size() && machine.state() == ByteExchange::State::Running) {
    const qsizetype limit = machine.readLimit();
    if (limit < 0) __builtin_trap();
    if (limit == 0) break;
    const qsizetype piece = qMin<qsizetype>(limit, 1 + quint8(input[at]) % 64);
    machine.feed(input.mid(at, piece), false);
    (void)machine.takeOutput();
    at += piece;
  }
  if (machine.state() == ByteExchange::State::Running) machine.feed({}, true);
  if (machine.state() == ByteExchange::State::Running && machine.readLimit() > 0)
    __builtin_trap();  // end of stream must settle it
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
  const TunnelKeySchedule keys("k3y");
  const QByteArray token = tunnelToken("k3y");
  const HandshakeConfig config{QStringLiteral("-"), 1024, 1, 0};

  for (AuthPolicy policy : {AuthPolicy::Auto, AuthPolicy::Strict}) {
    HandshakeResponder server(keys, token, policy, config);
    feedAll(server, input);
    if (server.outcome() == HandshakeResponder::Outcome::Hardened) __builtin_trap();
    // Framing is only ever agreed on a handshake that was accepted.
    if (server.framedDatagrams() && server.outcome() != HandshakeResponder::Outcome::Legacy)
      __builtin_trap();
    if (server.outcome() == HandshakeResponder::Outcome::Legacy &&
        (policy == AuthPolicy::Strict || !input.contains("Bearer " + token)))
      __builtin_trap();
  }
  for (auto mode : {HandshakeInitiator::Mode::Hardened, HandshakeInitiator::Mode::Legacy}) {
    for (bool offer : {false, true}) {
      HandshakeInitiator client(mode, keys, token, QStringLiteral("none"), offer);
      (void)client.takeOutput();
      feedAll(client, input);
      if (client.outcome() == HandshakeInitiator::Outcome::Hardened) __builtin_trap();
      // Framing needs our offer and an accepted (here: NodePass-style) answer.
      if (client.framedDatagrams() &&
          (!offer || client.outcome() != HandshakeInitiator::Outcome::Legacy))
        __builtin_trap();
    }
  }
  const QByteArray poolKey(32, 'p');
  PoolReplayWindow window;
  bool idGiven = false;
  PoolGreeting server(
      [&idGiven] {
        idGiven = true;
        return QByteArray::fromHex("0a0b0c0d");
      },
      poolKey, {}, &window);
  feedAll(server, input);
  PoolGreeting client(quint64(1), poolKey, {});
  (void)client.takeOutput();
  feedAll(client, input);
  // Proofs need HMACs under the pool key: nothing passes, and a stranger never gets an ID.
  if (server.state() == ByteExchange::State::Done || idGiven ||
      client.state() == ByteExchange::State::Done)
    __builtin_trap();
  PoolGreeting legacy(quint64(0), {}, {});
  feedAll(legacy, input);
  if (legacy.state() == ByteExchange::State::Done && legacy.id().size() != 8) __builtin_trap();
  return 0;
}
