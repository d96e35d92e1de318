// `npm test`: first the browsers (scripts/setup-browsers.mjs: what is missing is installed, or named
// in one line), then build and typecheck, and every suite in real headless Chromium:
//   1. unit and component tests in the browser (@web/test-runner),
//   2. schema agreement, the CLI and end-to-end tests of the demo sites (node:test + puppeteer-core),
//      one node process per file (node:test, TAP), several files at a time.
// Every case of an end-to-end file opens a fresh browser context, so files share no state: they can
// run side by side. The browser is the slot's: this runner keeps one Chromium running per slot and
// hands it to the files it runs there, one after another (TEST_BROWSER_WS, test/e2e/browser.mjs),
// and closes the contexts a file leaves. The web server, which holds no state, is one for the run
// (TEST_SERVER_PORT, test/e2e/server.mjs): a file run alone starts its own of both.
// Files start slowest first (test/timings.json), so the run does not end waiting on one long file.
// The build, the typecheck and the files take turns in one pool of TEST_JOBS slots. The files of
// test/node/ read nothing the build writes (test/node/beside-build.test.mjs holds it), and
// web-test-runner compiles src/ itself: those start at once, beside the build, so no core sits idle
// while rollup works. Every other file (test/built/, test/e2e/, records/test/) waits for the build.
// Each file's output is printed whole when it ends. The run ends with one line,
// `tests: N passed, N failed, N skipped`, and exits non-zero on any failure.
//
// A file that runs longer than TEST_FILE_TIMEOUT seconds (default 600) is stopped (with the contexts
// it opened in the slot's browser), its output so far printed, and counted as a failure: one hung
// file must not hang CI.
// `npm test -- <word> …` runs only the suites whose file names hold one of the words; of the browser
// suite, only its files whose names hold one (`npm test -- gate` runs test/browser/gate.test.ts).
// TEST_JOBS sets how many jobs run at once (default: one more than the cores: a file alone keeps
// about one core busy, and part of its time waits on pages going quiet; 2 cores, 3 at once: 95 %
// busy, 270 s where 2 at once take 293 s).
// TEST_RECORD_TIMINGS=1 rewrites test/timings.json from this run.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';

// Before anything else, the browsers: the set-up returns at once when they are in place (as after
// `.ci/run`'s, beside `npm ci`); else it installs them, or says in one line what to install and
// fails. test/chromium.mjs looks for the headless shell when it is loaded: after the set-up.
const setup = spawnSync(process.execPath, [fileURLToPath(new URL('setup-browsers.mjs', import.meta.url))], {stdio: 'inherit'});
if (setup.status !== 0) process.exit(setup.status ?? 1);
const {FULL_CHROMIUM, TEST_CHROMIUM} = await import('../test/chromium.mjs');
const {closeContexts, launchBrowser} = await import('../test/e2e/browser.mjs');
const {BROWSER_TEST_FOLDERS} = await import('../web-test-runner.config.js');

const TIMINGS = 'test/timings.json';
const jobs = Number(process.env.TEST_JOBS) || availableParallelism() + 1;
const fileTimeout = Number(process.env.TEST_FILE_TIMEOUT) || 600;
const only = process.argv.slice(2);

/**
 * Runs a command in a process group of its own; resolves with its exit code, its output and its
 * time. After `timeout` seconds the whole group (browsers and servers included) is killed, and the
 * result says `timedOut`.
 */
const run = (command, args, {timeout = Infinity, env = process.env} = {}) =>
  new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe'], env, detached: true});
    const killGroup = (signal = 'SIGKILL') => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group has already ended.
      }
    };
    // SIGTERM first: puppeteer closes the browsers it launched (in process groups of their own)
    // on SIGTERM; whatever is left five seconds later is killed.
    let hardKill;
    const timer = Number.isFinite(timeout)
      ? setTimeout(() => {
          timedOut = true;
          killGroup('SIGTERM');
          hardKill = setTimeout(killGroup, 5000);
        }, timeout * 1000)
      : undefined;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      // Whatever the command left behind (a browser, a server) goes with it.
      killGroup();
      resolve({code, output, timedOut, seconds: (performance.now() - started) / 1000});
    });
  });

const totals = {passed: 0, failed: 0, skipped: 0};
let failedSteps = 0;

