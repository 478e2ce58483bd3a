#!/usr/bin/env bash
# Configure and build a kernel variant (patched, or BASE=1) with its
# modules and uapi headers, then the selftests the guest runs.
#   .config = tinyconfig + config/rig.config + config/series.config
#             (+ config/debug.config with DEBUG=1)
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

fragments=("$TOP/config/rig.config" "$TOP/config/series.config")
[ "${DEBUG:-0}" = 1 ] && fragments+=("$TOP/config/debug.config")
# Options the base kernel cannot have are not required of it.
required=()
for f in "${fragments[@]}"; do
	[ "$VARIANT" = base ] && [ "${f##*/}" = series.config ] && continue
	required+=("$f")
done

configure() {
	log "configuring $VARIANT kernel: tinyconfig + ${fragments[*]##*/}"
	mkdir -p "$OBJ"
	kmake tinyconfig >/dev/null
	cp "$OBJ/.config" "$OBJ/tiny.config"
	(cd "$TREE" && scripts/kconfig/merge_config.sh -O "$OBJ" \
		"$OBJ/tiny.config" "${fragments[@]}") > "$OBJ/merge_config.log"

	# merge_config.sh only warns when Kconfig drops a requested value.
	local line bad=()
	while IFS= read -r line; do
		grep -qxF "$line" "$OBJ/.config" || bad+=("$line")
	done < <(grep -hE '^(CONFIG_|# CONFIG_.* is not set)' "${required[@]}")
	if [ ${#bad[@]} -gt 0 ]; then
		rm -f "$OBJ/.config"
		die "Kconfig did not keep these requested options (see $OBJ/merge_config.log):" \
			"${bad[*]}"
	fi
}

stamp=$(cat "${fragments[@]}" | sha1sum | cut -d' ' -f1)
if [ ! -f "$OBJ/.config" ] || [ "$(cat "$OBJ/config.stamp" 2>/dev/null)" != "$stamp" ]; then
	configure
	echo "$stamp" > "$OBJ/config.stamp"
fi

log "building $VARIANT kernel in $OBJ"
kmake bzImage modules
rm -rf "$OBJ/modroot"
kmake modules_install INSTALL_MOD_PATH="$OBJ/modroot" INSTALL_MOD_STRIP=1 >/dev/null
kmake headers >/dev/null
"$TOP/scripts/selftests.sh"
