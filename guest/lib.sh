# Guest helpers, sourced by init and by the tests.  POSIX sh (busybox).
# The settings below are used by the files that source this one.
# shellcheck shell=sh disable=SC2034

# rig_param NAME: the value of rig.NAME= on the kernel command line.
rig_param() {
	tr ' ' '\n' < /proc/cmdline | sed -n "s/^rig\.$1=//p"
}

# The emulated devices, as the host's QEMU settings lay them out.
FSDAX_NS=namespace0.0
DEVDAX_NS=namespace1.0
PMEM=/dev/pmem0
DAXDEV=/dev/dax1.0
DAXDEV_SYSFS=/sys/bus/dax/devices/dax1.0
DEVDAX1G_NS=namespace2.0
DAXDEV1G_SYSFS=/sys/bus/dax/devices/dax2.0
# The virtio-pmem device: a region of its own after the NVDIMMs' three.
VPMEM_NS=namespace3.0
VPMEM=/dev/pmem3
DAX_MNT=/mnt/dax

# ns_mode NAMESPACE: the mode ndctl reports for it ("" when absent).
ns_mode() {
	ndctl list -n "$1" 2>/dev/null | sed -n 's/.*"mode":"\([a-z]*\)".*/\1/p'
}

# The label area on the NVDIMMs survives a reboot of the same run, so only
# reconfigure namespaces that are not yet in the mode the tests expect.
rig_setup_devices() {
	[ "$(ns_mode $FSDAX_NS)" = fsdax ] ||
		ndctl create-namespace --force --reconfig=$FSDAX_NS \
			--mode=fsdax --map=mem
	if [ "$(ns_mode $DEVDAX_NS)" != devdax ] ||
		! ndctl list -n $DEVDAX_NS | grep -q '"align":2097152'; then
		devdax_align 2M
	fi
	[ "$(ns_mode $DEVDAX1G_NS)" = devdax ] ||
		ndctl create-namespace --force --reconfig=$DEVDAX1G_NS \
			--mode=devdax --map=mem --align=1G
	# virtio-pmem has no labels: its namespace comes raw, and fsdax
	# mode keeps its memmap in memory, as the NVDIMMs' do.  Only if it
	# is that device: --force would wipe whatever namespace it is.
	case $(readlink -f /sys/bus/nd/devices/$VPMEM_NS) in
	*/virtio*) ;;
	*) echo "$VPMEM_NS is not on virtio-pmem"; return 1 ;;
	esac
	[ "$(ns_mode $VPMEM_NS)" = fsdax ] ||
		ndctl create-namespace --force --reconfig=$VPMEM_NS \
			--mode=fsdax --map=mem
}

# devdax_align 4K|2M|1G: make the device-dax namespace that aligned.
devdax_align() {
	ndctl create-namespace --force --reconfig=$DEVDAX_NS \
		--mode=devdax --map=mem --align="$1"
}

# p2pmem_dev: sysfs directory of the first PCI device publishing p2pmem.
p2pmem_dev() {
	for d in /sys/bus/pci/devices/*/p2pmem; do
		[ -d "$d" ] && { echo "${d%/p2pmem}"; return 0; }
	done
	return 1
}

# fsdax_mount ext4|xfs [DEVICE]: a fresh filesystem on DEVICE (the
# NVDIMM's fs-dax namespace, $PMEM, by default), mounted with -o dax=always
# on $DAX_MNT.  xfs gets a 2M stripe unit so that file extents are 2M
# aligned and PMD faults can happen; two allocation groups leave room for
# the 64M log mkfs.xfs asks for.
fsdax_mount() {
	dev=${2:-$PMEM}
	umount "$DAX_MNT" 2>/dev/null
	case $1 in
	ext4) mkfs.ext4 -q -F -b 4096 "$dev" ;;
	xfs) mkfs.xfs -q -f -d agcount=2,su=2m,sw=1 -l size=64m "$dev" ;;
	*) echo "fsdax_mount: unknown filesystem $1" >&2; return 1 ;;
	esac || return 1
	mount -t "$1" -o dax=always "$dev" "$DAX_MNT"
}
