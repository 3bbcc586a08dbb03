# Every agent build this build can make, laid out as the package ships them and as the
# manager's zero-install looks them up: share/routeless/agents/<os>-<arch>/routeless-agent[.exe]
# (in the build tree beside bin/, in the package under the install prefix).
#
# -DROUTELESS_AGENT_TARGETS=linux-arm64;windows-x86_64 adds cross builds: each is a build of
# this source tree in agent-only mode (cmake/AgentOnly.cmake) with cmake/toolchains/<t>.cmake
# and the same lwIP source as the native build.
set(ROUTELESS_AGENT_TARGETS "" CACHE STRING
    "Cross builds of routeless-agent (linux-arm64, windows-x86_64), ;-separated")
set(ROUTELESS_AGENTS_DIR ${CMAKE_BINARY_DIR}/share/routeless/agents)

# The native agent: <os>-<arch> named as `uname -sm` is mapped by core/mesh/agentbuilds.cpp.
string(TOLOWER "${CMAKE_SYSTEM_NAME}" native_os)
string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" native_arch)
if(native_arch MATCHES "^(amd64|x64)$")
  set(native_arch x86_64)
elseif(native_arch STREQUAL "aarch64")
  set(native_arch arm64)
endif()
set(ROUTELESS_NATIVE_AGENT_TARGET ${native_os}-${native_arch})
add_custom_target(routeless-agent-native ALL
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ROUTELESS_AGENTS_DIR}/${ROUTELESS_NATIVE_AGENT_TARGET}
  # Stripped: this is the copy zero-install uploads (1.6 MB instead of 12 MB with debug info).
  COMMAND ${CMAKE_STRIP} -o ${ROUTELESS_AGENTS_DIR}/${ROUTELESS_NATIVE_AGENT_TARGET}/routeless-agent
          $<TARGET_FILE:routeless-agent>
  DEPENDS routeless-agent
  VERBATIM)
install(PROGRAMS ${ROUTELESS_AGENTS_DIR}/${ROUTELESS_NATIVE_AGENT_TARGET}/routeless-agent
        DESTINATION share/routeless/agents/${ROUTELESS_NATIVE_AGENT_TARGET})

set(lwip_dir "${LWIP_SOURCE_DIR}")
if(NOT lwip_dir)
  set(lwip_dir ${CMAKE_BINARY_DIR}/_deps/lwip)  # where core/agent/stack/lwip.cmake fetched it
endif()
include(ExternalProject)
foreach(t IN LISTS ROUTELESS_AGENT_TARGETS)
  set(toolchain ${PROJECT_SOURCE_DIR}/cmake/toolchains/${t}.cmake)
  if(NOT EXISTS ${toolchain})
    file(GLOB known RELATIVE ${PROJECT_SOURCE_DIR}/cmake/toolchains
         ${PROJECT_SOURCE_DIR}/cmake/toolchains/*.cmake)
    string(REPLACE ".cmake" "" known "${known}")
    message(FATAL_ERROR "ROUTELESS_AGENT_TARGETS: no toolchain for '${t}' (known: ${known})")
  endif()
  set(exe routeless-agent)
  if(t MATCHES "^windows-")
    set(exe routeless-agent.exe)
  endif()
  ExternalProject_Add(routeless-agent-${t}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/agent-builds/${t}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${toolchain}
      -DROUTELESS_AGENT_ONLY=ON
      # -O2 as the native build (Release's -O3 trips GCC 12's false -Wrestrict, bug 105329,
      # in std::string concatenations); stripped, as these are copied to hosts.
      -DCMAKE_BUILD_TYPE=RelWithDebInfo
      -DCMAKE_EXE_LINKER_FLAGS=-s
      -DROUTELESS_WERROR=${ROUTELESS_WERROR}
      -DLWIP_SOURCE_DIR=${lwip_dir}
      -DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER}
      -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target routeless-agent
    COMMAND ${CMAKE_COMMAND} -E make_directory ${ROUTELESS_AGENTS_DIR}/${t}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different <BINARY_DIR>/bin/${exe} ${ROUTELESS_AGENTS_DIR}/${t}/
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${ROUTELESS_AGENTS_DIR}/${t}/${exe})
  add_dependencies(routeless-agent-${t} routeless-agent)  # lwIP fetched once, by the native build
  install(PROGRAMS ${ROUTELESS_AGENTS_DIR}/${t}/${exe} DESTINATION share/routeless/agents/${t})
endforeach()
