# The agent-only build (-DROUTELESS_AGENT_ONLY=ON, normally with a cmake/toolchains/ file):
# core/agent and app/agent, nothing that needs Qt, yaml-cpp or OpenSSL. cmake/AgentTargets.cmake
# runs it once per cross target.
set(CMAKE_AUTOMOC OFF)
find_package(Threads REQUIRED)

# nlohmann-json is header-only and sits in the build machine's /usr/include, outside a cross
# toolchain's root. Only its own folder is exposed (through a link in the build tree), never all
# of /usr/include, whose glibc headers would shadow the target's.
set(ROUTELESS_NLOHMANN_INCLUDE_DIR /usr/include CACHE PATH "Folder holding nlohmann/json.hpp")
if(NOT EXISTS ${ROUTELESS_NLOHMANN_INCLUDE_DIR}/nlohmann/json.hpp)
  message(FATAL_ERROR "nlohmann/json.hpp not found under '${ROUTELESS_NLOHMANN_INCLUDE_DIR}' "
                      "(Debian: nlohmann-json3-dev); pass -DROUTELESS_NLOHMANN_INCLUDE_DIR=")
endif()
set(nlohmann_link_dir ${CMAKE_BINARY_DIR}/_deps/nlohmann-include)
file(MAKE_DIRECTORY ${nlohmann_link_dir})
file(CREATE_LINK ${ROUTELESS_NLOHMANN_INCLUDE_DIR}/nlohmann ${nlohmann_link_dir}/nlohmann SYMBOLIC)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES ${nlohmann_link_dir})

add_subdirectory(core/agent)
add_subdirectory(app/agent)
