#include "netstack/tcpforward.h"

#include <QtDebug>

#include "netstack/netstack.h"
#include "netstack/tcpbridge.h"

extern "C" {
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
}

namespace routeless::netstack {

struct StackToHostForwardCallbacks {
  static err_t accept(void *arg, struct tcp_pcb *pcb, err_t err) {
    if (err != ERR_OK || !pcb) return ERR_VAL;
    if (!arg) {
      tcp_abort(pcb);
      return ERR_ABRT;
    }
    return static_cast<StackToHostForward *>(arg)->onAccept(pcb);
  }
};

StackToHostForward::StackToHostForward(QObject *parent) : QObject(parent) {}

StackToHostForward::~StackToHostForward() {
  if (m_listener) {
    tcp_arg(m_listener, nullptr);
    tcp_accept(m_listener, nullptr);
    tcp_close(m_listener);
  }
}

QString StackToHostForward::description() const {
  return QStringLiteral("%1:%2 -> %3:%4")
      .arg(QHostAddress(m_ip).toString())
      .arg(m_port)
      .arg(m_connectHost)
      .arg(m_connectPort);
}

bool StackToHostForward::listen(quint32 ip, quint16 port, const QString &connectHost,
                                quint16 connectPort, QString *error, bool reuse) {
  m_ip = ip;
  m_port = port;
  m_connectHost = connectHost;
  m_connectPort = connectPort;
  struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (!pcb) {
    if (error) *error = QStringLiteral("lwIP is out of memory");
    return false;
  }
  if (reuse) ip_set_option(pcb, SOF_REUSEADDR);
  ip_addr_t addr;
  ip_addr_set_ip4_u32_val(addr, lwip_htonl(ip));
  err_t err = tcp_bind(pcb, &addr, port);
  if (err != ERR_OK) {
    tcp_close(pcb);
    if (error)
      *error = QStringLiteral("failed to listen on \"%1:%2\" in the network stack: %3")
                   .arg(QHostAddress(ip).toString())
                   .arg(port)
                   .arg(QLatin1String(errorText(err)));
    return false;
  }
  struct tcp_pcb *listener = tcp_listen_with_backlog_and_err(pcb, TCP_DEFAULT_LISTEN_BACKLOG, &err);
  if (!listener) {
    tcp_close(pcb);
    if (error)
      *error = QStringLiteral("failed to listen on \"%1:%2\" in the network stack: %3")
                   .arg(QHostAddress(ip).toString())
                   .arg(port)
                   .arg(QLatin1String(errorText(err)));
    return false;
  }
  m_listener = listener;
  tcp_arg(m_listener, this);
  tcp_accept(m_listener, StackToHostForwardCallbacks::accept);
  return true;
}

signed char StackToHostForward::onAccept(struct tcp_pcb *pcb) {
  TcpBridge *bridge = TcpBridge::fromStack(pcb, m_connectHost, m_connectPort, this);
  ++m_active;
  connect(bridge, &QObject::destroyed, this, [this] {
    if (--m_active == 0) Q_EMIT idle();
  });
  return ERR_OK;
}

HostToStackForward::HostToStackForward(QObject *parent)
    : QObject(parent),
      m_listener([this](qintptr fd) { TcpBridge::intoStack(fd, m_stackIp, m_stackPort, this); }) {
  m_listener.setParent(this);
}

bool HostToStackForward::listen(const QHostAddress &listenAddress, quint16 port, quint32 stackIp,
                                quint16 stackPort, QString *error) {
  m_stackIp = stackIp;
  m_stackPort = stackPort;
  return m_listener.listenOn(listenAddress, port, error);
}

}  // namespace routeless::netstack