/** Counts the browser suite's closing line (see web-test-runner.config.js). */
function countBrowser({code, output}) {
  // Its progress bar redraws itself with terminal escapes, which can stand before the line.
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const counts = [...plain.matchAll(/^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
  if (counts) {
    totals.passed += Number(counts[1]);
    totals.failed += Number(counts[2]);
    totals.skipped += Number(counts[3]);
  }
  if (code !== 0 && !(counts && Number(counts[2]) > 0)) failedSteps++;
}

/** Counts one `node --test` file's summary. A file that ends without one (it crashed) is a failure. */
function countNode({code, output}, file) {
  const count = (label) => Number(output.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  if (!/^# pass \d+$/m.test(output)) {
    console.log(`# ${file} ended without a summary (exit ${code})`);
    failedSteps++;
    return;
  }
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (code !== 0 && count('fail') + count('cancelled') === 0) failedSteps++;
}

/** A build step: its output and its time; a step that fails counts as one failure. */
function countStep({code, output, seconds}, name) {
  process.stdout.write(output);
  console.log(`# ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`);
  if (code !== 0) failedSteps++;
}

/** The folder of the node files that read nothing of dist/: they may start before the build ends. */
const BESIDE_BUILD = 'test/node/';

// records/test: the record receiver's own (records/, `consent-banner records`).
const files = ['test/node', 'test/built', 'test/e2e', 'records/test'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => `${dir}/${name}`)
);
/** The browser suite's files; with words, those whose names hold one, which web-test-runner alone runs. */
const browserFiles = BROWSER_TEST_FOLDERS.flatMap((folder) =>
  readdirSync(`test/${folder}`, {recursive: true})
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `test/${folder}/${name}`)
);
const browserChosen = only.some((word) => 'web-test-runner'.includes(word))
  ? []
  : browserFiles.filter((file) => only.some((word) => file.includes(word)));
const known = existsSync(TIMINGS) ? JSON.parse(readFileSync(TIMINGS, 'utf8')).seconds : {};
const suites = [
  // It compiles src/ with esbuild as it serves the tests (web-test-runner.config.js).
  {
    name: 'web-test-runner',
    command: 'npx',
    args: ['web-test-runner', ...browserChosen],
    count: countBrowser,
    besideBuild: true,
    files: browserChosen,
  },
  ...files.map((file) => ({
    name: file,
    command: 'node',
    // Run as a plain script, node:test still runs its tests and reports them alike, without the
    // second process that `node --test` starts for each file.
    args: ['--test-reporter=tap', file],
    count: countNode,
    besideBuild: file.startsWith(BESIDE_BUILD),
  })),
]
  // `npm test -- studio cli` runs only the suites whose names hold one of the words.
  .filter((job) => !only.length || job.files?.length || only.some((word) => job.name.includes(word)))
  // Slowest first; a file with no timing yet is taken for slow.
  .sort((a, b) => (known[b.name] ?? Infinity) - (known[a.name] ?? Infinity));

// The build and the typecheck first (independent: the typecheck reads the sources, not dist/).
let built;
const buildDone = new Promise((resolve) => (built = resolve));
const queue = [
  {name: 'build', command: 'npm', args: ['run', '--silent', 'build'], count: countStep, step: true, besideBuild: true},
  {name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'], count: countStep, step: true, besideBuild: true},
  ...suites,
];
let buildOk = false;
console.log(
  `# Chromium: ${TEST_CHROMIUM}${TEST_CHROMIUM === FULL_CHROMIUM ? '' : `, and ${FULL_CHROMIUM} where the test says so`} (test/chromium.mjs)`
);
console.log(`# ${jobs} at a time; beside the build: ${suites.filter((job) => job.besideBuild).length} of ${suites.length} suites`);

/** The next job that may start now: before the build has ended, only one that needs none of it. */
async function next() {
  for (;;) {
    if (!queue.length) return undefined;
    const index = buildOk ? 0 : queue.findIndex((job) => job.besideBuild);
    if (index >= 0) return queue.splice(index, 1)[0];
    await buildDone;
    // A build that failed leaves nothing to run that needs it: each such suite is not run.
    if (!buildOk) {
      const skipped = queue.filter((job) => !job.besideBuild);
      queue.splice(0, queue.length, ...queue.filter((job) => job.besideBuild));
      if (skipped.length) console.log(`# not run, the build failed: ${skipped.map((job) => job.name).join(', ')}`);
    }
  }
}

const seconds = {};
const started = performance.now();
/** The web server every end-to-end file loads its pages from (test/e2e/server.mjs), one for the run. */
const server = suites.some((job) => job.name.startsWith('test/e2e/'))
  ? await (await import('../test/e2e/server.mjs')).startTestServer()
  : undefined;
/** The browsers kept running for the end-to-end files, one per slot (test/e2e/browser.mjs). */
const browsers = [];
const worker = async () => {
  let browser;
  for (let job = await next(); job; job = await next()) {
    const e2e = job.name.startsWith('test/e2e/');
    // A browser that crashed is started anew.
    if (e2e && !browser?.connected) browsers.push((browser = await launchBrowser()));
    const env = e2e ? {...process.env, TEST_BROWSER_WS: browser.wsEndpoint(), TEST_SERVER_PORT: String(server.port)} : process.env;
    const result = await run(job.command, job.args, {timeout: job.step ? Infinity : fileTimeout, env});
    if (e2e && browser.connected) await closeContexts(browser);
    if (job.step) {
      job.count(result, job.name);
      if (job.name === 'build') {
        buildOk = result.code === 0;
        built();
      }
      continue;
    }
    seconds[job.name] = Math.round(result.seconds * 10) / 10;
    process.stdout.write(`\n# ---- ${job.name} (${result.seconds.toFixed(1)} s, exit ${result.code}) ----\n${result.output}`);
    if (result.timedOut) {
      console.log(`# ${job.name} TIMED OUT: stopped after ${fileTimeout} s (TEST_FILE_TIMEOUT)`);
      failedSteps++;
    } else job.count(result, job.name);
  }
};
await Promise.all(Array.from({length: jobs}, worker));
await Promise.all([...browsers.map((browser) => browser.close().catch(() => undefined)), server?.stop()]);
const wall = (performance.now() - started) / 1000;
const slowest = Object.entries(seconds).sort((a, b) => b[1] - a[1]);
console.log(
  `\n# build and ${slowest.length} suites in ${wall.toFixed(1)} s, ${jobs} at a time; slowest: ${slowest
    .slice(0, 5)
    .map(([n, s]) => `${n} ${s} s`)
    .join(', ')}`
);
if (process.env.TEST_RECORD_TIMINGS) {
  const comment =
    'Seconds each test file took in one `TEST_RECORD_TIMINGS=1 npm test` run: scripts/run-tests.mjs starts the slowest first.';
  writeFileSync(TIMINGS, JSON.stringify({$comment: comment, seconds: Object.fromEntries(slowest)}, null, 2) + '\n');
}

totals.failed += failedSteps;
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
