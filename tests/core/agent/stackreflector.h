#pragma once
// A PacketSink for agent tests that run both ends inside one NetStack: every packet leaving
// the stack comes back in on the next loop pass, as if the manager had switched it to the agent
// that owns its destination. Test-only; it never holds a packet past the loop's next pass.

#include <string>

#include "agent/loop/eventloop.h"
#include "agent/stack/netstack.h"

namespace routeless::agenttest {

class Reflector : public agent::PacketSink {
 public:
  explicit Reflector(agent::EventLoop &loop) : m_loop(loop) {}
  agent::NetStack *stack = nullptr;  // null: packets are dropped
  void sendPacket(agent::OutgoingPacket packet) override {
    agent::ConstBuffer parts[64];
    const int n = packet.buffers(parts, 64);
    std::string copy;
    copy.reserve(packet.size());
    for (int i = 0; i < n; ++i)
      copy.append(static_cast<const char *>(parts[i].data), parts[i].size);
    m_loop.defer([this, copy = std::move(copy)] {
      if (stack) stack->input(copy.data(), copy.size());
    });
  }

 private:
  agent::EventLoop &m_loop;
};

}  // namespace routeless::agenttest
