#!/usr/bin/env bash
# Boot the variant's guest in test mode and collect the results.  A guest
# that crashes or hangs is booted again from the test after the one that
# was running, which is reported as crashed.  Then results.py summarises.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

dir=$RESULTS
mapfile -t names < <(awk '$1 == "t" { print $2 }' "$TOP/guest/tests")
total=${#names[@]}
rm -rf "$dir"
mkdir -p "$dir"
printf 'KTAP version 1\n1..%d\n' "$total" > "$dir/results.ktap"

from=1 boot=0
while ((from <= total)); do
	boot=$((boot + 1))
	log "booting $VARIANT guest ($boot), tests $from..$total; console: $dir/console.$boot.log"
	rc=0
	"$TOP/scripts/boot.sh" test "$dir" "$from" || rc=$?
	mv "$dir/console.log" "$dir/console.$boot.log"
	cat "$dir/report.out" >> "$dir/results.ktap" 2>/dev/null || true
	grep -q '^# rig: done' "$dir/report.out" && break
	last=$(grep -oE '^(not )?ok [0-9]+ ' "$dir/report.out" | tail -n 1 | grep -oE '[0-9]+' || echo $((from - 1)))
	crashed=$((last + 1))
	((crashed <= total)) || break
	why="kernel crash or reboot"
	((rc == 124)) && why="guest hang"
	warn "test $crashed (${names[crashed - 1]}) ended the boot: $why"
	printf 'not ok %d %s # CRASHED: %s, see console.%d.log\n' \
		"$crashed" "${names[crashed - 1]}" "$why" "$boot" >> "$dir/results.ktap"
	from=$((crashed + 1))
done
rm -f "$dir/report.out"
python3 "$TOP/scripts/results.py" "$TREE/tools/testing/kunit" "$dir"
