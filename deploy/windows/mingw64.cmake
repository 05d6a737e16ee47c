# CMake toolchain file: 64-bit Windows with Debian's mingw-w64 cross compiler
# (gcc-mingw-w64-x86-64).  Used for the clients (deploy/windows/README, the
# top-level README) and by deploy/windows/build-deps.sh for the libraries
# that have a CMake build.
#
#   cmake -S . -B build-windows -DCMAKE_TOOLCHAIN_FILE=deploy/windows/mingw64.cmake \
#         -DSANGKIEN_WINDOWS_DEPS=build-windows/deps
#
# SANGKIEN_WINDOWS_DEPS is the folder build-deps.sh filled; its libraries are
# found through their pkg-config files, linked statically.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(SANGKIEN_MINGW_HOST x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${SANGKIEN_MINGW_HOST}-gcc)
set(CMAKE_RC_COMPILER ${SANGKIEN_MINGW_HOST}-windres)
set(CMAKE_AR ${SANGKIEN_MINGW_HOST}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${SANGKIEN_MINGW_HOST}-ranlib CACHE FILEPATH "")

set(CMAKE_FIND_ROOT_PATH /usr/${SANGKIEN_MINGW_HOST})
if(SANGKIEN_WINDOWS_DEPS)
  # A relative folder is taken from where cmake was started.
  get_filename_component(_sk_deps "${SANGKIEN_WINDOWS_DEPS}" ABSOLUTE BASE_DIR "$ENV{PWD}")
  if(NOT EXISTS "${_sk_deps}/prefixes.cmake")
    message(FATAL_ERROR "${_sk_deps}/prefixes.cmake is missing: run deploy/windows/build-deps.sh")
  endif()
  include("${_sk_deps}/prefixes.cmake")
  list(APPEND CMAKE_FIND_ROOT_PATH ${SANGKIEN_WINDOWS_PREFIXES})
  # pkg-config sees only these libraries, never the build machine's.
  set(_sk_pc "")
  foreach(p ${SANGKIEN_WINDOWS_PREFIXES})
    list(APPEND _sk_pc "${p}/lib/pkgconfig")
  endforeach()
  string(REPLACE ";" ":" _sk_pc "${_sk_pc}")
  set(ENV{PKG_CONFIG_LIBDIR} "${_sk_pc}")
  unset(ENV{PKG_CONFIG_PATH})
  set(PKG_CONFIG_ARGN --static)
endif()

# Programs (protoc-c) run on the build machine; libraries and headers come
# from the Windows side only.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
