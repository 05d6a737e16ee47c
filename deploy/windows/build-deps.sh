#!/usr/bin/env bash
# deploy/windows/build-deps.sh [DEPS_DIR] - build the libraries the Windows
# clients link (static, for x86_64-w64-mingw32) from Debian's source
# packages, at the versions pinned below, into DEPS_DIR (default:
# build-windows/deps in the checkout).  Nothing is fetched but Debian source
# packages through apt, and nothing of them is kept in the repository.
#
# Each library goes into its own prefix DEPS_DIR/<package>-<version>, built
# once: a prefix whose stamp matches the version and the recipe is reused, so
# a rerun builds nothing.  The sources are fetched first, then the libraries
# are built side by side, as many at once as there are CPUs (the longest
# first), each logging to DEPS_DIR/build/<package>.log.  The wall time and
# CPU time of each build and of the whole are printed.  At the end
# DEPS_DIR/prefixes.cmake lists the prefixes for deploy/windows/mingw64.cmake.
#
# Needs: gcc-mingw-w64-x86-64, libz-mingw-w64-dev, cmake, dpkg-dev (dpkg-source), tcl (SQLite
# generates its amalgamation with tclsh); tests/lib/packages.sh lists them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/lib/common.sh"

DEPS=${1:-$ROOT/build-windows/deps}
mkdir -p "$DEPS"
DEPS=$(cd "$DEPS" && pwd -P)
HOST=x86_64-w64-mingw32
TOOLCHAIN=$ROOT/deploy/windows/mingw64.cmake
JOBS=$(nproc)
# No debugging information: nobody steps into these libraries, and it
# makes every compilation slower.
CFLAGS_DEPS="-O2"

# Source package, pinned version, and the Debian suite it comes from,
# longest build first (the order they are started in).
# libinih: bookworm's source files (55-1) are not on the reachable archive
# mirror; trixie's 59-1 has the same API (ini_parse) and builds the same way.
PINNED=(
	"openssl 3.0.20-1~deb12u2 bookworm"
	"libevent 2.1.12-stable-8+deb12u1 bookworm-security"
	"sqlite3 3.40.1-2+deb12u2 bookworm-security"
	"libzip 1.7.3-1 bookworm"
	"libxlsxwriter 1.1.4-2 bookworm"
	"cmocka 1.1.5-2.1 bookworm"
	"expat 2.5.0-1+deb12u2 bookworm"
	"protobuf-c 1.4.1-1 bookworm"
	"libcsv 3.0.3+dfsg-6 bookworm"
	"libinih 59-1 trixie"
)

# apt is used with a configuration of its own in DEPS/apt (deb-src lines
# only, its own package lists), so the system's sources stay as they are.
APT_DIR=$DEPS/apt
APT_OPTS=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$APT_DIR/sources"
	-o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache"
	-o "APT::Sandbox::User=root" -q)

apt_setup() {
	[ -f "$APT_DIR/lists/.updated" ] && return 0
	mkdir -p "$APT_DIR/sources" "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	cat >"$APT_DIR/sources/debian-src.sources" <<-'EOF'
		Types: deb-src
		URIs: http://deb.debian.org/debian
		Suites: bookworm bookworm-updates trixie
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

		Types: deb-src
		URIs: http://deb.debian.org/debian-security
		Suites: bookworm-security
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	sk_say "apt-get update (source package lists, in $APT_DIR)"
	apt-get "${APT_OPTS[@]}" update >"$APT_DIR/update.log" 2>&1 ||
		{ cat "$APT_DIR/update.log" >&2; sk_die "apt-get update of the source lists failed"; }
	touch "$APT_DIR/lists/.updated"
}

