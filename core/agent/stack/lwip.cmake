# lwIP 2.1.3 compiled by the project with our own lwipopts.h (core/agent/stack/lwipopts.h)
# and arch headers (core/agent/stack/arch/). The source is never committed: .ci/fetch-lwip
# unpacks Debian's `lwip` source package into the build tree, or pass -DLWIP_SOURCE_DIR=.
# lwIP's clock (sys_now) is defined by core/agent/stack/netstack.cpp.

set(LWIP_SOURCE_DIR "" CACHE PATH "Path to an unpacked lwIP 2.1.3 source tree")
if(NOT LWIP_SOURCE_DIR)
  set(LWIP_SOURCE_DIR ${CMAKE_BINARY_DIR}/_deps/lwip)
  if(NOT EXISTS ${LWIP_SOURCE_DIR}/src/core/tcp.c)
    message(STATUS "Fetching lwIP source into ${LWIP_SOURCE_DIR}")
    execute_process(COMMAND bash ${PROJECT_SOURCE_DIR}/.ci/fetch-lwip ${LWIP_SOURCE_DIR}
                    RESULT_VARIABLE lwip_fetch_rc)
  endif()
endif()
if(NOT EXISTS ${LWIP_SOURCE_DIR}/src/core/tcp.c)
  message(FATAL_ERROR "lwIP source not found in '${LWIP_SOURCE_DIR}'. Run .ci/fetch-lwip DIR "
                      "(Debian: needs a deb-src entry) or pass -DLWIP_SOURCE_DIR=<lwip-2.1.3>.")
endif()

set(LWIP_CORE_FILES
  core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c core/netif.c
  core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c core/tcp_out.c
  core/timeouts.c core/udp.c
  core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c core/ipv4/icmp.c)
list(TRANSFORM LWIP_CORE_FILES PREPEND ${LWIP_SOURCE_DIR}/src/)

add_library(routeless_lwip STATIC ${LWIP_CORE_FILES} ${CMAKE_CURRENT_LIST_DIR}/arch/checksum.c)
target_include_directories(routeless_lwip SYSTEM PUBLIC
  ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/arch/include ${LWIP_SOURCE_DIR}/src/include)
set_target_properties(routeless_lwip PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_options(routeless_lwip PRIVATE -w)
