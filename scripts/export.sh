#!/usr/bin/env bash
# Export the work tree's commits since the base into patches/ (or into the
# directory given), with the series file and the cover letter.
#
# Re-exporting an unchanged commit gives the same bytes: no commit ids
# (--zero-commit), fixed abbreviations, no version signature, and a cover
# letter dated like the newest patch.  The cover letter's subject prefix
# ("PATCH v2"), subject and text are kept from the existing
# 0000-cover-letter.patch and the prefix goes on every patch; the shortlog
# and diffstat are regenerated.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

out=${1:-$TOP/patches}
cover=$TOP/patches/0000-cover-letter.patch
[ -d "$WORK_TREE/.git" ] || die "no work tree: run make tree"

# "[PATCH v2 0/30] ...": the revision is the cover letter's.
prefix=$(sed -n 's/^Subject: \[\(PATCH[^]]*\) 0\/[0-9]*\] .*/\1/p' "$cover")
prefix=${prefix:-PATCH}

mkdir -p "$out"
find "$out" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
	! -name 0000-cover-letter.patch -delete
wgit -c core.abbrev=12 format-patch -q --zero-commit --no-signature \
	--subject-prefix="$prefix" --no-cover-letter -o "$out" "$BASE_TAG..HEAD" > /dev/null
count=$(wgit rev-list --count "$BASE_TAG..HEAD")

{
	echo "# The series, in order: one git format-patch file per line."
	(cd "$out" && find . -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
		! -name '0000-*' -printf '%f\n' | sort)
} > "$out/series"

# The hand-written part of the cover letter: subject and text up to the
# shortlog (a line "Author Name (N):").
subject=$(sed -n 's/^Subject: \(\[[^]]*\] \)\{0,1\}//p' "$cover" | head -n 1)
body=$(awk 'body && /^[^ ].* \([0-9]+\):$/ { exit }
	body { print }
	!body && /^$/ { body = 1 }' "$cover")
date=$(wgit log -1 --format=%aD)
{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $(wgit config user.name) <$(wgit config user.email)>"
	echo "Date: $date"
	echo "Subject: [$prefix 0/$count] $subject"
	echo
	printf '%s\n' "$body" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	if [ "$count" -gt 0 ]; then
		echo
		wgit shortlog "$BASE_TAG..HEAD"
		wgit -c core.abbrev=12 diff --stat=72 --summary "$BASE_TAG..HEAD"
	fi
} > "$out/0000-cover-letter.patch.new"
mv "$out/0000-cover-letter.patch.new" "$out/0000-cover-letter.patch"

if [ "$out" = "$TOP/patches" ]; then
	log "exported $count patches into patches/"
	write_series_stamp "$(series_hash)"
fi
