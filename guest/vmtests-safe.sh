#!/bin/sh
# The ZONE_DEVICE selftests under run_vmtests.sh are safe by default.  Named
# no device, each skips, saying which variable to set, and writes nothing,
# even with -d; the rig's own devices are there, so that a test that looked
# for a device of its own would find one.  Named a device but run without
# -d, device_dax skips its destructive cases (unbind, poison), even with
# MM_DESTRUCTIVE=1 in the environment, and the device stays bound.  TAP
# output.

# shellcheck source=guest/lib.sh
. /rig/lib.sh
# shellcheck source=guest/run.sh
. /rig/run.sh

nvme=/dev/nvme0n1
digest() { dd if="$1" bs=1M count=65 2>/dev/null | md5sum; }
before="$(digest $nvme) $(digest $PMEM) $(digest $VPMEM)"

echo "TAP version 13"
echo "1..5"
n=0
failed=0
for cat in fsdax device_dax p2pmem; do
	n=$((n + 1))
	( vmtests -d -t "$cat" ) > /tmp/unconf.out 2>&1
	rc=$?
	sed 's/^/# /' /tmp/unconf.out
	if [ $rc -eq "$KSFT_SKIP" ] &&
		grep -q "^1\.\.0 # SKIP set [A-Z0-9_]* to " /tmp/unconf.out; then
		echo "ok $n $cat skips and says what to set"
	else
		echo "not ok $n $cat: exit $rc, not one skip with its reason"
		failed=1
	fi
done
n=$((n + 1))
( vmtests "DEVDAX=${DAXDEV#/dev/}" MM_DESTRUCTIVE=1 -t device_dax ) > /tmp/unconf.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unconf.out
skips=$(grep -cE "^ok .*devdax\.(unbind_waits_for_pin|rebind_under_open_file|unbind_races_pins_and_faults|memory_failure) # SKIP .*: destructive, set MM_DESTRUCTIVE=1" /tmp/unconf.out)
# Other cases may fail (on a kernel without the series): not this check's
# business.
if [ "$skips" -eq 4 ] && [ -e "$DAXDEV_SYSFS/driver" ]; then
	echo "ok $n without -d, device_dax skips its unbind, rebind, race and poison cases"
else
	echo "not ok $n without -d: $skips of 4 destructive cases skipped (exit $rc)"
	failed=1
fi
after="$(digest $nvme) $(digest $PMEM) $(digest $VPMEM)"
n=$((n + 1))
if [ "$before" = "$after" ] && [ -e "$DAXDEV_SYSFS/driver" ] &&
	p2pmem_dev > /dev/null; then
	echo "ok $n nothing was written or unbound"
else
	echo "not ok $n a device changed: before $before, after $after"
	failed=1
fi
exit $failed
