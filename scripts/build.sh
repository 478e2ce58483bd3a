#!/usr/bin/env bash
# Configure and build a kernel variant (patched, or BASE=1) with its
# modules and uapi headers, then the selftests the guest runs.
#   .config = tinyconfig + config/rig.config + config/series.config
#             (+ config/debug.config with DEBUG=1)
# With DEBIAN=1 Debian's amd64 configuration replaces tinyconfig: its
# modules cut down to config/debian.lsmod by make localmodconfig, and
# config/debian.config merged before the rest.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

fragments=("$TOP/config/rig.config" "$TOP/config/series.config")
[ "${DEBIAN:-0}" = 1 ] && fragments=("$TOP/config/debian.config" "${fragments[@]}")
[ "${DEBUG:-0}" = 1 ] && fragments+=("$TOP/config/debug.config")
# Options the base kernel cannot have are not required of it.
required=()
for f in "${fragments[@]}"; do
	[ "$VARIANT" = base ] && [ "${f##*/}" = series.config ] && continue
	required+=("$f")
done

# The configuration the fragments are merged onto, as $OBJ/start.config.
start_config() {
	if [ "${DEBIAN:-0}" != 1 ]; then
		kmake tinyconfig >/dev/null
	else
		# Symbols Debian's packaging sets elsewhere take their defaults
		# first; whatever localmodconfig still asks gets its default
		# from an empty stdin.
		xzcat "$DEBIAN_CONFIG" > "$OBJ/.config"
		if ! { kmake olddefconfig &&
			kmake LSMOD="$TOP/config/debian.lsmod" localmodconfig; } \
			< /dev/null > "$OBJ/localmodconfig.log" 2>&1; then
			die "make olddefconfig or localmodconfig failed: see $OBJ/localmodconfig.log"
		fi
	fi
	cp "$OBJ/.config" "$OBJ/start.config"
}

configure() {
	local start=tinyconfig
	[ "${DEBIAN:-0}" = 1 ] && start="Debian's ${DEBIAN_CONFIG##*/} (localmodconfig)"
	log "configuring $VARIANT kernel: $start + ${fragments[*]##*/}"
	mkdir -p "$OBJ"
	start_config
	(cd "$TREE" && scripts/kconfig/merge_config.sh -O "$OBJ" \
		"$OBJ/start.config" "${fragments[@]}") > "$OBJ/merge_config.log"

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
if [ "${DEBIAN:-0}" = 1 ]; then
	[ -f "$DEBIAN_CONFIG" ] || die "$DEBIAN_CONFIG not found: run DEBIAN=1 scripts/deps.sh"
	stamp+=$(cat "$DEBIAN_CONFIG" "$TOP/config/debian.lsmod" | sha1sum | cut -c1-12)
fi
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
