#!/usr/bin/env bash
# deploy/windows/build-deps.sh [DEPS_DIR] - build the libraries the Windows
# clients link (static, for x86_64-w64-mingw32) from Debian's source
# packages, at the versions pinned below, into DEPS_DIR (default:
# build-windows/deps in the checkout).  Nothing is fetched but Debian source
# packages through apt, and nothing of them is kept in the repository.
#
# Each library goes into its own prefix DEPS_DIR/<package>-<version>, built
# once: a prefix whose stamp matches the version and the recipe is reused, so
# a rerun builds nothing.  The time each build took is printed.  At the end
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
CFLAGS_DEPS="-O2 -g"

# Source package, pinned version, and the Debian suite it comes from.
# libinih: bookworm's source files (55-1) are not on the reachable archive
# mirror; trixie's 59-1 has the same API (ini_parse) and builds the same way.
PINNED=(
	"protobuf-c 1.4.1-1 bookworm"
	"sqlite3 3.40.1-2+deb12u2 bookworm-security"
	"openssl 3.0.20-1~deb12u2 bookworm"
	"libcsv 3.0.3+dfsg-6 bookworm"
	"libinih 59-1 trixie"
	"libevent 2.1.12-stable-8+deb12u1 bookworm-security"
	"cmocka 1.1.5-2.1 bookworm"
	"libxlsxwriter 1.1.4-2 bookworm"
	"libzip 1.7.3-1 bookworm"
	"expat 2.5.0-1+deb12u2 bookworm"
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

# TLS client only: the protocols and algorithms that TLS 1.2/1.3 and
# certificate chains use today stay; the rest is left out, which halves the
# build.  No apps, no tests, no shared libraries, no engines or modules.
# OPENSSLDIR (where a configuration file would be read) is the folder
# OpenSSL itself uses on Windows, writable only by administrators; the
# clients never read CAs from it (the Windows certificate store serves).
# -O2 after its own -O3, as for the other libraries: enough for a client's
# few handshakes.
OPENSSL_OPTIONS=(-O2 no-shared no-tests no-legacy no-module no-engine no-dso no-comp no-dtls no-ssl3
	no-srp no-idea no-mdc2 no-rc5 no-camellia no-aria no-seed no-sm2 no-sm3 no-sm4
	no-whirlpool no-cast no-bf no-rc2 no-rc4 no-md4 no-des no-gost no-siphash no-ts no-ct
	no-ocsp no-srtp no-sctp no-async no-ui-console no-scrypt no-dsa no-cmp no-rfc3779 no-ec2m
	no-siv no-cms no-uplink)
build_openssl() {
	(cd "$2" && "$1/Configure" mingw64 --cross-compile-prefix="$HOST-" --prefix="$3" \
		--openssldir="C:/Program Files/Common Files/SSL" --libdir=lib "${OPENSSL_OPTIONS[@]}" \
		>configure.log 2>&1 &&
		make -j "$JOBS" build_libs >make.log 2>&1 && make install_dev >install.log 2>&1) ||
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

# libevent_core and libevent_extra (evhttp) only: its CMake build would also
# compile both again into the old all-in-one libevent, so only their two
# targets are built and installed by hand (headers, the generated
# event-config.h, the libraries and their pkg-config files).
build_libevent() {
	(cmake -S "$1" -B "$2" -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" -DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_C_FLAGS="$CFLAGS_DEPS" -DCMAKE_INSTALL_PREFIX="$3" -DEVENT__LIBRARY_TYPE=STATIC \
		-DEVENT__DISABLE_OPENSSL=ON -DEVENT__DISABLE_TESTS=ON \
		-DEVENT__DISABLE_REGRESS=ON -DEVENT__DISABLE_SAMPLES=ON -DEVENT__DISABLE_BENCHMARK=ON \
		-DEVENT__DISABLE_DEBUG_MODE=ON &&
		cmake --build "$2" -j "$JOBS" --target event_core_static event_extra_static) \
		>"$2/build.log" 2>&1 || { tail -n 40 "$2/build.log" >&2; return 1; }
	mkdir -p "$3/include/event2" "$3/lib/pkgconfig"
	cp "$1"/include/*.h "$3/include/"
	cp "$1"/include/event2/*.h "$2"/include/event2/*.h "$3/include/event2/"
	cp "$2"/lib/libevent_core.a "$2"/lib/libevent_extra.a "$3/lib/"
	# Its pkg-config files name the Windows libraries with -L, not -l.
	sed 's/-L\(ws2_32\|shell32\|advapi32\)/-l\1/g' "$2/libevent_core.pc" >"$3/lib/pkgconfig/libevent_core.pc"
	sed 's/-L\(ws2_32\|shell32\|advapi32\)/-l\1/g' "$2/libevent_extra.pc" >"$3/lib/pkgconfig/libevent_extra.pc"
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
		[ "$1" != openssl ] || echo "${OPENSSL_OPTIONS[*]}"
		declare -f "build_${1//-/_}" write_pc archive cc cmake_build
		# The toolchain file only for the libraries built with CMake.
		if declare -f "build_${1//-/_}" | grep -q cmake_build; then cat "$TOOLCHAIN"; fi
		"$HOST-gcc" --version | head -n 1
	} | sha256sum | cut -c1-16
}

# CPU seconds (user + system) used so far by the programs this script ran:
# beside the wall time, what a build costs whatever else the machine does.
children_cpu() { # VAR: set VAR (times runs in this shell, not a subshell)
	times >"$DEPS/.times"
	printf -v "$1" '%s' "$(sed -n 2p "$DEPS/.times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m");
		t += p[1] * 60 + p[2] } printf "%d", t }')"
}

prefixes=()
total_started=$SECONDS
for entry in "${PINNED[@]}"; do
	read -r pkg ver _suite <<<"$entry"
	prefix=$DEPS/$pkg-$ver
	key=$(recipe_key "$pkg" "$ver")
	prefixes+=("$prefix")
	if [ "$(cat "$prefix/.sk-built" 2>/dev/null)" = "$key" ]; then
		sk_say "windows library $pkg $ver: already built"
		continue
	fi
	started=$SECONDS
	children_cpu cpu_started
	src=$(fetch "$pkg" "$ver")
	build=$DEPS/build/$pkg-$ver
	rm -rf "$prefix" "$build"
	mkdir -p "$prefix" "$build"
	sk_say "windows library $pkg $ver: building"
	"build_${pkg//-/_}" "$src" "$build" "$prefix" || sk_die "building $pkg $ver for $HOST failed"
	echo "$key" >"$prefix/.sk-built"
	rm -rf "$build"
	children_cpu cpu_now
	sk_say "windows library $pkg $ver: built in $((SECONDS - started))s" \
		"(CPU $((cpu_now - cpu_started))s)"
done

{
	echo "# Written by deploy/windows/build-deps.sh: the Windows libraries' prefixes."
	echo "set(SANGKIEN_WINDOWS_PREFIXES"
	printf '  "%s"\n' "${prefixes[@]}"
	echo ")"
} >"$DEPS/prefixes.cmake"
sk_say "windows libraries ready in $DEPS ($((SECONDS - total_started))s)"
