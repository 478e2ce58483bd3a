#!/usr/bin/env bash
# Build the mm selftests the guest runs, against the variant's uapi headers,
# into $OBJ/kselftest/mm.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# Programs, and the scripts that drive some of them.  The series adds
# some: a variant builds those its tree has, and the guest reports the
# others as missing.
wanted=(gup_test gup_longterm cow hmm-tests p2pmem device_dax)
scripts=(test_hmm.sh)

src=$TREE/tools/testing/selftests/mm
out=$OBJ/kselftest/mm
programs=()
for p in "${wanted[@]}"; do
	[ -f "$src/$p.c" ] && programs+=("$p")
done
log "building mm selftests: ${programs[*]}"
mkdir -p "$out"
make -C "$src" -s -j"$(nproc)" OUTPUT="$out" \
	KHDR_INCLUDES="-isystem $OBJ/usr/include" "${programs[@]/#/$out/}"
for s in "${scripts[@]}"; do
	install -m 755 "$src/$s" "$out/$s"
done
