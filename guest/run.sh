# The test runner, sourced by init.  Runs the tests listed in /rig/tests
# from number $1 on, and writes one KTAP result per test to the results
# port.  The host boots again after a crash, starting past the crashed test,
# and adds the top-level KTAP header itself.
#
# A test is a command whose exit status follows kselftest: 0 pass, 4 skip,
# anything else fail.  (K)TAP in its output becomes the test's subtests, so
# a failing case fails the test even when the command exits 0; other output
# is kept as diagnostic lines.

RESULTS=/dev/ttyS1
# Below the host's SILENCE_TIMEOUT, so a slow test is reported as such.
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
KSFT_SKIP=4

# kunit MODULE: load a KUnit test module and print its suites as one KTAP
# document (each debugfs results file holds one suite under a 1..1 plan).
kunit() {
	k=/sys/kernel/debug/kunit
	ls $k > /tmp/kunit.before
	modprobe "$1" || return 1
	: > /tmp/kunit.suites
	for s in "$k"/*; do
		grep -qxF "${s##*/}" /tmp/kunit.before || echo "${s##*/}" >> /tmp/kunit.suites
	done
	total=$(wc -l < /tmp/kunit.suites)
	[ "$total" -gt 0 ] || { echo "# no KUnit suite appeared"; return 1; }
	echo "KTAP version 1"
	echo "1..$total"
	n=0
	rc=0
	while read -r s; do
		n=$((n + 1))
		sed -e '1,2d' -e "s/^\(\(not \)\{0,1\}ok\) 1 /\1 $n /" "$k/$s/results"
		grep -q '^not ok' "$k/$s/results" && rc=1
	done < /tmp/kunit.suites
	modprobe -r "$1"
	return $rc
}

# selftest NAME ARGS...: run an mm selftest from its directory.
selftest() {
	prog=$1
	shift
	cd /selftests/mm && "./$prog" "$@"
}

# ktap_block NUMBER NAME STATUS OUTPUT-FILE: the test's KTAP result.
ktap_block() {
	# Lines before the (K)TAP header stay diagnostics of this level.
	# kselftest writes results without a name ("ok 4 # SKIP why"), which
	# the KTAP parser does not take: name them after their number.
	awk '/^ *K?TAP version/ { tap = 1 } { print (tap ? "    " : "# ") $0 }' "$4" |
		sed 's/^\( *\(not \)\{0,1\}ok \([0-9]*\)\) # /\1 (test \3) # /'
	case $3 in
	0) echo "ok $1 $2" ;;
	"$KSFT_SKIP") echo "ok $1 $2 # SKIP $(grep -i -m1 'skip' "$4" | cut -c1-160)" ;;
	124) echo "not ok $1 $2 # TIMEOUT after ${TEST_TIMEOUT}s" ;;
	*) echo "not ok $1 $2 # exit status $3" ;;
	esac
}

