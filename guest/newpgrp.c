// SPDX-License-Identifier: GPL-2.0
/*
 * newpgrp COMMAND [ARG...]: run COMMAND in a process group of its own, in
 * the caller's session, as the kselftest harness runs each test case: for
 * the rig's test of its own timeout (rig-timeout.sh).
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: newpgrp COMMAND [ARG...]\n");
		return 2;
	}
	if (setpgid(0, 0)) {
		perror("setpgid");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
