// `npm test`: build, typecheck, then every suite in real headless Chromium:
//   1. unit and component tests in the browser (@web/test-runner),
//   2. schema agreement and end-to-end tests of the demo sites (node:test + puppeteer-core).
// Prints one closing line, `tests: N passed, N failed, N skipped`, and exits non-zero on any failure.
import {spawn} from 'node:child_process';

const run = (command, args) =>
  new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe'], env: process.env});
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({code, output}));
  });

const totals = {passed: 0, failed: 0, skipped: 0};
let failedSteps = 0;

for (const [name, command, args] of [
  ['build', 'npx', ['rollup', '-c', '--silent']],
  ['build the studio', 'npx', ['rollup', '-c', 'rollup.studio.config.js', '--silent']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.test.json']],
]) {
  const {code} = await run(command, args);
  if (code !== 0) {
    console.error(`\n${name} failed (exit ${code})`);
    failedSteps++;
  }
}

if (!failedSteps) {
  const browser = await run('npx', ['web-test-runner']);
  const counts = [...browser.output.matchAll(/^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
  if (counts) {
    totals.passed += Number(counts[1]);
    totals.failed += Number(counts[2]);
    totals.skipped += Number(counts[3]);
  }
  if (browser.code !== 0 && !(counts && Number(counts[2]) > 0)) failedSteps++;

  const node = await run('node', ['--test', '--test-concurrency=1', 'test/node/', 'test/e2e/']);
  const count = (label) => Number(node.output.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (node.code !== 0 && count('fail') + count('cancelled') === 0) failedSteps++;
}

totals.failed += failedSteps;
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
