// The browsers' and PostgreSQL's set-up (scripts/setup-browsers.mjs), which `npm test` and `.ci/run`
// run first: what is in place costs nothing, what is missing is installed with apt-get when it can be, a browser
// path set on purpose that leads nowhere is reported and never "fixed" by an install, and every
// failure is one line, without a stack trace.
// It never runs the real apt-get: PATH holds a fake one (or none) that records how it was called,
// and the packages' locations are moved into a temporary directory (--chromium, --headless-shell,
// --initdb). PostgreSQL is in place unless a case says otherwise.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {root} from './load-core.mjs';

const SCRIPT = join(root, 'scripts/setup-browsers.mjs');
const dir = mkdtempSync(join(tmpdir(), 'setup-browsers-'));
after(() => rmSync(dir, {recursive: true, force: true}));

let cases = 0;
/** A fresh corner of the temporary directory: the packages' locations, a bin/ for PATH, a log. */
function place() {
  const here = join(dir, String(cases++));
  mkdirSync(join(here, 'bin'), {recursive: true});
  mkdirSync(join(here, 'tmp'));
  return {
    here,
    chromium: join(here, 'usr-bin/chromium'),
    shell: join(here, 'usr-bin/chromium-headless-shell'),
    initdb: join(here, 'usr-lib-postgresql/15/bin/initdb'),
    bin: join(here, 'bin'),
    log: join(here, 'apt-get.log'),
  };
}