# kill_session SID: SIGKILL every process of session SID until none is left.
# The kselftest harness runs each case in a process group of its own, so a
# process group is not enough; a process that makes a session of its own
# escapes (cgroups would catch it; the rig kernel has none).
kill_session() {
	sid=$1
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		left=
		for stat in /proc/[0-9]*/stat; do
			read -r line 2> /dev/null < "$stat" || continue
			# The fields after "(comm) ": state ppid pgrp session ...
			# shellcheck disable=SC2086
			set -- ${line##*) }
			[ "$4" = "$sid" ] || continue
			proc=${stat%/stat}
			# A zombie is done, unless other threads of it still run.
			if [ "$1" = Z ]; then
				set -- "$proc"/task/*
				[ $# -gt 1 ] || continue
			fi
			kill -s KILL "${proc#/proc/}" 2> /dev/null && left=1
		done
		[ -n "$left" ] || return 0
		sleep 0.1
	done
}

# limited COMMAND...: run COMMAND with the rig's helpers in a session of
# its own, and kill the whole session, every process COMMAND started, after
# TEST_TIMEOUT seconds (exit status 124) or when COMMAND returns.  Killing
# only COMMAND would leave its children holding the output pipe open.  A
# subshell: its variables stay its own, and as a background job of a shell
# without job control COMMAND is no process group leader, so that setsid
# does not fork.  (Such a job starts with SIGINT and SIGQUIT ignored and
# stdin from /dev/null; no test needs either.)
limited() (
	setsid sh -c '. /rig/lib.sh; . /rig/run.sh; "$@"' sh "$@" &
	pid=$!
	rm -f "/tmp/timed-out.$pid"
	# shellcheck disable=SC2016 # expanded by that shell
	setsid sh -c '. /rig/run.sh; sleep "$1"; : > "/tmp/timed-out.$2"
		kill_session "$2"' sh "$TEST_TIMEOUT" $pid > /dev/null 2>&1 &
	dog=$!
	wait $pid
	rc=$?
	kill_session $dog
	kill_session $pid
	# Reap the watchdog here, where the shell's "Killed" goes nowhere.
	wait $dog 2> /dev/null
	if [ -e "/tmp/timed-out.$pid" ]; then
		rm -f "/tmp/timed-out.$pid"
		rc=124
	fi
	exit $rc
)

# t NAME COMMAND...: one entry of /rig/tests.
t() {
	idx=$((idx + 1))
	[ "$idx" -ge "$from" ] || return 0
	name=$1
	shift
	echo "rig: begin test $idx $name" > /dev/kmsg
	out=/tmp/out.$idx
	# The output goes to the console as it comes, so that what a test
	# printed before a crash is in the console log.  (busybox sh has
	# pipefail.)
	# shellcheck disable=SC3040
	set -o pipefail
	limited "$@" 2>&1 3>&- | tee $out > /dev/console
	rc=$?
	echo "rig: end test $idx $name status $rc" > /dev/kmsg
	ktap_block $idx "$name" $rc $out >&3
	cd /
}

rig_run_tests() {
	from=${1:-1}
	idx=0
	stty -F $RESULTS raw -echo 2>/dev/null
	# The port stays open for the whole run: closing a tty throws away
	# what the UART has not sent yet if a signal cuts the wait for it
	# short, which once lost the end of a result line.
	exec 3> $RESULTS
	# shellcheck source=guest/tests
	. /rig/tests
	echo "# rig: done" >&3
	# Give the last lines time to leave before the close and poweroff.
	sleep 1
	exec 3>&-
}

# vmtests [VAR=VALUE...] ARGS...: the mm selftests' run_vmtests.sh with
# ARGS (-d, -t CATEGORY), those variables in its environment and nothing
# else of the rig's, as kselftest CI runs it.  -n: the TAP of the test it
# runs comes unprefixed, so that its cases count.
vmtests() {
	nvars=0
	for arg in "$@"; do
		case $arg in *=*) nvars=$((nvars + 1)) ;; *) break ;; esac
	done
	# Rotate the arguments, putting the command after the variables.
	i=0
	for arg in "$@"; do
		shift
		[ $i -eq $nvars ] && set -- "$@" ./run_vmtests.sh -n
		set -- "$@" "$arg"
		i=$((i + 1))
	done
	[ $i -gt $nvars ] || set -- "$@" ./run_vmtests.sh -n
	cd /selftests/mm && env -i PATH="$PATH" "$@"
}

# on_fsdax ext4|xfs COMMAND...: run COMMAND (vmtests, typically) with a
# fresh fs-dax filesystem of that type on the NVDIMM mounted at $DAX_MNT,
# and unmount it after.
on_fsdax() {
	on_fsdax_dev "$PMEM" "$@"
}

# on_fsdax_dev DEVICE ext4|xfs COMMAND...: the same on another DAX device.
on_fsdax_dev() {
	fsdax_mount "$2" "$1" || return 1
	shift 2
	"$@"
	rc=$?
	umount "$DAX_MNT"
	return $rc
}

# on_devdax 4K|2M COMMAND...: run COMMAND with the device-dax namespace
# reconfigured to that alignment, then set it back to 2M.  An alignment the
# namespace cannot have is a skip, with ndctl's reason.
on_devdax() {
	if ! devdax_align "$1" > /tmp/devdax_align.log 2>&1; then
		echo "$DEVDAX_NS cannot be $1-aligned, skipped:" \
			"$(grep -m 1 -o '[^ ].*' /tmp/devdax_align.log)"
		devdax_align 2M > /dev/null 2>&1
		return $KSFT_SKIP
	fi
	shift
	"$@"
	rc=$?
	devdax_align 2M > /dev/null || rc=1
	return $rc
}