# fetch PACKAGE VERSION: unpack the Debian source (with Debian's patches
# applied) into DEPS/src/PACKAGE-VERSION; prints that directory.
fetch() {
	local pkg=$1 ver=$2 dir=$DEPS/src/$1-$2 dl=$DEPS/src/download
	if [ ! -f "$dir/.sk-unpacked" ]; then
		apt_setup
		mkdir -p "$dl"
		(cd "$dl" && apt-get "${APT_OPTS[@]}" source --download-only "$pkg=$ver") \
			>"$DEPS/src/$pkg-fetch.log" 2>&1 || {
			cat "$DEPS/src/$pkg-fetch.log" >&2
			sk_warn "versions of $pkg on the archive now:"
			apt-cache "${APT_OPTS[@]}" showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: /  /p' >&2
			sk_die "cannot fetch the source of $pkg $ver (pinned in $0)"
		}
		rm -rf "$dir"
		dpkg-source -x "$dl/${pkg}_${ver#*:}.dsc" "$dir" \
			>"$DEPS/src/$pkg-unpack.log" 2>&1 ||
			{ cat "$DEPS/src/$pkg-unpack.log" >&2; sk_die "dpkg-source -x failed for $pkg"; }
		touch "$dir/.sk-unpacked"
	fi
	echo "$dir"
}

# write_pc PREFIX NAME VERSION LIBS [LIBS_PRIVATE]: a pkg-config file for
# the libraries built without their own build system.
write_pc() {
	mkdir -p "$1/lib/pkgconfig"
	cat >"$1/lib/pkgconfig/$2.pc" <<-EOF
		prefix=$1
		libdir=\${prefix}/lib
		includedir=\${prefix}/include

		Name: $2
		Description: $2 for $HOST (deploy/windows/build-deps.sh)
		Version: $3
		Libs: -L\${libdir} $4
		Libs.private: ${5:-}
		Cflags: -I\${includedir}
	EOF
}

# archive PREFIX LIBNAME OBJECTS...: a static library in PREFIX/lib.
archive() {
	local prefix=$1 name=$2
	shift 2
	mkdir -p "$prefix/lib"
	rm -f "$prefix/lib/lib$name.a"
	"$HOST-ar" rcs "$prefix/lib/lib$name.a" "$@"
}

cc() { "$HOST-gcc" $CFLAGS_DEPS "$@"; }

# cmake_build SRC BUILD PREFIX ARGS...: a library with its own CMake build,
# cross-compiled with the project's toolchain file.
cmake_build() {
	local src=$1 build=$2 prefix=$3
	shift 3
	cmake -S "$src" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
		-DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="$CFLAGS_DEPS" \
		-DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib "$@"
	cmake --build "$build" -j "$JOBS"
	cmake --install "$build"
}

# Each build_PACKAGE SRC BUILD PREFIX installs headers, a static library and
# a pkg-config file (libcsv: none, CMake finds it by name) into PREFIX.

build_protobuf_c() { # the runtime only; protoc-c runs on the build machine
	cc -I"$1" -c "$1/protobuf-c/protobuf-c.c" -o "$2/protobuf-c.o"
	archive "$3" protobuf-c "$2/protobuf-c.o"
	mkdir -p "$3/include/protobuf-c"
	cp "$1/protobuf-c/protobuf-c.h" "$3/include/protobuf-c/"
	write_pc "$3" libprotobuf-c 1.4.1 -lprotobuf-c
}

build_sqlite3() {
	# The amalgamation is generated by the native tools of the source tree.
	(cd "$2" && "$1/configure" --disable-tcl >configure.log 2>&1 && make sqlite3.c >make.log 2>&1)
	cc -DSQLITE_THREADSAFE=1 -DSQLITE_DEFAULT_FOREIGN_KEYS=0 -DSQLITE_OMIT_LOAD_EXTENSION \
		-DSQLITE_ENABLE_COLUMN_METADATA -I"$2" -c "$2/sqlite3.c" -o "$2/sqlite3.o"
	archive "$3" sqlite3 "$2/sqlite3.o"
	mkdir -p "$3/include"
	cp "$2/sqlite3.h" "$2/sqlite3ext.h" "$3/include/"
	write_pc "$3" sqlite3 3.40.1 -lsqlite3
}

