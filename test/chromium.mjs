// Which Chromium the tests drive. Both are Debian's builds on the system, never a download.
//
// - FULL_CHROMIUM: the browser a site owner has, and the one the CLI's `scan` launches by default:
//   CHROME_PATH, else /usr/bin/chromium (package chromium).
// - TEST_CHROMIUM: what the suites drive. TEST_CHROME_PATH if set; else the headless shell when it
//   is installed (package chromium-headless-shell, /usr/bin/chromium-headless-shell): the same Blink
//   and V8 without the full browser's layers, launched in a quarter of the time and run at about a
//   third of the CPU per page, which is most of what `npm test` costs; else FULL_CHROMIUM.
//
// What the shell lacks, a test asks FULL_CHROMIUM for: the back/forward cache
// (test/e2e/proof-gpc-tabs.test.mjs), and one scan by the CLI as a site owner runs it.
//
// scripts/setup-browsers.mjs installs both where they are missing (`npm test` and `.ci/run` run it first).
import {existsSync} from 'node:fs';

/** Where Debian's packages put them: `chromium`, and `chromium-headless-shell`. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

export const FULL_CHROMIUM = process.env.CHROME_PATH || DEFAULT_CHROMIUM;
export const TEST_CHROMIUM = process.env.TEST_CHROME_PATH || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
