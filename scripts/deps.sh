#!/usr/bin/env bash
# Install the Debian packages the build, the guest and the tests need.
# As root this runs apt-get; otherwise it prints the command and stops.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel build
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod rsync
	ccache python3 git
	# checkpatch.pl's SPDX check
	python3-ply python3-git
	# guest userspace, copied into the initramfs
	busybox-static ndctl daxctl e2fsprogs xfsprogs nvme-cli
	# selftest build dependencies
	liburing-dev libcap-dev
	# the machine
	qemu-system-x86
	# make cross: the series on other architectures with ZONE_DEVICE
	gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu
	# host script lint
	shellcheck
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

# The base source, pinned.  Fall back to the newest 6.12 served, loudly.
served() { apt-cache madison "$BASE_PKG" | awk -v v="$1" '$3 == v { f = 1 } END { exit !f }'; }
have=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
if [ "$have" != "$BASE_VERSION" ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq
	fi
	if served "$BASE_VERSION"; then
		missing+=("$BASE_PKG=$BASE_VERSION")
	else
		newest=$(apt-cache policy "$BASE_PKG" | awk '/Candidate:/ { print $2 }')
		if [ -z "$newest" ] || [ "$newest" = "(none)" ]; then
			die "$BASE_PKG is not available from the configured archives"
		fi
		warn "$BASE_PKG $BASE_VERSION is no longer served; using $newest" \
			"(the series was developed against $BASE_VERSION)"
		[ "$have" = "$newest" ] || missing+=("$BASE_PKG=$newest")
	fi
fi

[ ${#missing[@]} -eq 0 ] && exit 0

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" != 0 ]; then
	die "missing packages; run as root: apt-get update && ${cmd[*]}"
fi
log "installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${cmd[@]}" >/dev/null
