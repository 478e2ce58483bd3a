# The series and its test rig.  The pipeline, one script a step:
#   deps -> tree -> check -> build -> initramfs -> test (boot, results)
# BASE=1 runs the same on the pristine base; DEBUG=1 adds config/debug.config;
# DEBIAN=1 starts from Debian's own kernel configuration, not tinyconfig.
# Everything generated lives under build/.

export BASE DEBUG DEBIAN

.PHONY: all deps tree check export build initramfs test test-all run vm cross lint clean

all: test

deps:
	scripts/deps.sh

tree: deps
	scripts/tree.sh

check: tree
	scripts/check-series.sh

export:
	scripts/export.sh

build: tree
	scripts/build.sh

initramfs: build
	scripts/initramfs.sh

ifeq ($(BASE),1)
test: initramfs
else
test: check initramfs
endif
	scripts/run-tests.sh

# What CI runs: every test on the rig's kernel, then on the debug kernel.
test-all:
	$(MAKE) test DEBUG=0
	$(MAKE) test DEBUG=1

run: initramfs
	scripts/demo.sh

vm: initramfs
	scripts/boot.sh shell

cross: tree
	scripts/cross.sh

lint:
	shellcheck -x scripts/*.sh .ci/run
	shellcheck -x -s sh guest/init guest/*.sh guest/tests
	python3 -m py_compile scripts/results.py

clean:
	rm -rf build
