#include "handshake.h"

#include "datagramframing.h"
#include "net/secretcompare.h"

namespace routeless::nodepass {
namespace {

constexpr qsizetype kReadChunk = 4096;

// What a Routeless server adds to its answer to a NodePass request, so a Routeless client that
// was made to fall back can tell (NodePass's client ignores the header).
QByteArray advertisement() {
  AuthParams p;
  p.version = kAuthVersion;
  return p.toHeaderLine();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// server

HandshakeResponder::HandshakeResponder(const TunnelKeySchedule &keys, const QByteArray &legacyToken,
                                       AuthPolicy policy, const HandshakeConfig &config)
    : keys_(keys), legacyToken_(legacyToken), policy_(policy), config_(config) {}

QByteArray HandshakeResponder::takeOutput() { return std::exchange(out_, QByteArray()); }

qsizetype HandshakeResponder::readLimit() const {
  return state_ == State::Running ? kReadChunk : 0;
}

void HandshakeResponder::feed(const QByteArray &bytes, bool peerClosed) {
  if (state_ != State::Running) return;
  if (phase_ == Phase::Hello && start_.size() < 16) {
    start_ += bytes.left(16 - start_.size());
    if (!mayStartRequest(start_))
      return reject(400, QStringLiteral("request does not start with an HTTP method"));
  }
  in_ += bytes;
  while (state_ == State::Running && !in_.isEmpty()) {
    qsizetype used = 0;
    const auto st = parser_.feed(in_, &used);
    in_.remove(0, used);
    if (st == net::HttpRequestHeadParser::State::NeedMore) break;
    if (st == net::HttpRequestHeadParser::State::Failed)
      return reject(
          parser_.errorStatus(),
          QStringLiteral("malformed request: %1").arg(QString::fromLatin1(parser_.errorText())));
    const net::HttpRequestHead head = parser_.takeHead();
    parser_.reset();
    // The request that completes the handshake decides (the legacy one, or the proof).
    framedDatagrams_ = head.field(QByteArray(kDatagramHeader).toLower()) == "1";
    if (phase_ == Phase::Hello)
      onHello(head);
    else
      onProof(head);
  }
  if (state_ == State::Running && peerClosed) {
    state_ = State::Failed;  // outcome stays Pending: a hang-up is not worth a warning
    error_ = QStringLiteral("connection closed before a complete request");
  }
}

bool HandshakeResponder::checkMethodAndPath(const net::HttpRequestHead &head) {
  if (head.method != "GET") {
    reject(405, QStringLiteral("method not allowed"));
    return false;
  }
  const qsizetype query = head.target.indexOf('?');
  if ((query < 0 ? head.target : head.target.left(query)) != "/") {
    reject(404, QStringLiteral("path not found"));
    return false;
  }
  return true;
}

void HandshakeResponder::onHello(const net::HttpRequestHead &head) {
  const QList<QByteArray> routeless = head.fieldValues("routeless-tunnel");
  if (routeless.isEmpty()) {
    // NodePass's request: the static bearer token.
    if (policy_ == AuthPolicy::Strict) {
      legacyRefused_ = true;
      const QByteArray body =
          "Forbidden: this Routeless server runs auth=strict and accepts only the Routeless "
          "hardened handshake, not NodePass's\n";
      return reject(403,
                    QStringLiteral("NodePass v1.14.0 handshake (static bearer token) refused: "
                                   "auth=strict accepts only Routeless peers"),
                    httpResponse(403, "text/plain; charset=utf-8", {}, body, false));
    }
    const HandshakeVerdict v = answerHandshake(head, legacyToken_, config_, advertisement());
    if (v.status != 200) {
      const QString why = v.status == 401   ? QStringLiteral("unauthorized (wrong key)")
                          : v.status == 404 ? QStringLiteral("path not found")
                                            : QStringLiteral("method not allowed");
      return reject(v.status, why, v.response);
    }
    out_ += framedDatagrams_ ? withDatagramAnswer(v.response) : v.response;
    status_ = 200;
    outcome_ = Outcome::Legacy;
    state_ = State::Done;
    return;
  }
  if (!checkMethodAndPath(head)) return;
  if (routeless.size() > 1) return reject(400, QStringLiteral("Routeless-Tunnel header repeated"));
  QString error;
  const auto params = parseAuthParams(routeless.first(), &error);
  if (!params) return reject(400, error);
  if (params->version != kAuthVersion)
    return reject(400, QStringLiteral("Routeless-Tunnel version %1 not supported; valid: %2")
                           .arg(params->version)
                           .arg(kAuthVersion));
  if (params->hello.isEmpty())
    return reject(400, QStringLiteral("Routeless-Tunnel header without hello"));
  hello_ = params->hello;
  challenge_ = randomBytes(kHandshakeNonceBytes);
  AuthParams answer;
  answer.version = kAuthVersion;
  answer.challenge = challenge_;
  out_ += httpResponse(401, "text/plain; charset=utf-8", answer.toHeaderLine(),
                       "Unauthorized: prove the tunnel key\n", true);
  status_ = 401;
  phase_ = Phase::Proof;
}

void HandshakeResponder::onProof(const net::HttpRequestHead &head) {
  if (!checkMethodAndPath(head)) return;
  const QList<QByteArray> routeless = head.fieldValues("routeless-tunnel");
  if (routeless.size() != 1)
    return reject(400, QStringLiteral("second request without one Routeless-Tunnel proof"));
  QString error;
  const auto params = parseAuthParams(routeless.first(), &error);
  if (!params) return reject(400, error);
  if (params->version != kAuthVersion || params->proof.isEmpty())
    return reject(400,
                  QStringLiteral("second request without a version %1 proof").arg(kAuthVersion));
  if (!net::constantTimeEquals(params->proof, keys_.clientProof(hello_, challenge_)))
    return reject(401, QStringLiteral("unauthorized (wrong key): the hardened proof does not match "
                                      "(a replayed or relayed handshake fails the same way)"));
  const QByteArray body = config_.toJson();
  AuthParams answer;
  answer.version = kAuthVersion;
  answer.proof = keys_.serverProof(hello_, challenge_, body);
  const QByteArray response =
      httpResponse(200, "application/json", answer.toHeaderLine(), body, false);
  out_ += framedDatagrams_ ? withDatagramAnswer(response) : response;
  session_ = keys_.session(hello_, challenge_);
  status_ = 200;
  outcome_ = Outcome::Hardened;
  state_ = State::Done;
}

void HandshakeResponder::reject(int status, const QString &reason, const QByteArray &response) {
  framedDatagrams_ = false;
  out_ += response.isEmpty() ? httpErrorResponse(status) : response;
  status_ = status;
  error_ = reason;
  outcome_ = Outcome::Rejected;
  state_ = State::Failed;
}

// ---------------------------------------------------------------------------------------------
// client

HandshakeInitiator::HandshakeInitiator(Mode mode, const TunnelKeySchedule &keys,
                                       const QByteArray &legacyToken, const QString &host,
                                       bool offerDatagrams)
    : keys_(keys), host_(host), offerDatagrams_(offerDatagrams) {
  if (mode == Mode::Hardened) {
    hello_ = randomBytes(kHandshakeNonceBytes);
    AuthParams p;
    p.version = kAuthVersion;
    p.hello = hello_;
    out_ = request(p.toHeaderLine());
    phase_ = Phase::Challenge;
  } else {
    // NodePass's request byte for byte, the offer (if any) after its headers.
    const QByteArray legacy = buildHandshakeRequest(host_, legacyToken);
    out_ = offerDatagrams_ ? withDatagramOffer(legacy) : legacy;
    phase_ = Phase::LegacyAnswer;
  }
}

QByteArray HandshakeInitiator::request(const QByteArray &routelessHeader) const {
  const QByteArray r = buildRequest(host_, routelessHeader);
  return offerDatagrams_ ? withDatagramOffer(r) : r;
}

QByteArray HandshakeInitiator::takeOutput() { return std::exchange(out_, QByteArray()); }

qsizetype HandshakeInitiator::readLimit() const {
  return state_ == State::Running ? kReadChunk : 0;
}

void HandshakeInitiator::feed(const QByteArray &bytes, bool peerClosed) {
  if (state_ != State::Running) return;
  in_ += bytes;
  HttpResponse response;
  qsizetype consumed = 0;
  QString error;
  const ParseStatus st = parseHttpResponse(in_, peerClosed, &response, &consumed, &error);
  if (st == ParseStatus::NeedMore) return;
  if (st == ParseStatus::Invalid) return fail(QStringLiteral("tunnel %1").arg(error));
  lastHead_ = in_.left(consumed);
  in_.remove(0, consumed);
  status_ = response.status;
  switch (phase_) {
    case Phase::Challenge:
      onChallenge(response);
      break;
    case Phase::HardenedAnswer:
      onHardenedAnswer(response);
      break;
    case Phase::LegacyAnswer:
      onLegacyAnswer(response);
      break;
  }
  if (state_ == State::Running && peerClosed)
    fail(QStringLiteral("tunnel handshake: server closed the connection after its challenge"));
}

QString HandshakeInitiator::statusText(const HttpResponse &response) const {
  return QStringLiteral("%1 %2")
      .arg(response.status)
      .arg(QString::fromLatin1(response.body.left(64).trimmed()));
}

void HandshakeInitiator::onChallenge(const HttpResponse &response) {
  if (response.routeless.isEmpty()) {
    if (response.status == 401) {
      // NodePass answers a request without its bearer token like this.
      outcome_ = Outcome::LegacyServer;
      state_ = State::Done;
      return;
    }
    return fail(QStringLiteral("tunnel handshake: server answered %1 to the Routeless hello")
                    .arg(statusText(response)));
  }
  QString error;
  const auto params = parseAuthParams(response.routeless, &error);
  if (!params) return fail(QStringLiteral("tunnel handshake: %1").arg(error));
  if (response.status != 401 || params->version != kAuthVersion || params->challenge.isEmpty())
    return fail(QStringLiteral("tunnel handshake: server answered %1 without a version %2 "
                               "challenge")
                    .arg(statusText(response))
                    .arg(kAuthVersion));
  challenge_ = params->challenge;
  AuthParams p;
  p.version = kAuthVersion;
  p.proof = keys_.clientProof(hello_, challenge_);
  out_ += request(p.toHeaderLine());
  phase_ = Phase::HardenedAnswer;
}

void HandshakeInitiator::onHardenedAnswer(const HttpResponse &response) {
  if (response.status == 401)
    return fail(QStringLiteral("tunnel handshake rejected by server: unauthorized (wrong key)"));
  if (response.status != 200)
    return fail(QStringLiteral("tunnel handshake: server answered %1").arg(statusText(response)));
  QString error;
  const auto params = parseAuthParams(response.routeless, &error);
  if (!params || params->proof.isEmpty())
    return fail(QStringLiteral("tunnel handshake: server answered without a proof of the key"));
  if (!net::constantTimeEquals(params->proof, keys_.serverProof(hello_, challenge_, response.body)))
    return fail(
        QStringLiteral("tunnel handshake: the server's proof does not match (it has "
                       "another key, or a relay changed its answer)"));
  const auto config = parseHandshakeConfig(response.body, &error);
  if (!config) return fail(QStringLiteral("tunnel %1").arg(error));
  config_ = *config;
  session_ = keys_.session(hello_, challenge_);
  framedDatagrams_ = offerDatagrams_ && answersDatagrams(lastHead_);
  outcome_ = Outcome::Hardened;
  state_ = State::Done;
}

void HandshakeInitiator::onLegacyAnswer(const HttpResponse &response) {
  if (response.status == 401)
    return fail(QStringLiteral("tunnel handshake rejected by server: unauthorized (wrong key)"));
  if (response.status != 200)
    return fail(
        QStringLiteral("tunnel handshake rejected by server: %1").arg(statusText(response)));
  QString error;
  const auto config = parseHandshakeConfig(response.body, &error);
  if (!config) return fail(QStringLiteral("tunnel %1").arg(error));
  config_ = *config;
  advertised_ = !response.routeless.isEmpty();
  framedDatagrams_ = offerDatagrams_ && answersDatagrams(lastHead_);
  outcome_ = Outcome::Legacy;
  state_ = State::Done;
}

void HandshakeInitiator::fail(const QString &error) {
  error_ = error;
  outcome_ = Outcome::Rejected;
  state_ = State::Failed;
}

}  // namespace routeless::nodepass
