#!/bin/sh
# The rig's test timeout stops a test and everything it started: a test
# whose children outlive it, or that runs past TEST_TIMEOUT, must not keep
# the runner waiting for the output pipe.  TAP output.

# shellcheck source=guest/run.sh
. /rig/run.sh

# alive PATTERN: whether a process runs with PATTERN in its command line.
# (The guest's busybox has no pgrep.)
# shellcheck disable=SC2009
alive() { ps -o args | grep -v grep | grep -q -- "$1"; }

# shellcheck disable=SC3040
set -o pipefail
echo "TAP version 13"
echo "1..2"
failed=0

start=$(cut -d. -f1 /proc/uptime)
TEST_TIMEOUT=2 limited sh -c 'sleep 1001 & sleep 1002' | cat
rc=$?
took=$(($(cut -d. -f1 /proc/uptime) - start))
if [ $rc -eq 124 ] && [ $took -lt 10 ] && ! alive "sleep 100[12]"; then
	echo "ok 1 a test past its timeout is stopped with its children (${took}s)"
else
	echo "not ok 1 exit $rc after ${took}s, or a sleep is left"
	failed=1
fi

limited sh -c 'sleep 1003 & exit 3' | cat
rc=$?
if [ $rc -eq 3 ] && ! alive "sleep 1003"; then
	echo "ok 2 a test that returns keeps its status, and its children go"
else
	echo "not ok 2 exit $rc, or its child is left"
	failed=1
fi
exit $failed
