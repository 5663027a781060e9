# The one place where compiler warnings are set. Every target of the project calls
# qf_set_warnings(); CI (the CI environment variable) turns warnings into errors.
set(QF_WARNINGS -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wshadow)
if(DEFINED ENV{CI} OR QF_WERROR)
  list(APPEND QF_WARNINGS -Werror)
endif()

function(qf_set_warnings target)
  target_compile_options(${target} PRIVATE ${QF_WARNINGS})
endfunction()

# qf_library(NAME core SOURCES a.cpp b.cpp DEPS ...) makes the static library qf_core with the
# alias qf::core, the include root at src/, and the project's warnings.
function(qf_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(qf_${ARG_NAME} STATIC ${ARG_SOURCES})
  add_library(qf::${ARG_NAME} ALIAS qf_${ARG_NAME})
  target_include_directories(qf_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(qf_${ARG_NAME} ${ARG_DEPS})
  qf_set_warnings(qf_${ARG_NAME})
endfunction()
