#!/usr/bin/env bash
# Install the Debian packages the build, the guest and the tests need.
# As root this runs apt-get; otherwise it prints the command and stops.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel build (openssl signs modules, xz-utils reads Debian's config)
	build-essential bc bison flex libelf-dev libssl-dev openssl xz-utils
	cpio kmod rsync ccache python3 git
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
served() { apt-cache madison "$1" | awk -v v="$2" '$3 == v { f = 1 } END { exit !f }'; }
installed() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }
version=$BASE_VERSION
have=$(installed "$BASE_PKG")
if [ "$have" != "$BASE_VERSION" ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq
	fi
	if ! served "$BASE_PKG" "$BASE_VERSION"; then
		version=$(apt-cache policy "$BASE_PKG" | awk '/Candidate:/ { print $2 }')
		if [ -z "$version" ] || [ "$version" = "(none)" ]; then
			die "$BASE_PKG is not available from the configured archives"
		fi
		warn "$BASE_PKG $BASE_VERSION is no longer served; using $version" \
			"(the series was developed against $BASE_VERSION)"
	fi
	[ "$have" = "$version" ] || missing+=("$BASE_PKG=$version")
fi

# DEBIAN=1: Debian's own configuration of that same version.
if [ "${DEBIAN:-0}" = 1 ] && [ "$(installed "$BASE_CONFIG_PKG")" != "$version" ]; then
	if ! served "$BASE_CONFIG_PKG" "$version" && [ "$(id -u)" = 0 ]; then
		apt-get update -qq
	fi
	served "$BASE_CONFIG_PKG" "$version" ||
		die "DEBIAN=1 needs $BASE_CONFIG_PKG $version, the configuration of" \
			"the base source, which the configured archives do not serve"
	missing+=("$BASE_CONFIG_PKG=$version")
fi

[ ${#missing[@]} -eq 0 ] && exit 0

# Pinned versions may be older than what an upgrade installed.
cmd=(apt-get install -y --no-install-recommends --allow-downgrades "${missing[@]}")
if [ "$(id -u)" != 0 ]; then
	die "missing packages; run as root: apt-get update && ${cmd[*]}"
fi
log "installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${cmd[@]}" >/dev/null
