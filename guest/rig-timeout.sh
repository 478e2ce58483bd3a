#!/bin/sh
# The rig's test timeout stops a test and everything it started: a test
# whose children outlive it, or that runs past TEST_TIMEOUT, must not keep
# the runner waiting for the output pipe, nor run on into the next test.
# Children in process groups of their own, as the kselftest harness makes
# them, go too.  The sleeps are bounded, so that a broken limited() holds
# this test up for a minute, not for ever.  TAP output.

# shellcheck source=guest/run.sh
. /rig/run.sh

# procs PATTERN: the live processes with PATTERN in their command line.
# (The guest's busybox has no pgrep.)
# shellcheck disable=SC2009
procs() { ps -o stat,args | grep -v -e grep -e '^Z' | grep -- "$1"; }

# check N DESCRIPTION WANT-STATUS MAX-SECONDS PATTERN COMMAND...: run
# COMMAND under limited() through a pipe, as t() does; it must end with
# WANT-STATUS within MAX-SECONDS, and no process matching PATTERN is left.
failed=0
check() {
	n=$1 what=$2 want=$3 max=$4 pattern=$5
	shift 5
	start=$(cut -d. -f1 /proc/uptime)
	limited "$@" | cat
	rc=$?
	took=$(($(cut -d. -f1 /proc/uptime) - start))
	if [ $rc -eq "$want" ] && [ $took -le "$max" ] && ! procs "$pattern" > /dev/null; then
		echo "ok $n $what (${took}s)"
	else
		echo "not ok $n $what: exit $rc after ${took}s; left: $(procs "$pattern")"
		failed=1
	fi
}

# shellcheck disable=SC3040
set -o pipefail
echo "TAP version 13"
echo "1..4"
TEST_TIMEOUT=2 check 1 "a test past its timeout is stopped with its children" \
	124 10 "sleep 6[12]" sh -c 'sleep 61 & sleep 62'
check 2 "a test that returns keeps its status, and its children go" \
	3 10 "sleep 63" sh -c 'sleep 63 & exit 3'
TEST_TIMEOUT=2 check 3 "a test past its timeout is stopped with a child in a process group of its own" \
	124 10 "sleep 64" sh -c '/rig/newpgrp sleep 64 & wait'
check 4 "a child in a process group of its own goes when the test returns" \
	0 10 "sleep 65" sh -c '/rig/newpgrp sleep 65 & sleep 1'
exit $failed
