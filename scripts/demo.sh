#!/usr/bin/env bash
# make run: boot the guest in demo mode and show what it reports as it
# comes, then the kernel reports (oops, warnings) its console holds.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

dir=$OUT/demo
rm -rf "$dir"
mkdir -p "$dir"
: > "$dir/report.out"
log "booting the $VARIANT kernel with the emulated devices (console: $dir/console.log)"
"$TOP/scripts/boot.sh" demo "$dir" &
boot=$!
tail -n +1 -F --pid="$boot" "$dir/report.out" 2>/dev/null | grep -v '^# rig: done'
rc=0
wait "$boot" || rc=$?
echo
python3 "$TOP/scripts/results.py" --reports "$dir" ||
	echo "(kernel reports above are what the demonstration provoked; full log: $dir/console.log)"
grep -q '^# rig: done' "$dir/report.out" || die "the demonstration did not finish (boot status $rc)"
