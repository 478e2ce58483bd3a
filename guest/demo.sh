#!/bin/sh
# make run, guest side: the demonstration, written to the second serial
# port (the host shows it as it comes) and to the console.
. /rig/lib.sh
exec > /dev/ttyS1 2>&1
stty raw -echo 2>/dev/null
echo "ZONE_DEVICE page references on Linux $(uname -r)"
sed 's/^/  setup: /' /tmp/setup.log
fsdax_mount ext4 || echo "  could not mount ext4 -o dax on $PMEM"
/rig/demo "$(p2pmem_dev)"
umount $DAX_MNT 2>/dev/null
echo "# rig: done"
