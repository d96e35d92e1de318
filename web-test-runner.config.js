import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher, defaultReporter} from '@web/test-runner';
import {guard, OUTSIDE_ROOT} from './scripts/dev-server-guard.mjs';
import {TEST_CHROMIUM} from './test/chromium.mjs';

/** Prints `tests: N passed, N failed, N skipped` once the run is over (a file that cannot load counts as failed). */
function countReporter() {
  let line = '';
  const count = (suite, totals) => {
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites) count(child, totals);
  };
  return {
    onTestRunFinished({sessions}) {
      const totals = {passed: 0, failed: 0, skipped: 0};
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) totals.failed++;
        else if (session.errors?.length) totals.failed++;
      }
      line = `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
    },
    stop() {
      if (line) console.log(line);
    },
  };
}

/**
 * The words, src/i18n/<language>.json, which src/index.ts imports as modules (as bundlers import
 * JSON, and as the build turns them into chunks): served as JavaScript modules.
 */
const WORDS_FILE = /^\/src\/i18n\/[\w-]+\.json$/;
const wordsAsModules = {
  name: 'words-as-modules',
  resolveMimeType: (context) => (WORDS_FILE.test(context.path) ? 'js' : undefined),
  transform: (context) => (WORDS_FILE.test(context.path) ? {body: `export default ${context.body};`} : undefined),
};

/**
 * The browser suite's folders under test/, as src/ has them: core (pure), browser (what touches the
 * page), loader (the elements), ui (the views). scripts/run-tests.mjs reads this list too.
 */
export const BROWSER_TEST_FOLDERS = ['core', 'browser', 'loader', 'ui'];

export default {
  files: `test/{${BROWSER_TEST_FOLDERS.join(',')}}/**/*.test.ts`,
  nodeResolve: true,
  // @web/test-runner's server listens on every interface (it takes no middlewareMode): the guard
  // refuses callers and Host names that are not this machine. It serves packages from outside the
  // root where node_modules is a symlink (a work tree), so OUTSIDE_ROOT is allowed for those alone.
  middleware: [guard({outsideRoot: (path) => path.startsWith(OUTSIDE_ROOT) && path.includes('/node_modules/')})],
  plugins: [wordsAsModules, esbuildPlugin({ts: true, target: 'es2022', tsconfig: 'tsconfig.json'})],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: TEST_CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'],
      },
    }),
  ],
  concurrency: 1,
  filterBrowserLogs: ({args}) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter()],
  testFramework: {config: {timeout: 20000}},
};
