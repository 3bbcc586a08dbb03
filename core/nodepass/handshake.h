#pragma once
// The tunnel handshake of one connection, both sides, as I/O-free machines: NodePass v1.14.0's
// bearer-token request, and the Routeless hardened challenge-response negotiated through the
// Routeless-Tunnel header (README of this folder has the exchange).
#include "protocol.h"
#include "streamexchange.h"
#include "tunnelauth.h"
#include "tunnelurl.h"

namespace routeless::nodepass {

// Server side: answers NodePass's request, or challenges a Routeless hello and checks its
// proof. It must never accept a request that does not prove the key, nor a NodePass request
// under auth=strict.
class HandshakeResponder final : public ByteExchange {
 public:
  enum class Outcome { Pending, Hardened, Legacy, Rejected };
  HandshakeResponder(const TunnelKeySchedule &keys, const QByteArray &legacyToken,
                     AuthPolicy policy, const HandshakeConfig &config);

  QByteArray takeOutput() override;
  qsizetype readLimit() const override;
  void feed(const QByteArray &bytes, bool peerClosed) override;
  State state() const override { return state_; }
  // Why the request was rejected, for the server's log (never contains a secret).
  QString error() const override { return error_; }

  Outcome outcome() const { return outcome_; }
  int status() const { return status_; }  // the HTTP status sent (0 before)
  // The client spoke NodePass's handshake and auth=strict refused it.
  bool legacyRefused() const { return legacyRefused_; }
  const SessionKeys &sessionKeys() const { return session_; }
  // The accepted request offered length-prefixed datagrams and the answer says yes.
  bool framedDatagrams() const { return state_ == State::Done && framedDatagrams_; }

 private:
  void onHello(const net::HttpRequestHead &head);
  void onProof(const net::HttpRequestHead &head);
  bool checkMethodAndPath(const net::HttpRequestHead &head);
  void reject(int status, const QString &reason, const QByteArray &response = {});

  TunnelKeySchedule keys_;
  QByteArray legacyToken_;
  AuthPolicy policy_;
  HandshakeConfig config_;
  enum class Phase { Hello, Proof } phase_ = Phase::Hello;
  State state_ = State::Running;
  Outcome outcome_ = Outcome::Pending;
  net::HttpRequestHeadParser parser_{handshakeHeadLimits()};
  QByteArray start_;  // the connection's first bytes, until they look like a request line
  QByteArray in_;     // bytes after a finished head (a pipelined next request)
  QByteArray out_;
  QByteArray hello_;
  QByteArray challenge_;
  SessionKeys session_;
  QString error_;
  int status_ = 0;
  bool legacyRefused_ = false;
  bool framedDatagrams_ = false;
};

// Client side. Hardened: sends a hello without the bearer token, answers the challenge and
// checks the server's proof; a server that answers without a challenge is reported as a
// NodePass server (LegacyServer), never sent the token on this connection. Legacy: NodePass's
// request. It must never accept a config the server did not prove in hardened mode.
class HandshakeInitiator final : public ByteExchange {
 public:
  enum class Mode { Hardened, Legacy };
  enum class Outcome { Pending, Hardened, Legacy, LegacyServer, Rejected };
  // `offerDatagrams`: every request carries the datagram-framing offer (datagramframing.h).
  HandshakeInitiator(Mode mode, const TunnelKeySchedule &keys, const QByteArray &legacyToken,
                     const QString &host, bool offerDatagrams = false);

  QByteArray takeOutput() override;
  qsizetype readLimit() const override;
  void feed(const QByteArray &bytes, bool peerClosed) override;
  State state() const override { return state_; }
  // A complete sentence starting with "tunnel handshake".
  QString error() const override { return error_; }

  Outcome outcome() const { return outcome_; }
  int status() const { return status_; }
  const HandshakeConfig &config() const { return config_; }
  const SessionKeys &sessionKeys() const { return session_; }
  // Legacy mode: the server's answer carried the Routeless-Tunnel header, i.e. a Routeless
  // server answered a request it would have challenged had the hello reached it.
  bool serverAdvertisedHardened() const { return advertised_; }
  // The server's final answer accepted the datagram-framing offer.
  bool framedDatagrams() const { return state_ == State::Done && framedDatagrams_; }

 private:
  void onChallenge(const HttpResponse &response);
  void onHardenedAnswer(const HttpResponse &response);
  void onLegacyAnswer(const HttpResponse &response);
  void fail(const QString &error);
  QString statusText(const HttpResponse &response) const;
  QByteArray request(const QByteArray &routelessHeader) const;

  TunnelKeySchedule keys_;
  QString host_;
  enum class Phase { Challenge, HardenedAnswer, LegacyAnswer } phase_;
  State state_ = State::Running;
  Outcome outcome_ = Outcome::Pending;
  QByteArray in_;
  QByteArray out_;
  QByteArray hello_;
  QByteArray challenge_;
  HandshakeConfig config_;
  SessionKeys session_;
  QString error_;
  int status_ = 0;
  bool advertised_ = false;
  bool offerDatagrams_ = false;
  bool framedDatagrams_ = false;
  QByteArray lastHead_;  // the raw bytes of the last response parsed
};

}  // namespace routeless::nodepass