# TLS client only: TLS 1.2 and 1.3 and the algorithms they and certificate
# chains use today stay; the rest is left out, and with it the deprecated
# API (the clients use none of it) and the configuration file read at start.
# The libraries alone are built (build_libs: no apps, tests or manuals;
# OpenSSL 3.0 has no option to leave those out of the configuration), no
# shared libraries, engines or modules.  -O1 after its own -O3: its 700
# files are most of the libraries' build, and a client's hot paths
# (SHA-256, AES-GCM, P-256, X25519) are OpenSSL's assembler, which the
# level does not touch.  OPENSSLDIR is the folder OpenSSL itself uses on
# Windows, writable only by administrators, given to make: Configure on
# Linux takes "C:/..." for a relative path and would put it under the
# prefix, a folder of this machine.  The clients read no CAs from it (the
# Windows certificate store serves).
OPENSSL_DIR_WINDOWS="C:/Program Files/Common Files/SSL"
OPENSSL_OPTIONS=(-O1 no-shared no-tests no-legacy no-module no-engine no-dso no-comp no-dtls
	no-ssl3 no-tls1 no-tls1_1 no-srp no-psk no-idea no-mdc2 no-rc5 no-camellia no-aria
	no-seed no-sm2 no-sm3 no-sm4 no-whirlpool no-cast no-bf no-rc2 no-rc4 no-md4 no-des
	no-gost no-siphash no-blake2 no-rmd160 no-ocb no-ts no-ct no-ocsp no-srtp no-sctp
	no-dgram no-async no-ui-console no-scrypt no-dsa no-cmp no-rfc3779 no-ec2m no-siv no-cms
	no-uplink no-deprecated no-nextprotoneg no-ssl-trace no-multiblock no-padlockeng
	no-afalgeng no-filenames no-autoload-config)
