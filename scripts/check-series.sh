#!/usr/bin/env bash
# Check the series in patches/:
#  - every patch is listed in series, and the series applies to the base;
#  - scripts/checkpatch.pl --strict reports no error (warnings are listed);
#  - the work tree holds nothing that is not exported into patches/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -d "$WORK_TREE/.git" ] || die "no work tree: run make tree"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
mapfile -t series < <(series_patches | sed 's|.*/||')

# 1. Listed and applicable, in order, on a scratch index of the base.
for p in "$TOP"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$p" ] || continue
	name=${p##*/}
	[ "$name" = 0000-cover-letter.patch ] && continue
	printf '%s\n' "${series[@]}" | grep -qxF "$name" ||
		{ echo "FAIL  patches/$name is not listed in patches/series"; failed=1; }
done
export GIT_INDEX_FILE=$tmp/index
wgit read-tree "$BASE_TAG"
for name in "${series[@]}"; do
	if ! wgit apply --cached "$TOP/patches/$name" 2> "$tmp/apply.err"; then
		echo "FAIL  patches/$name does not apply to the base (after the patches before it):"
		sed 's/^/        /' "$tmp/apply.err"
		failed=1
		break
	fi
done
unset GIT_INDEX_FILE
[ $failed = 0 ] && echo "PASS  the ${#series[@]} patches of the series apply to the base"

# 2. checkpatch --strict: errors fail, warnings and checks are listed.
report=$BUILD/checkpatch.log
: > "$report"
for name in "${series[@]}"; do
	(cd "$WORK_TREE" && scripts/checkpatch.pl --strict --showfile \
		"$TOP/patches/$name") > "$tmp/cp" 2>&1 || true
	summary=$(grep -E '^total: ' "$tmp/cp" || echo "total: checkpatch did not run")
	{ echo "== $name: $summary"; cat "$tmp/cp"; } >> "$report"
	if ! grep -qE '^total: 0 errors' "$tmp/cp"; then
		echo "FAIL  checkpatch: $name: $summary"
		grep -E '(^|: )ERROR:' "$tmp/cp" | sed 's/^/        /'
		failed=1
	elif ! grep -qE '^total: 0 errors, 0 warnings, 0 checks' "$tmp/cp"; then
		echo "WARN  checkpatch: $name: $summary"
		grep -E '(^|: )(WARNING|CHECK):' "$tmp/cp" | sed 's/^/        /'
	fi
done
[ $failed = 0 ] && echo "PASS  checkpatch --strict: no errors (report: $report)"

# 3. Nothing in the work tree that patches/ does not hold.
dirty=$(wgit status --porcelain)
if [ -n "$dirty" ]; then
	echo "FAIL  $WORK_TREE has uncommitted changes; commit them and run make export:"
	printf '%s\n' "$dirty" | sed 's/^/        /'
	failed=1
fi
"$TOP/scripts/export.sh" "$tmp/export"
if ! diff -q "$tmp/export/series" "$TOP/patches/series" > /dev/null ||
		! (cd "$tmp/export" && for p in *.patch; do
			[ "$p" = 0000-cover-letter.patch ] && continue
			cmp -s "$p" "$TOP/patches/$p" || exit 1
		done); then
	echo "FAIL  $WORK_TREE has commits that patches/ does not hold: run make export"
	failed=1
elif [ -z "$dirty" ]; then
	echo "PASS  the work tree holds nothing unexported"
fi
exit $failed
