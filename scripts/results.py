#!/usr/bin/env python3
"""Summarise a test run: results.ktap parsed with the kernel's own KUnit
KTAP parser, and the guest consoles scanned for kernel reports.

usage: results.py KUNIT_TOOL_DIR RESULTS_DIR
       results.py --reports DIR      (only the console scan)

Prints one line per test, then 'N passed, N failed, N skipped' counted over
test cases.  A WARNING, BUG, Oops, KASAN, lockdep or hung-task report on a
console is a failure of the test that was running.  Exit status 1 when
anything failed.
"""

import glob
import os
import re
import sys

REPORT = re.compile(
    r'(WARNING: CPU:|WARNING: .*(locking|lock held|lock order)|BUG: |Oops|'
    r'KASAN: |UBSAN: |general protection fault|kernel BUG at|'
    r'INFO: task .* blocked for more than|Kernel panic - not syncing|'
    r'rig: guest silent|rig: boot still running)')
BEGIN = re.compile(r'rig: begin test \d+ (\S+)')
END = re.compile(r'rig: end test \d+ ')


def console_reports(results_dir):
    """Yield (test name, line) for each kernel report on the consoles."""
    def boot_number(path):
        number = re.search(r'console\.(\d+)\.log$', path)
        return int(number.group(1)) if number else 0

    for path in sorted(glob.glob(os.path.join(results_dir, 'console*.log')),
                       key=boot_number):
        running = '(boot, before the tests)'
        with open(path, errors='replace') as console:
            for line in console:
                line = line.rstrip('\r\n')
                begin = BEGIN.search(line)
                if begin:
                    running = begin.group(1)
                elif END.search(line):
                    running = '(between tests)'
                elif REPORT.search(line):
                    yield running, f'{os.path.basename(path)}: {line.strip()}'


def leaves(test, path=''):
    """Yield (path, status) of every test case below test."""
    for sub in test.subtests:
        name = f'{path}.{sub.name}' if path else sub.name
        if sub.subtests:
            yield from leaves(sub, name)
        else:
            yield name, sub.status


def show_reports(results_dir):
    """Print the kernel reports on the consoles; 1 when there are any."""
    found = 0
    for test, line in console_reports(results_dir):
        found += 1
        print(f'kernel report while running {test}: {line}')
    if not found:
        print('no kernel report (WARNING, BUG, Oops, KASAN, lockdep, hung task) on the console')
    return 1 if found else 0


def main():
    if sys.argv[1] == '--reports':
        return show_reports(sys.argv[2])
    kunit_dir, results_dir = sys.argv[1:3]
    sys.path.insert(0, kunit_dir)
    # pylint: disable=import-outside-toplevel
    import kunit_parser
    import kunit_printer
    status = kunit_parser.TestStatus

    with open(os.path.join(results_dir, 'results.ktap'), errors='replace') as f:
        ktap = f.readlines()
    # The parser reports as it goes, through kunit_printer: keep that in
    # parser.log.
    with open(os.path.join(results_dir, 'parser.log'), 'w') as log:
        kunit_printer.stdout = kunit_parser.stdout = kunit_printer.Printer(log)
        run = kunit_parser.parse_run_tests(ktap)

    passed = failed = skipped = 0
    for test in run.subtests:
        cases = list(leaves(test)) or [(test.name, test.status)]
        bad = [n for n, s in cases if s not in (status.SUCCESS, status.SKIPPED)]
        skip = sum(s == status.SKIPPED for _, s in cases)
        passed += len(cases) - len(bad) - skip
        failed += len(bad)
        skipped += skip
        word = 'FAIL' if bad else 'SKIP' if skip == len(cases) else 'PASS'
        print(f'{word:4}  {test.name}: {len(cases) - len(bad) - skip} passed, '
              f'{len(bad)} failed, {skip} skipped')
        for name in bad[:10]:
            print(f'        failed: {name}')
        if len(bad) > 10:
            print(f'        ... and {len(bad) - 10} more')

    expected = run.expected_count or 0
    if len(run.subtests) != expected or run.counts.errors:
        failed += 1
        print(f'FAIL  results: {len(run.subtests)} of {expected} tests '
              f'reported, {run.counts.errors} parse errors (see parser.log)')

    for test, line in console_reports(results_dir):
        failed += 1
        print(f'FAIL  kernel report while running {test}: {line}')

    print(f'{passed} passed, {failed} failed, {skipped} skipped')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