build_openssl() {
	(cd "$2" && "$1/Configure" mingw64 --cross-compile-prefix="$HOST-" --prefix="$3" \
		--libdir=lib "${OPENSSL_OPTIONS[@]}" >configure.log 2>&1 &&
		make -j "$JOBS" OPENSSLDIR="$OPENSSL_DIR_WINDOWS" build_libs >make.log 2>&1 &&
		make install_dev >install.log 2>&1) ||
		{ tail -n 40 "$2"/*.log >&2; return 1; }
}

build_libcsv() {
	cc -I"$1" -c "$1/libcsv.c" -o "$2/libcsv.o"
	archive "$3" csv "$2/libcsv.o"
	mkdir -p "$3/include"
	cp "$1/csv.h" "$3/include/"
}

build_libinih() { # with the defaults of its meson build, as Debian builds it
	cc -I"$1" -c "$1/ini.c" -o "$2/ini.o"
	archive "$3" inih "$2/ini.o"
	mkdir -p "$3/include"
	cp "$1/ini.h" "$3/include/"
	write_pc "$3" inih 59 -linih
}

# libevent_core and libevent_extra (evhttp) only, with the autotools build
# Debian uses (its configure checks cost a third of what the CMake build's
# take).  Debian's one patch to Makefile.am (-no-undefined) concerns shared
# libraries: automake is not run again for it.  The generated
# event-config.h defines _FILE_OFFSET_BITS for whoever includes libevent;
# on Windows its API takes no off_t (ev_off_t is 64-bit there), so the
# define is left out of the installed copy and the clients' files keep
# mingw's own off_t, as they have without libevent.
build_libevent() {
	local mk=(make AUTOMAKE=: ACLOCAL=: AUTOCONF=: AUTOHEADER=:)
	(cd "$2" && "$1/configure" --host="$HOST" --prefix="$3" --disable-shared --enable-static \
		--disable-openssl --disable-samples --disable-libevent-regress --disable-debug-mode \
		--disable-dependency-tracking CFLAGS="$CFLAGS_DEPS" &&
		"${mk[@]}" include/event2/event-config.h &&
		"${mk[@]}" -j "$JOBS" libevent_core.la libevent_extra.la) \
		>"$2/build.log" 2>&1 || { tail -n 40 "$2/build.log" >&2; return 1; }
	mkdir -p "$3/include/event2" "$3/lib/pkgconfig"
	cp "$1"/include/*.h "$3/include/"
	cp "$1"/include/event2/*.h "$3/include/event2/"
	sed '/^#define _FILE_OFFSET_BITS /d' "$2/include/event2/event-config.h" \
		>"$3/include/event2/event-config.h"
	cp "$2"/.libs/libevent_core.a "$2"/.libs/libevent_extra.a "$3/lib/"
	cp "$2/libevent_core.pc" "$2/libevent_extra.pc" "$3/lib/pkgconfig/"
}

# libxlsxwriter's CMake project enables C++ for its C++ header test alone
# (test/cpp, BUILD_TESTS): without that line it is the C project it is, so
# no C++ cross compiler is needed, and the build machine's g++ is never
# taken for one.
build_libxlsxwriter() { # zlib from Debian's libz-mingw-w64-dev, its own minizip
	sed -i '/^enable_language(CXX)$/d' "$1/CMakeLists.txt"
	cmake_build "$1" "$2" "$3" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF \
		-DUSE_SYSTEM_MINIZIP=OFF >"$2/build.log" 2>&1 ||
		{ tail -n 40 "$2/build.log" >&2; return 1; }
}

# The library alone (no tools, tests, examples or manuals), deflate only
# (what .xlsx files use: no bzip2, LZMA or encryption).  A static libzip
# on Windows needs ZIP_STATIC where zip.h is included, or its functions
# are declared as imported from a DLL: the pkg-config file says so.
build_libzip() {
	cmake_build "$1" "$2" "$3" -DBUILD_SHARED_LIBS=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF \
		-DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
		-DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
		-DENABLE_WINDOWS_CRYPTO=OFF >"$2/build.log" 2>&1 ||
		{ tail -n 40 "$2/build.log" >&2; return 1; }
	sed -i 's/^Cflags: .*/& -DZIP_STATIC/' "$3/lib/pkgconfig/libzip.pc"
}

# Debian's security fixes test "#if XML_DTD == 1", as its autotools build
# defines it; the CMake build's template defines XML_DTD empty: given 1 here.
build_expat() { # the library alone: no xmlwf, tests, examples or manual
	sed -i 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' "$1/expat/expat_config.h.cmake"
	cmake_build "$1/expat" "$2" "$3" -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
		-DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
		-DEXPAT_BUILD_PKGCONFIG=ON >"$2/build.log" 2>&1 ||
		{ tail -n 40 "$2/build.log" >&2; return 1; }
}

build_cmocka() { # the static library under the usual name, no DLL
	cmake_build "$1" "$2" "$3" -DWITH_STATIC_LIB=ON -DWITH_EXAMPLES=OFF \
		-DUNIT_TESTING=OFF >"$2/build.log" 2>&1 ||
		{ tail -n 40 "$2/build.log" >&2; return 1; }
	rm -f "$3/lib/libcmocka.dll.a" "$3/bin/cmocka.dll"
	mv "$3/lib/libcmocka-static.a" "$3/lib/libcmocka.a"
}

# The stamp says what was built: a changed version, recipe or flag rebuilds.
recipe_key() { # PACKAGE VERSION
	{
		echo "$1 $2 $CFLAGS_DEPS"
		[ "$1" != openssl ] || echo "${OPENSSL_OPTIONS[*]} $OPENSSL_DIR_WINDOWS"
		declare -f "build_${1//-/_}" write_pc archive cc cmake_build
		# The toolchain file only for the libraries built with CMake.
		if declare -f "build_${1//-/_}" | grep -q cmake_build; then cat "$TOOLCHAIN"; fi
		"$HOST-gcc" --version | head -n 1
	} | sha256sum | cut -c1-16
}

# cpu_seconds FILE: user + system seconds of the children in the output of
# bash's `times` (its second line) kept in FILE.
cpu_seconds() {
	sed -n 2p "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m");
		t += p[1] * 60 + p[2] } printf "%d", t }'
}

