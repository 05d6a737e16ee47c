# shellcheck shell=bash
# build.sh - configure and build the checkout.  Source common.sh first.

# sk_build SOURCE_DIR BUILD_DIR [extra cmake arguments...]
sk_build() {
	local src=$1 dir=$2
	shift 2
	sk_say "building in $dir $*"
	mkdir -p "$dir"
	cmake -S "$src" -B "$dir" "$@" >"$dir/configure.log" 2>&1 ||
		{ cat "$dir/configure.log" >&2; sk_die "cmake configure failed (log above)"; }
	cmake --build "$dir" -j "$(nproc)" ||
		sk_die "build failed in $dir"
}

# sk_find_program BUILD_DIR NAME: path of a built executable.
sk_find_program() {
	local p
	p=$(find "$1" -path "$1/CMakeFiles" -prune -o -type f -name "$2" -perm -u+x -print \
		2>/dev/null | head -n 1)
	[ -n "$p" ] || sk_die "$2 was not built in $1"
	echo "$p"
}
