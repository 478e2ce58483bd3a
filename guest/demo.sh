#!/bin/sh
# make run, guest side: the demonstration, written to the second serial
# port, which the host shows as it comes.
# shellcheck source=guest/lib.sh
. /rig/lib.sh
exec > /dev/ttyS1 2>&1
stty raw -echo 2>/dev/null
echo "ZONE_DEVICE page references on Linux $(uname -r)"
for ns in "$FSDAX_NS" "$DEVDAX_NS"; do
	mode=$(ns_mode "$ns")
	echo "  $ns: ${mode:-not set up (see /tmp/setup.log)}"
done
fsdax_mount ext4 || echo "  could not mount ext4 -o dax on $PMEM"
/rig/demo "$(p2pmem_dev)"
umount "$DAX_MNT" 2>/dev/null
echo "# rig: done"
