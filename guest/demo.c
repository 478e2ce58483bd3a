// SPDX-License-Identifier: GPL-2.0
/*
 * make run's demonstration, run in the guest: map fs-dax, device-dax and
 * p2pmem pages, show the kernel's page counts as mappings and pins come
 * and go, and what unbinding a device does while one of its pages is
 * pinned.  Ends with a one-screen summary.
 *
 * Page counts come from gup_test's PAGE_COUNTS_TEST, less the reference
 * gup_test holds while it reads them; /proc/kpagecount does not reach
 * ZONE_DEVICE pages.  The base variant carries the series' gup_test patches,
 * so the demo runs the same way on both kernels.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "gup_test.h"

#define SZ_2M		(2UL << 20)
static char summary[16][160];
static int nr_summary;

#define note(...) snprintf(summary[nr_summary++], sizeof(summary[0]), __VA_ARGS__)

static int gup_fd = -1;

/* Start a step: a heading here, a marker in the kernel log for the host. */
static void step(int n, const char *name, const char *heading)
{
	char marker[128];
	int fd = open("/dev/kmsg", O_WRONLY);

	snprintf(marker, sizeof(marker), "rig: begin test %d %s", n, name);
	if (fd >= 0) {
		write(fd, marker, strlen(marker));
		close(fd);
	}
	printf("\n%d. %s\n", n, heading);
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		printf("   write %s to %s: %s\n", val, path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static long read_long(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return -1;
	close(fd);
	return strtol(buf, NULL, 0);
}

/*
 * Print the counts the kernel reports for the folio at addr: refcount and
 * mapcount (a PMD mapping counts in the folio's mapcount), and for a large
 * folio its order and pincount (a small folio's pins are in its refcount).
 */
static void show_page(const char *what, void *addr)
{
	struct page_counts_test c = { .addr = (unsigned long)addr };

	if (ioctl(gup_fd, PAGE_COUNTS_TEST, &c))
		printf("   %-34s GUP refused: %s\n", what, strerror(errno));
	else if (!c.order)
		printf("   %-34s refcount:%d mapcount:%d\n",
		       what, c.refcount, c.mapcount);
	else
		printf("   %-34s refcount:%d mapcount:%d pincount:%d, order-%u folio\n",
		       what, c.refcount, c.mapcount, c.pincount, c.order);
}

/* The Rss smaps reports for the mapping that contains addr, in kB. */
static long smaps_rss(void *addr)
{
	unsigned long start, end, want = (unsigned long)addr;
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[256];
	long rss = -1;
	int in = 0;

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = want >= start && want < end;
		else if (in && sscanf(line, "Rss: %ld kB", &rss) == 1)
			break;
	}
	if (f)
		fclose(f);
	return rss;
}

static void *map(const char *what, int fd, size_t size, int flags)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);

	if (p == MAP_FAILED) {
		printf("   mmap of %s failed: %s\n", what, strerror(errno));
		note("%-12s mmap failed: %s", what, strerror(errno));
		return NULL;
	}
	return p;
}

/* Pin with PIN_LONGTERM_TEST_FLAG_* flags, until unpin(): 0 or -errno. */
static int pin(void *addr, size_t size, unsigned int flags)
{
	struct pin_longterm_test pin = {
		.addr = (unsigned long)addr,
		.size = size,
		.flags = PIN_LONGTERM_TEST_FLAG_USE_WRITE | flags,
	};

	return ioctl(gup_fd, PIN_LONGTERM_TEST_START, &pin) ? -errno : 0;
}

static void unpin(void)
{
	ioctl(gup_fd, PIN_LONGTERM_TEST_STOP);
}

/* Map, touch, show the counts, pin, show again, unpin, unmap. */
static void tour(const char *what, int fd, size_t size)
{
	char *p = map(what, fd, size, MAP_SHARED);
	int err;

	if (!p)
		return;
	memset(p, 0x5a, 4096);
	printf("   smaps Rss of the %zuk mapping:      %ld kB\n", size >> 10, smaps_rss(p));
	show_page("mapped, touched:", p);
	if (!pin(p, 4096, PIN_LONGTERM_TEST_FLAG_SHORT_TERM)) {
		show_page("mapped, short-term pinned:", p);
		unpin();
	}
	err = pin(p, 4096, 0);
	printf("   FOLL_LONGTERM pin:                 %s\n", err ? strerror(-err) : "taken");
	if (!err) {
		show_page("mapped, long-term pinned:", p);
		unpin();
		show_page("long-term pin released:", p);
	}
	note("%-12s Rss %ld kB of %zu kB mapped; FOLL_LONGTERM %s", what,
	     smaps_rss(p), size >> 10, err ? strerror(-err) : "allowed");
	munmap(p, size);
}

