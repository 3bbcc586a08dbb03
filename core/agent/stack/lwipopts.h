// lwIP options for Routeless agents: one stack per process, owned by one worker thread
// (NO_SYS=1, raw API only), TCP/UDP over IPv4 with 64K-class segments and scaled windows.
// The figures behind each choice are in core/agent/README.md.
#pragma once

#define NO_SYS 1
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_TIMERS 1

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 0
#define LWIP_ETHERNET 0
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_FORWARD 0
#define IP_REASSEMBLY 0
#define IP_FRAG 0
// No link layer: packets start at the IPv4 header.
#define PBUF_LINK_HLEN 0
#define PBUF_LINK_ENCAPSULATION_HLEN 0
// Input packets are read in place from the stdin buffer (custom pbufs keep it alive).
#define LWIP_SUPPORT_CUSTOM_PBUF 1

// 127/8 VIPs leave through the stdio netif, whose /8 netmask covers them: lwIP's loopback
// options stay off (with them, every 127/8 packet would loop back inside the stack). Several
// netifs are needed: ip4_route() only consults netmasks when LWIP_SINGLE_NETIF is 0, and the
// bastion's routing mode adds one /32 netif per intercepted destination address.
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define LWIP_SINGLE_NETIF 0

// Memory from the C heap so that RSS follows use, not a static pool. MEM_SIZE only sizes
// mem_size_t: above 64000 it becomes 32-bit, which 64K pbufs need.
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
#define MEM_SIZE (64 * 1024 * 1024)
#define MEMP_NUM_TCP_PCB 4096
#define MEMP_NUM_TCP_PCB_LISTEN 256
#define MEMP_NUM_TCP_SEG 65535
#define MEMP_NUM_PBUF 65535
#define MEMP_NUM_UDP_PCB 1024
#define PBUF_POOL_SIZE 16
#define PBUF_POOL_BUFSIZE 2048

// 64K-class MTU: the netif MTU is 65535, MSS 65495 as gVisor advertises.
#define TCP_MSS 65495
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE 7
#define TCP_WND (1024 * 1024)
#define TCP_SND_BUF (1024 * 1024)
#define TCP_SND_QUEUELEN 4096
#define TCP_SNDLOWAT (TCP_SND_BUF / 4)
// The u16 low-water check cannot hold with a 64K MSS; with LWIP_WND_SCALE the send buffer
// counters are 32-bit, so the overflow it guards against does not exist here.
#define LWIP_DISABLE_TCP_SANITY_CHECKS 1
#define TCP_SNDQUEUELOWAT (TCP_SND_QUEUELEN / 2)
#define TCP_OVERSIZE TCP_MSS
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_SACK_OUT 0
#define LWIP_TCP_TIMESTAMPS 0
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_KEEPALIVE 1
#define TCP_TTL 64
#define UDP_TTL 64
#define LWIP_CALLBACK_API 1
// Timers: the fast timer (delayed ACKs, refused data) every 100 ms, the slow one every 200 ms.
#define TCP_TMR_INTERVAL 100
// Routing-mode listeners bind foreign addresses on ports other listeners may use.
#define SO_REUSE 1

// We produce valid checksums (gVisor peers verify them). Input checks stay on for IP
// headers only: the stdio link is a reliable pipe and the sender's stack checksummed it.
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_TCP 0
#define CHECKSUM_CHECK_UDP 0
#define CHECKSUM_CHECK_ICMP 1

// lwIP's own checksum sums 16 bits at a time and costs a quarter of the CPU at 64K MTU;
// ours (core/agent/stack/arch/checksum.c) sums 64-bit words. tcp_write computes the payload
// checksum while it copies, so tcp_output only sums the headers.
#define LWIP_CHKSUM routeless_chksum
#define LWIP_CHECKSUM_ON_COPY 1
#define LWIP_CHKSUM_COPY(dst, src, len) routeless_chksum_copy(dst, src, len)
#include "checksum.h"

#define LWIP_STATS 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_DEBUG 0
#define IPV6_FRAG_COPYHEADER 1
