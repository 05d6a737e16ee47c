# shellcheck shell=bash
# debian_root.sh - a fresh Debian 12 root (debootstrap --variant=minbase)
# to install the project's packages into, and commands run inside it.
# Source common.sh first.  Needs root: debootstrap, chroot and dpkg write
# files owned by other users (CI runs as root).
#
# The bootstrapped root is kept as a tar file under the checkout's build/
# (git-ignored), keyed by suite and day, so a clean clone pays for
# debootstrap once (about 1.5 minutes) and each test only unpacks it.

SK_DEBIAN_SUITE=bookworm
# The mirror apt of this machine uses (and a fresh Debian 12's default).
SK_DEBIAN_MIRROR=${SK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SK_DEBIAN_SECURITY=${SK_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}

# sk_debian_root_tar CACHE_DIR: print the path of today's root tarball in
# CACHE_DIR, bootstrapping it when missing (older ones are removed).  Two
# tests asking at once wait for one another.
sk_debian_root_tar() {
	local cache=$1 key tar tmp t0
	sk_is_root || sk_die "a Debian root needs root (debootstrap, chroot, dpkg): run as root, as CI does"
	command -v debootstrap >/dev/null || sk_die "debootstrap is missing (tests/lib/packages.sh)"
	mkdir -p "$cache"
	key="$SK_DEBIAN_SUITE-minbase-$(date -u +%Y%m%d)"
	tar=$cache/$key.tar
	(
		flock 9
		[ -f "$tar" ] && exit 0
		find "$cache" -maxdepth 1 -name "$SK_DEBIAN_SUITE-minbase-*" -exec rm -rf {} +
		tmp=$cache/$key.tmp
		t0=$(date +%s)
		debootstrap --variant=minbase "$SK_DEBIAN_SUITE" "$tmp" "$SK_DEBIAN_MIRROR" \
			>"$cache/$key.log" 2>&1 ||
			{ tail -n 20 "$cache/$key.log" >&2; exit 1; }
		# As a fresh Debian 12 machine: updates and security updates too.
		cat >"$tmp/etc/apt/sources.list" <<-EOF
			deb $SK_DEBIAN_MIRROR $SK_DEBIAN_SUITE main
			deb $SK_DEBIAN_MIRROR $SK_DEBIAN_SUITE-updates main
			deb $SK_DEBIAN_SECURITY $SK_DEBIAN_SUITE-security main
		EOF
		cp /etc/resolv.conf "$tmp/etc/resolv.conf"
		chroot "$tmp" apt-get update -q >>"$cache/$key.log" 2>&1 ||
			{ tail -n 20 "$cache/$key.log" >&2; exit 1; }
		tar -C "$tmp" -cf "$tar.part" . && mv "$tar.part" "$tar" && rm -rf "$tmp" || exit 1
		sk_say "bootstrapped a $SK_DEBIAN_SUITE minbase root in $(($(date +%s) - t0)) s ($tar)"
	) 9>"$cache/lock" || sk_die "debootstrap of $SK_DEBIAN_SUITE failed (log: $cache/$key.log)"
	echo "$tar"
}

# sk_debian_root_unpack TAR DIR: a new root in DIR from the tarball.
sk_debian_root_unpack() {
	mkdir -p "$2" && tar -C "$2" -xf "$1" || sk_die "cannot unpack $1 into $2"
	cp /etc/resolv.conf "$2/etc/resolv.conf"
}

# sk_in_root ROOT [--userspec=USER:GROUP] [--bind=DIR] CMD...: run CMD
# chrooted in ROOT, with /proc mounted (the sanitizers read
# /proc/self/maps) and the host's DIR at the same path inside, in a mount
# namespace of its own, so nothing stays mounted when CMD ends.
sk_in_root() {
	local root=$1 spec=() bind=
	shift
	while :; do
		case ${1:-} in
		--userspec=*) spec=("$1") ;;
		--bind=*) bind=${1#--bind=} && mkdir -p "$root$bind" ;;
		*) break ;;
		esac
		shift
	done
	unshare --mount --propagation private -- sh -c \
		'r=$1 b=$2; shift 2
		mount -t proc proc "$r/proc" || exit 1
		[ -z "$b" ] || mount --bind "$b" "$r$b" || exit 1
		exec chroot "$@"' \
		sh "$root" "$bind" "${spec[@]}" "$root" "$@"
}
