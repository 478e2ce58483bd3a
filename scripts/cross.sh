#!/usr/bin/env bash
# Cross-compile the files the series touches for other architectures with
# ZONE_DEVICE, with Debian's cross compilers: arm64 (no PUD-sized THP) and
# powerpc64le (PUD-sized THP, page-table deposit, device-private uvmem).
# Objects go to build/cross/ARCH; warnings fail the check.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

objs=(mm/memory.o mm/huge_memory.o mm/rmap.o mm/gup.o mm/memremap.o
	mm/mm_init.o drivers/dax/device.o drivers/dax/bus.o
	drivers/pci/p2pdma.o fs/dax.o)
declare -A defconfig=([arm64]=defconfig [powerpc]=ppc64le_defconfig)
declare -A prefix=([arm64]=aarch64-linux-gnu- [powerpc]=powerpc64le-linux-gnu-)
declare -A extra=([arm64]="" [powerpc]="arch/powerpc/kvm/book3s_hv_uvmem.o")

for arch in arm64 powerpc; do
	obj=$BUILD/cross/$arch
	mkdir -p "$obj"
	cc="${prefix[$arch]}gcc"
	command -v ccache >/dev/null && cc="ccache $cc"
	xmake() {
		CCACHE_BASEDIR=$BUILD make -C "$WORK_TREE" O="$obj" ARCH="$arch" \
			CROSS_COMPILE="${prefix[$arch]}" CC="$cc" -j"$(nproc)" -s "$@"
	}
	log "cross-compiling for $arch in $obj"
	[ -f "$obj/.config" ] || xmake "${defconfig[$arch]}" > /dev/null
	fragments=("$TOP/config/cross.config")
	[ -f "$TOP/config/cross-$arch.config" ] &&
		fragments+=("$TOP/config/cross-$arch.config")
	KCONFIG_CONFIG=$obj/.config "$WORK_TREE/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" "${fragments[@]}" > /dev/null
	xmake olddefconfig > /dev/null
	while read -r opt; do
		grep -qx "${opt}" "$obj/.config" || die "$arch: $opt did not stick"
	done < <(grep -h '^CONFIG_' "${fragments[@]}")
	# shellcheck disable=SC2086
	xmake "${objs[@]}" ${extra[$arch]} 2> "$obj/warnings.log" ||
		{ cat "$obj/warnings.log"; die "$arch: build failed"; }
	if grep -q 'warning:' "$obj/warnings.log"; then
		cat "$obj/warnings.log"
		die "$arch: warnings"
	fi
	log "$arch: ${#objs[@]} objects built without warnings"
done
