#pragma once
// One TCP connection inside the stack that the speed test ends (its both sides): a StackTcp
// that can also stream zeros for as long as the window allows. Only the loop thread touches
// it; it never deletes itself (its owner does, outside lwIP). It owns onWritable.

#include "agent/stack/stacktcp.h"

namespace routeless::agent {

class StackConnection : public StackTcp {
 public:
  StackConnection();  // unconnected: call dial()
  explicit StackConnection(struct tcp_pcb *accepted);

  // Sends zeros until stopZeros(), shutdownWrite() or close().
  void startZeros();
  void stopZeros() { m_zeros = false; }

 private:
  void fillZeros();

  bool m_zeros = false;
};

}  // namespace routeless::agent
