# shellcheck shell=bash disable=SC2034
# Settings and helpers shared by the host scripts.  Sourced, never run.
#
# Two variants of the kernel are built from one base:
#   patched  build/patched/tree  the developer's work tree (base + patches/)
#   base     build/base/tree     a git worktree of the pristine base commit,
#                                with the series' mm/gup_test patches on top
# Each builds into obj/ beside its tree, so that the relative path from the
# objects to the sources is the same for both and ccache can share objects.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}

# The base the series is developed against.
BASE_PKG=linux-source-6.12
BASE_VERSION=6.12.117-1~deb12u1
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
BASE_TAG=base
# Debian's kernel configurations of the same version (DEBIAN=1 uses amd64's).
BASE_CONFIG_PKG=linux-config-6.12
DEBIAN_CONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz

if [ "${BASE:-0}" = 1 ]; then
	VARIANT=base
else
	VARIANT=patched
fi
WORK_TREE=$BUILD/patched/tree
TREE=$BUILD/$VARIANT/tree
OUT=$BUILD/$VARIANT
# Each configuration builds and reports apart: obj[-debian][-debug].
suffix=
[ "${DEBIAN:-0}" = 1 ] && suffix+=-debian
[ "${DEBUG:-0}" = 1 ] && suffix+=-debug
OBJ=$OUT/obj$suffix
RESULTS=$OUT/results$suffix

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# git in the kernel work tree.
wgit() { git -C "$WORK_TREE" "$@"; }

# The patches of patches/series, in order, as paths.
series_patches() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/patches/series" |
		sed "s|^|$TOP/patches/|"
}

# The stamp records which patches/ the work tree's HEAD holds: written when
# the series is applied or exported, read by scripts/tree.sh.
SERIES_STAMP=$BUILD/patched/series.stamp
series_hash() {
	# shellcheck disable=SC2046
	cat /dev/null $(series_patches) | sha1sum | cut -d' ' -f1
}
write_series_stamp() {
	printf '%s %s\n' "$1" "$(wgit rev-parse HEAD)" > "$SERIES_STAMP"
}

# The series' patches to mm/gup_test (a debugfs test interface), which the
# base variant carries too, and what the base tree was made from.
base_test_patches() { series_patches | grep -- '/[0-9]*-mm-gup_test-[^/]*$'; }
BASE_STAMP=$BUILD/base/tree.stamp
base_test_hash() {
	# shellcheck disable=SC2046
	cat /dev/null $(base_test_patches) | sha1sum | cut -d' ' -f1
}

# make in a kernel tree, objects out of tree, ccache when it is installed.
kmake() {
	local cc=gcc
	command -v ccache >/dev/null && cc="ccache gcc"
	CCACHE_BASEDIR=$OUT make -C "$TREE" O="$OBJ" CC="$cc" HOSTCC="$cc" \
		-j"$(nproc)" -s "$@"
}
