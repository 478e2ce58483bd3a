#!/usr/bin/env bash
# Compile the files the series touches for other configurations and
# architectures, with Debian's cross compilers: x86_64 with Xen dom0 (the
# Xen allocator is the other user of MEMORY_DEVICE_GENERIC), arm64
# (ZONE_DEVICE, no PUD-sized THP), powerpc64le (PUD-sized THP, page-table
# deposit, device-private uvmem) and s390x (fs-dax without struct pages: FS_DAX_LIMITED, no ZONE_DEVICE, where
# fs/dax.o must not refer to the ZONE_DEVICE helpers).  Objects go to
# build/cross/ARCH; warnings fail the check.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

common=(mm/memory.o mm/huge_memory.o mm/rmap.o mm/gup.o mm/swap.o
	mm/truncate.o mm/khugepaged.o mm/mprotect.o mm/mremap.o
	mm/page_vma_mapped.o mm/pagewalk.o mm/pgtable-generic.o mm/vmscan.o
	fs/dax.o fs/ext4/inode.o fs/inode.o fs/super.o)
zone_device=(mm/memremap.o mm/mm_init.o mm/hmm.o mm/migrate_device.o
	mm/memory-failure.o mm/userfaultfd.o mm/gup_test.o fs/userfaultfd.o
	lib/test_hmm.o drivers/dax/device.o drivers/dax/bus.o
	drivers/pci/p2pdma.o)
declare -A defconfig=([x86]=x86_64_defconfig [arm64]=defconfig
	[powerpc]=ppc64le_defconfig [s390]=defconfig)
declare -A prefix=([x86]="" [arm64]=aarch64-linux-gnu-
	[powerpc]=powerpc64le-linux-gnu- [s390]=s390x-linux-gnu-)
declare -A fragments=([x86]="cross.config cross-x86.config"
	[arm64]=cross.config
	[powerpc]="cross.config cross-powerpc.config" [s390]=cross-s390.config)
declare -A extra=([x86]="${zone_device[*]} drivers/xen/unpopulated-alloc.o
		drivers/xen/gntdev.o drivers/xen/privcmd.o
		drivers/net/xen-netback/netback.o"
	[arm64]="${zone_device[*]}"
	[powerpc]="${zone_device[*]} arch/powerpc/kvm/book3s_hv_uvmem.o
		arch/powerpc/mm/book3s64/pgtable.o
		arch/powerpc/mm/book3s64/radix_pgtable.o"
	[s390]="")

for arch in x86 arm64 powerpc s390; do
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
	files=()
	for f in ${fragments[$arch]}; do
		files+=("$TOP/config/$f")
	done
	KCONFIG_CONFIG=$obj/.config "$WORK_TREE/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" "${files[@]}" > /dev/null
	xmake olddefconfig > /dev/null
	while read -r opt; do
		grep -qx "${opt}" "$obj/.config" || die "$arch: $opt did not stick"
	done < <(grep -h '^CONFIG_' "${files[@]}")
	# shellcheck disable=SC2206
	objs=("${common[@]}" ${extra[$arch]})
	xmake "${objs[@]}" 2> "$obj/warnings.log" ||
		{ cat "$obj/warnings.log"; die "$arch: build failed"; }
	if grep -q 'warning:' "$obj/warnings.log"; then
		cat "$obj/warnings.log"
		die "$arch: warnings"
	fi
	# Without ZONE_DEVICE nothing may need the helpers of mm/memremap.c.
	if ! grep -q '^CONFIG_ZONE_DEVICE=y' "$obj/.config"; then
		undef=$("${prefix[$arch]}nm" -u "$obj/fs/dax.o" |
			grep -w -e 'zone_device_[a-z_]*' || true)
		[ -z "$undef" ] || die "$arch: fs/dax.o needs $undef"
	fi
	log "$arch: ${#objs[@]} objects built without warnings"
done