static void fsdax(void)
{
	int fd = open("/mnt/dax/demo", O_RDWR | O_CREAT, 0644);

	step(1, "demo_fsdax", "fs-dax: a 2M file on ext4 mounted -o dax=always on /dev/pmem0");
	if (fd < 0 || ftruncate(fd, SZ_2M)) {
		printf("   cannot create /mnt/dax/demo: %s\n", strerror(errno));
		note("fs-dax       not set up: %s", strerror(errno));
		return;
	}
	tour("fs-dax", fd, SZ_2M);
	close(fd);
}

static void devdax(void)
{
	int fd = open("/dev/dax1.0", O_RDWR);

	step(2, "demo_devdax", "device-dax: /dev/dax1.0, 2M aligned");
	if (fd < 0) {
		printf("   cannot open /dev/dax1.0: %s\n", strerror(errno));
		note("device-dax   not set up: %s", strerror(errno));
		return;
	}
	tour("device-dax", fd, SZ_2M);
	close(fd);
}

static void p2pmem(const char *dev)
{
	char path[256];
	long before, mapped, after;
	char *p;
	int fd;

	step(3, "demo_p2pmem", "p2pmem: the NVMe controller memory buffer");
	printf("   device %s\n", dev);
	snprintf(path, sizeof(path), "%s/p2pmem/allocate", dev);
	fd = open(path, O_RDWR);
	if (fd < 0) {
		printf("   cannot open %s: %s\n", path, strerror(errno));
		note("p2pmem       not set up: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/p2pmem/available", dev);
	before = read_long(path);
	p = map("p2pmem", fd, SZ_2M, MAP_SHARED);
	if (!p) {
		close(fd);
		return;
	}
	memset(p, 0x5a, 4096);
	mapped = read_long(path);
	printf("   p2pmem available: %ld bytes before, %ld mapped\n", before, mapped);
	show_page("GUP without FOLL_PCI_P2PDMA:", p);
	munmap(p, SZ_2M);
	close(fd);
	after = read_long(path);
	printf("   p2pmem available after munmap: %ld\n", after);
	note("p2pmem       available %ld -> %ld mapped -> %ld unmapped", before, mapped, after);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A child maps device-dax and holds a FOLL_LONGTERM pin; the parent unbinds
 * the device and watches whether the unbind waits for the pin.
 */
static void unbind_pinned(void)
{
	int go[2], done[2], status;
	double t0, waited = -1;
	pid_t pinner, unbinder;
	char c;

	step(4, "demo_unbind_pinned", "unbind /dev/dax1.0 while a page of it is pinned (FOLL_LONGTERM)");
	if (pipe(go) || pipe(done))
		return;
	pinner = fork();
	if (!pinner) {
		int fd = open("/dev/dax1.0", O_RDWR);
		char *p = fd < 0 ? NULL : map("device-dax", fd, SZ_2M, MAP_SHARED);

		c = p && !(memset(p, 1, 4096), pin(p, 4096, 0)) ? 'y' : 'n';
		write(go[1], &c, 1);
		read(done[0], &c, 1);
		unpin();
		_exit(0);
	}
	read(go[0], &c, 1);
	if (c != 'y') {
		printf("   could not map and pin /dev/dax1.0\n");
		note("unbind       not tried: no pinned mapping");
		write(done[1], &c, 1);
		waitpid(pinner, NULL, 0);
		return;
	}
	t0 = now();
	unbinder = fork();
	if (!unbinder) {
		write_file("/sys/bus/dax/drivers/device_dax/unbind", "dax1.0");
		_exit(0);
	}
	while (now() - t0 < 3 && waitpid(unbinder, NULL, WNOHANG) == 0)
		usleep(10000);
	if (now() - t0 < 3) {
		waited = now() - t0;
		printf("   unbind returned after %.2f s with the page still pinned\n", waited);
	} else {
		printf("   unbind is still waiting after 3 s: releasing the pin\n");
	}
	write(done[1], &c, 1);
	waitpid(pinner, &status, 0);
	printf("   the pinning process %s\n",
	       WIFSIGNALED(status) ? "was killed (see the kernel log above)" : "exited normally");
	if (waited < 0) {
		waitpid(unbinder, NULL, 0);
		printf("   unbind completed %.2f s after it started\n", now() - t0);
	}
	note("unbind       %s; unpin afterwards: %s",
	     waited < 0 ? "waited for the pin" : "did NOT wait for the pin",
	     WIFSIGNALED(status) ? "the pinning process died" : "clean");
	write_file("/sys/bus/dax/drivers/device_dax/bind", "dax1.0");
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	gup_fd = open("/sys/kernel/debug/gup_test", O_RDWR);
	if (gup_fd < 0) {
		printf("demo: /sys/kernel/debug/gup_test: %s\n", strerror(errno));
		return 1;
	}
	fsdax();
	devdax();
	if (argc > 1)
		p2pmem(argv[1]);
	unbind_pinned();

	printf("\nSummary\n");
	for (i = 0; i < nr_summary; i++)
		printf("  %s\n", summary[i]);
	return 0;
}
