#!/bin/sh
# The rig's own test: each emulated device is present and usable, so that a
# test further on that finds a device missing points here.  TAP output.
# The checks are functions run through check(), which shellcheck cannot see.
# shellcheck disable=SC2317

# shellcheck source=guest/lib.sh
. /rig/lib.sh

n=0
failed=0
check() {
	n=$((n + 1))
	desc=$1
	shift
	if "$@" > /tmp/check.out 2>&1; then
		echo "ok $n $desc"
	else
		echo "not ok $n $desc"
		sed 's/^/# /' /tmp/check.out
		failed=1
	fi
}

mounted_dax() {
	fsdax_mount "$1" "$2" && grep "^${2:-$PMEM} $DAX_MNT $1 .*dax" /proc/mounts
	rc=$?
	umount "$DAX_MNT"
	return "$rc"
}

sysfs_is() {
	[ "$(cat "$1")" = "$2" ] || { echo "$1: '$(cat "$1")', expected '$2'"; return 1; }
}

fsdax_ns() {
	[ "$(ns_mode "$1")" = fsdax ] && test -b "$2"
}

p2pmem() {
	d=$(p2pmem_dev) || { echo "no PCI device publishes p2pmem"; return 1; }
	sysfs_is "$d/p2pmem/size" 67108864 && sysfs_is "$d/p2pmem/published" 1
}

echo "TAP version 13"
echo "1..9"
check "fs-dax namespace $FSDAX_NS gives $PMEM" test -b $PMEM
check "ext4 on $PMEM mounts with dax=always" mounted_dax ext4
check "xfs on $PMEM mounts with dax=always" mounted_dax xfs
check "device-dax namespace $DEVDAX_NS gives $DAXDEV" test -c $DAXDEV
check "$DAXDEV has 2M alignment" sysfs_is $DAXDEV_SYSFS/align 2097152
check "NVMe CMB is published as 64M of p2pmem" p2pmem
check "1G device-dax namespace $DEVDAX1G_NS has 1G alignment, 2G" \
	eval "sysfs_is $DAXDEV1G_SYSFS/align 1073741824 &&
		sysfs_is $DAXDEV1G_SYSFS/size 2147483648"
check "virtio-pmem namespace $VPMEM_NS is fs-dax, gives $VPMEM" \
	fsdax_ns $VPMEM_NS $VPMEM
check "xfs on $VPMEM mounts with dax=always" mounted_dax xfs $VPMEM
[ $failed = 0 ] || { echo "# device setup log:"; sed 's/^/# /' /tmp/setup.log; }
exit $failed
