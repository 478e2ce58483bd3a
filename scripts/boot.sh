#!/usr/bin/env bash
# Boot the variant's kernel under QEMU with the emulated devices.
#   boot.sh shell              interactive shell on this terminal
#   boot.sh demo|test DIR [N]  rig.mode=demo|test (tests from number N on);
#                              console in DIR/console.log, results port in
#                              DIR/report.out; exits 124 on a hang
# Backing files for the devices are made fresh by the first boot in DIR.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=config/qemu.conf
. "$TOP/config/qemu.conf"

mode=$1
dir=${2:-$OUT/shell}
from=${3:-1}
mkdir -p "$dir"

args=(-machine "q35,nvdimm=on" -accel tcg -cpu max -smp "$CPUS"
	-m "$MEMORY,slots=$MEMORY_SLOTS,maxmem=$MAXMEM"
	-kernel "$OBJ/arch/x86/boot/bzImage" -initrd "$OBJ/initramfs.cpio.gz"
	-nographic -no-reboot)
for nvdimm in "${NVDIMMS[@]}"; do
	read -r id size align <<< "$nvdimm"
	img=$dir/$id.img
	[ -f "$img" ] || truncate -s "$size" "$img"
	args+=(-object "memory-backend-file,id=mem-$id,share=on,mem-path=$img,size=$size,align=$align"
		-device "nvdimm,id=$id,memdev=mem-$id,label-size=$NVDIMM_LABEL_SIZE")
done
read -r id size <<< "$VIRTIO_PMEM"
img=$dir/$id.img
[ -f "$img" ] || truncate -s "$size" "$img"
args+=(-object "memory-backend-file,id=mem-$id,share=on,mem-path=$img,size=$size,align=2M"
	-device "virtio-pmem-pci,id=$id,memdev=mem-$id")
[ -f "$dir/nvme.img" ] || truncate -s "$NVME_SIZE" "$dir/nvme.img"
args+=(-drive "file=$dir/nvme.img,if=none,id=nvm,format=raw"
	-device "nvme,serial=rig0001,drive=nvm,cmb_size_mb=$NVME_CMB_MB")

cmdline="$CMDLINE rig.mode=$mode"
if [ "$mode" = shell ]; then
	exec "$QEMU" "${args[@]}" -serial mon:stdio -serial null -append "$cmdline"
fi
[ "$mode" = test ] && cmdline="$cmdline $CMDLINE_TEST rig.from=$from"

console=$dir/console.log
: > "$console"
"$QEMU" "${args[@]}" -monitor none -serial "file:$console" \
	-serial "file:$dir/report.out" -append "$cmdline" </dev/null &
qemu=$!

# Watch the console: a guest silent for SILENCE_TIMEOUT seconds is hung,
# and so is a boot longer than BOOT_TIMEOUT.
last=0 quiet=0 elapsed=0
while kill -0 "$qemu" 2>/dev/null; do
	sleep 5
	elapsed=$((elapsed + 5))
	size=$(stat -c %s "$console")
	if [ "$size" != "$last" ]; then
		last=$size quiet=0
	else
		quiet=$((quiet + 5))
	fi
	why=
	((quiet < SILENCE_TIMEOUT)) || why="guest silent for ${SILENCE_TIMEOUT}s"
	((elapsed < BOOT_TIMEOUT)) || why="boot still running after ${BOOT_TIMEOUT}s"
	if [ -n "$why" ]; then
		kill "$qemu"
		wait "$qemu" || true
		echo "rig: $why, stopped" >> "$console"
		exit 124
	fi
done
wait "$qemu"
