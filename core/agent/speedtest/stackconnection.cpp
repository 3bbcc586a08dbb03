#include "agent/speedtest/stackconnection.h"

#include <algorithm>
#include <cstdint>

namespace routeless::agent {
namespace {

// Zeros written by reference (no copy): lwIP keeps pointers into this until acknowledged.
constexpr uint16_t kZeroChunk = 65535 - 3;
const char kZeros[kZeroChunk] = {};

}  // namespace

StackConnection::StackConnection() {
  onWritable = [this] { fillZeros(); };
}

StackConnection::StackConnection(struct tcp_pcb *accepted) : StackTcp(accepted) {
  onWritable = [this] { fillZeros(); };
}

void StackConnection::startZeros() {
  m_zeros = true;
  fillZeros();
}

void StackConnection::fillZeros() {
  if (!m_zeros) return;
  bool wrote = false;
  // A quarter chunk at least: smaller writes would cost a segment each for little data.
  for (size_t room = roomForUncopied(); room >= kZeroChunk / 4; room = roomForUncopied()) {
    if (!sendUncopied(kZeros, uint16_t(std::min<size_t>(room, kZeroChunk)))) break;
    wrote = true;
  }
  if (wrote) push();
}

}  // namespace routeless::agent
