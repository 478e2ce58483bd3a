#!/usr/bin/env bash
# Prepare the kernel trees: unpack the pinned base into a git repo whose
# first commit is the pristine source, apply patches/ on top with git am,
# and (BASE=1) check the base and the series' gup_test patches out as a
# second worktree.
#
# Idempotent: a stamp records which patches/ the work tree was built from.
# When patches/ changes and the work tree holds no commits of its own, the
# series is applied again; otherwise the developer is told to export first.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

create_base() {
	[ -r "$BASE_TARBALL" ] || die "$BASE_TARBALL missing: run scripts/deps.sh"
	local version
	version=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
	log "unpacking $BASE_PKG $version into $WORK_TREE"
	rm -rf "$WORK_TREE.tmp"
	mkdir -p "$WORK_TREE.tmp"
	tar -C "$WORK_TREE.tmp" --strip-components=1 -xf "$BASE_TARBALL"
	git -C "$WORK_TREE.tmp" init -q -b series
	# Debian's top-level .gitignore ends with "/*" (their packaging repo
	# tracks only debian/).  Commit it untouched, then hide the local edit
	# that drops that rule, so the work tree ignores what a kernel
	# checkout ignores and new files show up in git status.
	log "committing the pristine base (about a minute)"
	git -C "$WORK_TREE.tmp" add -A -f
	git -C "$WORK_TREE.tmp" commit -q --no-verify \
		-m "Linux $(make -s -C "$WORK_TREE.tmp" kernelversion) ($BASE_PKG $version)" \
		-m "Pristine source of Debian's $BASE_PKG package, the base of the series."
	git -C "$WORK_TREE.tmp" tag "$BASE_TAG"
	git -C "$WORK_TREE.tmp" update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging: ignore everything/,$d' "$WORK_TREE.tmp/.gitignore"
	mv "$WORK_TREE.tmp" "$WORK_TREE"
}

apply_series() {
	local p n=0
	wgit reset -q --hard "$BASE_TAG"
	# Until the series is in, the tree is the base and holds nothing of its own.
	write_series_stamp pending
	for p in $(series_patches); do
		n=$((n + 1))
		wgit am -q --keep-cr "$p" ||
			{ wgit am --abort; die "patch $(basename "$p") does not apply to the base"; }
	done
	log "applied $n patches from patches/series"
	write_series_stamp "$(series_hash)"
}

mkdir -p "$BUILD/patched"
[ -d "$WORK_TREE/.git" ] || create_base

installed=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
if ! wgit log -1 --format=%s "$BASE_TAG" | grep -qF "$BASE_PKG $installed)"; then
	warn "the work tree's base is $(wgit log -1 --format=%s "$BASE_TAG")," \
		"but $BASE_PKG $installed is installed; rm -rf $BUILD to start over"
fi

if [ ! -f "$SERIES_STAMP" ]; then
	apply_series
else
	read -r stamp_hash stamp_head < "$SERIES_STAMP"
	if [ "$stamp_hash" != "$(series_hash)" ]; then
		if [ "$stamp_head" != "$(wgit rev-parse HEAD)" ] ||
				[ -n "$(wgit status --porcelain)" ]; then
			die "patches/ changed, and $WORK_TREE has work of its own:" \
				"export it (make export) or reset it before applying patches/"
		fi
		apply_series
	fi
fi

# The base variant is the base plus the series' gup_test patches: the tests
# read page counts and take references through that debugfs interface, and
# the base's behaviour is then measured the same way as the series'.
if [ "$VARIANT" = base ]; then
	stamp=$(base_test_hash)
	if [ ! -d "$TREE" ] || [ "$(cat "$BASE_STAMP" 2>/dev/null)" != "$stamp" ]; then
		mapfile -t test_patches < <(base_test_patches)
		[ ${#test_patches[@]} -gt 0 ] ||
			die "patches/series has no mm/gup_test patch for the base"
		log "checking out the base and the gup_test patches into $TREE"
		wgit worktree prune
		if [ -d "$TREE" ]; then
			wgit worktree remove --force "$TREE" 2> /dev/null ||
				rm -rf "$TREE"
			wgit worktree prune
		fi
		wgit worktree add -q --detach "$TREE" "$BASE_TAG"
		git -C "$TREE" am -q --keep-cr "${test_patches[@]}" ||
			die "the gup_test patches do not apply to the base"
		echo "$stamp" > "$BASE_STAMP"
	fi
fi
exit 0
