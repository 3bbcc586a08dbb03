#pragma once
// A TCP listener inside the stack (an lwIP listening pcb on ip:port): hands each accepted pcb
// to its owner. Loop thread only; it never keeps an accepted pcb, and it stops accepting (and
// frees its pcb) when destroyed, so its owner destroys the accepted connections first.
#include <cstdint>
#include <functional>
#include <string>

struct tcp_pcb;

namespace routeless::agent {

class StackListener {
 public:
  // Takes the accepted pcb and returns lwIP's err_t: ERR_OK, or ERR_ABRT after tcp_abort().
  using AcceptHandler = std::function<signed char(struct tcp_pcb *accepted)>;

  explicit StackListener(AcceptHandler onAccept);
  ~StackListener();
  StackListener(const StackListener &) = delete;
  StackListener &operator=(const StackListener &) = delete;

  // Listens on ip:port (host order). `reuse`: SO_REUSEADDR, to listen again on a port whose
  // old connections are still closing. The error says where and what lwIP answered.
  bool listen(uint32_t ip, uint16_t port, int backlog, std::string *error, bool reuse = false);
  bool isListening() const { return m_pcb != nullptr; }

  signed char lwipAccept(struct tcp_pcb *accepted);  // the trampoline calls this only

 private:
  AcceptHandler m_onAccept;
  struct tcp_pcb *m_pcb = nullptr;
};

}  // namespace routeless::agent