# build_job PACKAGE VERSION SRC: one library into its prefix, in a
# subshell of its own; on success writes "WALL CPU" (seconds; CPU: user +
# system of everything it ran, whatever else the machine does) to
# DEPS/build/PACKAGE.done.
build_job() {
	local pkg=$1 ver=$2 src=$3 started=$SECONDS
	local prefix=$DEPS/$1-$2 build=$DEPS/build/$1-$2
	rm -rf "$prefix" "$build" "$DEPS/build/$pkg.done"
	mkdir -p "$prefix" "$build"
	"build_${pkg//-/_}" "$src" "$build" "$prefix" || return 1
	rm -rf "$build"
	times >"$DEPS/build/$pkg.times"
	echo "$((SECONDS - started)) $(cpu_seconds "$DEPS/build/$pkg.times")" >"$DEPS/build/$pkg.done"
}

prefixes=()
todo=()
total_started=$SECONDS
for entry in "${PINNED[@]}"; do
	read -r pkg ver _suite <<<"$entry"
	prefix=$DEPS/$pkg-$ver
	prefixes+=("$prefix")
	if [ "$(cat "$prefix/.sk-built" 2>/dev/null)" = "$(recipe_key "$pkg" "$ver")" ]; then
		sk_say "windows library $pkg $ver: already built"
	else
		todo+=("$pkg $ver")
	fi
done

# Every source first (apt one at a time), then the builds side by side.
fetch_started=$SECONDS
srcs=()
for entry in "${todo[@]}"; do
	read -r pkg ver <<<"$entry"
	srcs+=("$(fetch "$pkg" "$ver")")
done
[ "${#todo[@]}" -eq 0 ] || sk_say "windows library sources fetched in $((SECONDS - fetch_started))s"

mkdir -p "$DEPS/build"
for i in "${!todo[@]}"; do
	read -r pkg ver <<<"${todo[$i]}"
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n || true
	done
	sk_say "windows library $pkg $ver: building (log: $DEPS/build/$pkg.log)"
	(build_job "$pkg" "$ver" "${srcs[$i]}") >"$DEPS/build/$pkg.log" 2>&1 &
done
wait

failed=()
summary=()
for entry in "${todo[@]}"; do
	read -r pkg ver <<<"$entry"
	if read -r wall cpu <"$DEPS/build/$pkg.done" 2>/dev/null; then
		recipe_key "$pkg" "$ver" >"$DEPS/$pkg-$ver/.sk-built"
		summary+=("$(printf '%-14s %-28s %5ss %5ss' "$pkg" "$ver" "$wall" "$cpu")")
	else
		sk_warn "building $pkg $ver for $HOST failed; the end of $DEPS/build/$pkg.log:"
		tail -n 40 "$DEPS/build/$pkg.log" >&2
		failed+=("$pkg")
	fi
done
[ "${#failed[@]}" -eq 0 ] || sk_die "Windows libraries not built: ${failed[*]}"

{
	echo "# Written by deploy/windows/build-deps.sh: the Windows libraries' prefixes."
	echo "set(SANGKIEN_WINDOWS_PREFIXES"
	printf '  "%s"\n' "${prefixes[@]}"
	echo ")"
} >"$DEPS/prefixes.cmake"
if [ "${#summary[@]}" -gt 0 ]; then
	times >"$DEPS/build/all.times"
	sk_say "windows libraries built ($JOBS at a time; wall and CPU seconds):"
	printf '  %s\n' "${summary[@]}" >&2
	sk_say "windows libraries: all in $((SECONDS - total_started))s," \
		"CPU $(cpu_seconds "$DEPS/build/all.times")s"
fi
sk_say "windows libraries ready in $DEPS ($((SECONDS - total_started))s)"
