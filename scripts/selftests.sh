#!/usr/bin/env bash
# Build the mm selftests the guest runs, against the variant's uapi headers,
# into $OBJ/kselftest/mm.  The sources are the series' (the patched work
# tree) for both variants: the tests are the instrument, the kernel is what
# varies, so a base run shows how stock 6.12 fares on the series' tests.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# Programs, and the scripts that drive some of them.
programs=(gup_test gup_longterm cow hmm-tests p2pmem device_dax fsdax)
scripts=(test_hmm.sh run_vmtests.sh)

src=$WORK_TREE/tools/testing/selftests/mm
out=$OBJ/kselftest/mm
log "building mm selftests from the series: ${programs[*]}"
mkdir -p "$out"
make -C "$src" -s -j"$(nproc)" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $OBJ/usr/include" "${programs[@]/#/$out/}"
for s in "${scripts[@]}"; do
	install -m 755 "$src/$s" "$out/$s"
done
