#!/usr/bin/env bash
# Assemble the guest's initramfs: busybox, the Debian tools the tests use
# with their shared libraries, the modules and selftests of the variant,
# and guest/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

tools=(bash ndctl daxctl mkfs.ext4 mkfs.xfs nvme)
root=$OBJ/initramfs
image=$OBJ/initramfs.cpio.gz

# copy_with_libs FILE: FILE (unless already under $root) and the shared
# libraries it loads, at the same paths.
copy_with_libs() {
	local f
	[ "${1#"$root"}" != "$1" ] || install -D "$1" "$root$1"
	for f in $(ldd "$1" 2>/dev/null | grep -o '/[^ ]*'); do
		[ -e "$root$f" ] || install -D "$f" "$root$f"
	done
}

log "assembling initramfs in $root"
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,mnt,rig,selftests}
install -m 755 /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
	[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
for t in "${tools[@]}"; do
	path=$(command -v "$t") || die "$t not found: run scripts/deps.sh"
	rm -f "$root$path"
	copy_with_libs "$path"
done
mkdir -p "$root/lib/modules"
cp -a "$OBJ/modroot/lib/modules/." "$root/lib/modules/"
cp -a "$OBJ/kselftest/mm" "$root/selftests/"
for f in "$root"/selftests/mm/*; do
	copy_with_libs "$f"
done
# Scripts name their interpreter by its traditional path.
ln -sf /usr/bin/bash "$root/bin/bash"
install -m 755 "$TOP/guest/init" "$root/init"
cp -a "$TOP/guest/." "$root/rig/"
rm -f "$root/rig/init" "$root/rig"/*.c
gcc -static -O2 -Wall -Werror -I"$TREE/mm" -o "$root/rig/demo" "$TOP/guest/demo.c"
gcc -static -O2 -Wall -Werror -o "$root/rig/newpgrp" "$TOP/guest/newpgrp.c"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$image"
log "initramfs: $image ($(du -h "$image" | cut -f1))"