/** An executable that does nothing: a browser as far as the set-up can tell. */
function fakeBrowser(path) {
  mkdirSync(join(path, '..'), {recursive: true});
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

/**
 * A fake apt-get in `bin`: it appends its arguments and DEBIAN_FRONTEND to `log`, one JSON line a
 * call. `install` "installs" a package by writing its browser where `targets` says, unless the
 * package is in `fail` (then, as apt-get does, it installs nothing and exits 100).
 */
function fakeAptGet({bin, log}, {targets = {}, fail = []} = {}) {
  const path = join(bin, 'apt-get');
  writeFileSync(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({args, frontend: process.env.DEBIAN_FRONTEND}) + '\\n');
if (!args.includes('install')) process.exit(0);
const packages = args.filter((arg) => !arg.startsWith('-') && arg !== 'install');
const targets = ${JSON.stringify(targets)}, fail = ${JSON.stringify(fail)};
const bad = packages.find((name) => fail.includes(name) || !targets[name]);
if (bad) {
  console.error('E: Unable to locate package ' + bad);
  process.exit(100);
}
for (const name of packages) {
  fs.mkdirSync(require('node:path').dirname(targets[name]), {recursive: true});
  fs.writeFileSync(targets[name], '#!/bin/sh\\n', {mode: 0o755});
}
`
  );
  chmodSync(path, 0o755);
}

/** The apt-get calls the fake recorded: `[['update'], ['install', …]]`, without the quiet flag. */
const aptCalls = ({log}) =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map(({args, frontend}) => {
          assert.equal(frontend, 'noninteractive');
          return args.filter((arg) => arg !== '-qq');
        })
    : [];

/**
 * Runs the set-up with only `env` (PATH: the fake bin/), the packages' locations moved to `at`;
 * PostgreSQL's initdb is there unless `postgres` is false.
 */
function setUp(at, env = {}, {postgres = true} = {}) {
  if (postgres && !existsSync(at.initdb)) fakeBrowser(at.initdb);
  const started = performance.now();
  const result = spawnSync(process.execPath, [SCRIPT, '--chromium', at.chromium, '--headless-shell', at.shell, '--initdb', at.initdb], {
    env: {PATH: at.bin, TMPDIR: join(at.here, 'tmp'), ...env},
    encoding: 'utf8',
  });
  const output = (result.stdout + result.stderr).trim();
  return {code: result.status, output, lines: output ? output.split('\n') : [], seconds: (performance.now() - started) / 1000};
}

/** One line, no stack trace (no `    at …` frame, no `Error:`, no node: internals). */
function assertOneLine({lines, output}) {
  assert.equal(lines.length, 1, `expected one line, got:\n${output}`);
  assert.doesNotMatch(output, /^\s+at |Error:|node:internal/m);
}

const root0 = process.getuid?.() === 0;

describe('the browsers’ set-up', () => {
  it('reports CHROME_PATH and TEST_CHROME_PATH that lead nowhere, with no apt-get on PATH: one line, exit 1', () => {
    const at = place();
    const result = setUp(at, {CHROME_PATH: join(at.here, 'no-chromium'), TEST_CHROME_PATH: join(at.here, 'no-shell')});
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(
      result.output,
      /^CHROME_PATH is set to .*no-chromium, which does not exist, and TEST_CHROME_PATH is set to .*no-shell, which does not exist: point them at a Chromium, or unset them/
    );
  });

  for (const name of ['CHROME_PATH', 'TEST_CHROME_PATH']) {
    it(`reports ${name} leading nowhere even where apt-get could install, and installs nothing`, () => {
      const at = place();
      // The packages' browsers are missing too: without the report, this would install them.
      fakeAptGet(at, {targets: {chromium: at.chromium, 'chromium-headless-shell': at.shell}});
      const other = name === 'CHROME_PATH' ? 'TEST_CHROME_PATH' : 'CHROME_PATH';
      const result = setUp(at, {[name]: join(at.here, 'nowhere'), [other]: fakeBrowser(join(at.here, 'browser'))});
      assert.equal(result.code, 1);
      assertOneLine(result);
      assert.match(
        result.output,
        new RegExp(`^${name} is set to .*nowhere, which does not exist: point it at a Chromium, or unset it \\(nothing was installed\\)$`)
      );
      assert.deepEqual(aptCalls(at), []);
      assert.ok(!existsSync(at.chromium) && !existsSync(at.shell));
    });
  }

  it('reports a path set on purpose that is a directory, not a browser', () => {
    const at = place();
    const result = setUp(at, {CHROME_PATH: at.bin});
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(result.output, /^CHROME_PATH is set to .*, which is not an executable file: /);
  });

  it('with valid paths: exit 0 at once, silent, nothing installed', () => {
    const at = place();
    fakeAptGet(at, {targets: {chromium: at.chromium, 'chromium-headless-shell': at.shell}});
    const result = setUp(at, {CHROME_PATH: fakeBrowser(join(at.here, 'a')), TEST_CHROME_PATH: fakeBrowser(join(at.here, 'b'))});
    assert.equal(result.code, 0, result.output);
    assert.equal(result.output, '');
    assert.deepEqual(aptCalls(at), []);
    assert.ok(result.seconds < 2, `${result.seconds} s`);
  });

  it('with both packages’ browsers in place: exit 0 at once, silent, nothing installed', () => {
    const at = place();
    fakeAptGet(at);
    fakeBrowser(at.chromium);
    fakeBrowser(at.shell);
    const result = setUp(at);
    assert.deepEqual([result.code, result.output, aptCalls(at)], [0, '', []]);
  });

  it('without Chromium nor apt-get: one line naming the packages to install, exit 1', () => {
    const at = place();
    const result = setUp(at);
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(
      result.output,
      /^Chromium is missing \(.*chromium\): install Debian's packages chromium and chromium-headless-shell \(as root: apt-get install chromium chromium-headless-shell\), or set CHROME_PATH to a Chromium$/
    );
  });

  it('without the headless shell alone, and no apt-get: exit 0, silent (the suites drive the full Chromium)', () => {
    const at = place();
    fakeBrowser(at.chromium);
    const result = setUp(at);
    assert.deepEqual([result.code, result.output], [0, '']);
  });

  // apt-get installs as root only: elsewhere the set-up must not try, and says what to install.
  it(
    root0
      ? 'as root, installs what is missing: apt-get update, then one quiet install of both'
      : 'not as root: does not run apt-get, says what to install',
    () => {
      const at = place();
      fakeAptGet(at, {targets: {chromium: at.chromium, 'chromium-headless-shell': at.shell}});
      const result = setUp(at);
      if (!root0) {
        assert.equal(result.code, 1);
        assertOneLine(result);
        assert.deepEqual(aptCalls(at), []);
        return;
      }
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(result.lines, ["Installing chromium and chromium-headless-shell from Debian's packages…"]);
      assert.deepEqual(aptCalls(at), [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-headless-shell']]);
      assert.ok(existsSync(at.chromium) && existsSync(at.shell));
      // The second run (npm test after .ci/run's) finds them, and returns.
      const again = setUp(at);
      assert.deepEqual([again.code, again.output, aptCalls(at).length], [0, '', 2]);
    }
  );

  it(
    root0
      ? 'as root, a headless shell apt-get cannot install: Chromium alone, a note, and no second try on the next run'
      : 'not as root, with the shell missing: exit 0, no apt-get',
    () => {
      const at = place();
      fakeAptGet(at, {targets: {chromium: at.chromium}, fail: ['chromium-headless-shell']});
      const result = setUp(at);
      if (!root0) {
        assert.deepEqual(aptCalls(at), []);
        return;
      }
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(result.lines, [
        "Installing chromium and chromium-headless-shell from Debian's packages…",
        'chromium-headless-shell could not be installed (E: Unable to locate package chromium-headless-shell): the suites drive the full Chromium',
      ]);
      const installs = [
        ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-headless-shell'],
        ['install', '-y', '--no-install-recommends', 'chromium'],
      ];
      assert.deepEqual(aptCalls(at), [['update'], ...installs]);
      assert.ok(existsSync(at.chromium));
      const again = setUp(at);
      assert.deepEqual([again.code, again.output, aptCalls(at).length], [0, '', 3]);
    }
  );

  it(
    root0
      ? 'as root, a Chromium apt-get cannot install: one line with apt-get’s reason, exit 1'
      : 'not as root, without Chromium: exit 1, no apt-get',
    () => {
      const at = place();
      fakeAptGet(at, {fail: ['chromium', 'chromium-headless-shell']});
      const result = setUp(at);
      assert.equal(result.code, 1);
      if (!root0) {
        assertOneLine(result);
        assert.deepEqual(aptCalls(at), []);
        return;
      }
      assert.equal(result.lines[0], "Installing chromium and chromium-headless-shell from Debian's packages…");
      assert.deepEqual(result.lines.slice(1), [
        'Chromium could not be installed (apt-get install chromium: E: Unable to locate package chromium): install it, or set CHROME_PATH to a Chromium',
      ]);
      assert.doesNotMatch(result.output, /^\s+at |Error:|node:internal/m);
    }
  );

  it('reports a PG_BIN that holds no initdb, and installs nothing', () => {
    const at = place();
    fakeAptGet(at, {targets: {postgresql: at.initdb}});
    fakeBrowser(at.chromium);
    fakeBrowser(at.shell);
    const result = setUp(at, {PG_BIN: join(at.here, 'nowhere')}, {postgres: false});
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(
      result.output,
      /^PG_BIN is set to .*nowhere, which holds no initdb: point it at PostgreSQL's programs, or unset it \(nothing was installed\)$/
    );
    assert.deepEqual(aptCalls(at), []);
  });

  it('without PostgreSQL nor apt-get: one line naming the package to install, exit 1', () => {
    const at = place();
    fakeBrowser(at.chromium);
    fakeBrowser(at.shell);
    const result = setUp(at, {}, {postgres: false});
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(
      result.output,
      /^PostgreSQL is missing \(.*initdb\): install Debian's package postgresql \(as root: apt-get install postgresql\), or set PG_BIN to the folder of its initdb$/
    );
  });

  it('without Chromium nor PostgreSQL, and no apt-get: one line naming all three packages', () => {
    const at = place();
    const result = setUp(at, {}, {postgres: false});
    assert.equal(result.code, 1);
    assertOneLine(result);
    assert.match(
      result.output,
      /^Chromium is missing \(.*\), and PostgreSQL is missing \(.*\): install Debian's packages chromium, chromium-headless-shell and postgresql \(as root: apt-get install chromium chromium-headless-shell postgresql\), or set CHROME_PATH to a Chromium and set PG_BIN to the folder of its initdb$/
    );
  });

  it(
    root0
      ? 'as root, installs PostgreSQL with the browsers: one apt-get update, one install of the three'
      : 'not as root, without PostgreSQL: exit 1, no apt-get',
    () => {
      const at = place();
      fakeAptGet(at, {targets: {chromium: at.chromium, 'chromium-headless-shell': at.shell, postgresql: at.initdb}});
      const result = setUp(at, {}, {postgres: false});
      if (!root0) {
        assert.equal(result.code, 1);
        assert.deepEqual(aptCalls(at), []);
        return;
      }
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(result.lines, ["Installing chromium, chromium-headless-shell and postgresql from Debian's packages…"]);
      assert.deepEqual(aptCalls(at), [
        ['update'],
        ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-headless-shell', 'postgresql'],
      ]);
      const again = setUp(at, {}, {postgres: false});
      assert.deepEqual([again.code, again.output, aptCalls(at).length], [0, '', 2]);
    }
  );

  it(
    root0
      ? 'as root, a PostgreSQL apt-get cannot install: one line with apt-get’s reason, exit 1'
      : 'not as root, PostgreSQL missing: exit 1',
    () => {
      const at = place();
      fakeBrowser(at.chromium);
      fakeBrowser(at.shell);
      fakeAptGet(at, {fail: ['postgresql']});
      const result = setUp(at, {}, {postgres: false});
      assert.equal(result.code, 1);
      if (!root0) return;
      assert.deepEqual(result.lines, [
        "Installing postgresql from Debian's packages…",
        'PostgreSQL could not be installed (apt-get install postgresql: E: Unable to locate package postgresql): install it, or set PG_BIN to the folder of its initdb',
      ]);
    }
  );
});
