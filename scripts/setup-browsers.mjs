// The set-up of the browsers the tests drive, and of the database server the records tests start,
// run first by `npm test` (scripts/run-tests.mjs) and by `.ci/run` (beside `npm ci`). All are
// Debian's builds (test/chromium.mjs), never a download:
//   - the full Chromium (package `chromium`, /usr/bin/chromium, or CHROME_PATH): required;
//   - its headless shell (package `chromium-headless-shell`, /usr/bin/chromium-headless-shell):
//     optional, the suites drive it when it is there (about a third of the CPU per page), else the
//     full Chromium. Not needed when TEST_CHROME_PATH names the suites' browser;
//   - PostgreSQL's server programs (package `postgresql`, /usr/lib/postgresql/<version>/bin, or
//     PG_BIN): required. records/test starts a throwaway cluster of its own (records/test/postgres.mjs);
//     the package's own cluster is left as the package sets it up.
// What is in place costs nothing: the script looks, and returns. What is missing, it installs with
// apt-get when it can (as root, with apt-get on PATH): `apt-get update`, then `apt-get install`,
// quietly, non-interactively. Else it prints one line saying what to install, and exits 1.
// A browser path set on purpose (CHROME_PATH, TEST_CHROME_PATH) that leads nowhere is reported,
// never "fixed" by an install: it is a mistake to correct, not a package to add.
// A headless shell that apt-get could not install is not tried again for a day (a note in the
// temporary directory), so that `npm test` does not pay for apt-get on every run.
//
// `--chromium <path>`, `--headless-shell <path>` and `--initdb <path>` move the packages' locations:
// for the tests of this script (test/node/setup-browsers.test.mjs), which must not touch /usr/bin.
import {spawnSync} from 'node:child_process';
import {accessSync, constants, existsSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {DEFAULT_CHROMIUM, HEADLESS_SHELL} from '../test/chromium.mjs';

const DAY = 86_400_000;

/** Where Debian's `postgresql` puts initdb: the newest /usr/lib/postgresql/<version>/bin/initdb, if any. */
function debianInitdb() {
  const root = '/usr/lib/postgresql';
  try {
    const versions = readdirSync(root).filter((v) => runnable(join(root, v, 'bin/initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    return join(root, versions[0] ?? '15', 'bin/initdb');
  } catch {
    return join(root, '15', 'bin/initdb');
  }
}

/** `a`, `a and b`, `a, b and c`. */
const listed = (names) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]);

/** An executable file (not a directory) at `path`. */
function runnable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What is wrong with a browser path: `does not exist`, `is not an executable file`, or nothing. */
const fault = (path) => (runnable(path) ? undefined : existsSync(path) ? 'is not an executable file' : 'does not exist');

/** apt-get's full path, when it is on PATH. */
function aptGet(env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && runnable(join(dir, 'apt-get'))) return join(dir, 'apt-get');
  }
  return undefined;
}

/** Runs apt-get quietly; returns its last line of complaint when it fails, else undefined. */
function apt(command, args, env) {
  const result = spawnSync(command, ['-qq', ...args], {
    env: {...env, DEBIAN_FRONTEND: 'noninteractive'},
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status === 0) return undefined;
  const lines = (result.stderr ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? (result.error ? result.error.message : `exit ${result.status ?? result.signal}`);
}

/**
 * Looks for the browsers and installs what is missing. Returns `{code, lines}`: the exit code, and
 * what to print last (one line when it fails). `chromium` and `shell` are the packages' locations;
 * `progress` prints the line said before an install, as it starts.
 */
export function setUpBrowsers({
  env = process.env,
  chromium = DEFAULT_CHROMIUM,
  shell = HEADLESS_SHELL,
  initdb = debianInitdb(),
  progress = console.log,
} = {}) {
  // 1. Paths set on purpose: a wrong one is the person's to correct. A path that is where the
  //    package puts its browser is the package's, and may be installed like the default.
  const chosen = ['CHROME_PATH', 'TEST_CHROME_PATH'].filter((name) => env[name] && env[name] !== chromium && env[name] !== shell);
  const wrong = chosen.filter((name) => fault(env[name])).map((name) => `${name} is set to ${env[name]}, which ${fault(env[name])}`);
  if (wrong.length) {
    const them = wrong.length > 1 ? 'them' : 'it';
    return {code: 1, lines: [`${wrong.join(', and ')}: point ${them} at a Chromium, or unset ${them} (nothing was installed)`]};
  }
  if (env.PG_BIN && !runnable(join(env.PG_BIN, 'initdb'))) {
    return {
      code: 1,
      lines: [
        `PG_BIN is set to ${env.PG_BIN}, which holds no initdb: point it at PostgreSQL's programs, or unset it (nothing was installed)`,
      ],
    };
  }

  // 2. What is missing: the full Chromium, unless CHROME_PATH names one; the headless shell,
  //    unless TEST_CHROME_PATH names the suites' browser.
  const note = join(tmpdir(), 'consent-banner-no-headless-shell');
  const fullPath = env.CHROME_PATH || chromium;
  const wantsShell = !env.TEST_CHROME_PATH || env.TEST_CHROME_PATH === shell;
  const missing = [];
  if (!runnable(fullPath)) missing.push('chromium');
  const triedShell = existsSync(note) && Date.now() - statSync(note).mtimeMs < DAY;
  if (wantsShell && !runnable(shell) && !(triedShell && missing.length === 0)) missing.push('chromium-headless-shell');
  if (!env.PG_BIN && !runnable(initdb)) missing.push('postgresql');
  if (!missing.length) return {code: 0, lines: []};
  const required = missing.filter((name) => name !== 'chromium-headless-shell');

  // 3. Installed by apt-get, when this machine lets us.
  const command = process.getuid?.() === 0 ? aptGet(env) : undefined;
  if (!command) {
    // Only the optional shell is missing: the suites drive the full Chromium, nothing to say.
    if (!required.length) return {code: 0, lines: []};
    const chromiumMissing = missing.includes('chromium');
    const postgresMissing = missing.includes('postgresql');
    const what = [chromiumMissing && `Chromium is missing (${fullPath})`, postgresMissing && `PostgreSQL is missing (${initdb})`]
      .filter(Boolean)
      .join(', and ');
    const packages = [...(chromiumMissing ? ['chromium', 'chromium-headless-shell'] : []), ...(postgresMissing ? ['postgresql'] : [])];
    const instead = [chromiumMissing && 'set CHROME_PATH to a Chromium', postgresMissing && 'set PG_BIN to the folder of its initdb']
      .filter(Boolean)
      .join(' and ');
    const noun = packages.length > 1 ? 'packages' : 'package';
    return {
      code: 1,
      lines: [`${what}: install Debian's ${noun} ${listed(packages)} (as root: apt-get install ${packages.join(' ')}), or ${instead}`],
    };
  }
  progress(`Installing ${listed(missing)} from Debian's packages…`);
  // The package lists of a fresh machine are empty; a failed update may still leave usable ones.
  apt(command, ['update'], env);
  const install = (packages) => apt(command, ['install', '-y', '--no-install-recommends', ...packages], env);
  const failed = install(missing);
  // The shell may be missing from this release's packages: what is required alone, then.
  const requiredFailed = failed && missing.includes('chromium-headless-shell') && required.length ? install(required) : failed;
  if (missing.includes('chromium') && !runnable(fullPath)) {
    const why = requiredFailed ?? `no ${fullPath} after it`;
    return {
      code: 1,
      lines: [
        `Chromium could not be installed (apt-get install ${required.join(' ')}: ${why}): install it, or set CHROME_PATH to a Chromium`,
      ],
    };
  }
  if (missing.includes('postgresql') && !runnable(initdb)) {
    const why = requiredFailed ?? `no ${initdb} after it`;
    return {
      code: 1,
      lines: [
        `PostgreSQL could not be installed (apt-get install ${required.join(' ')}: ${why}): install it, or set PG_BIN to the folder of its initdb`,
      ],
    };
  }
  if (missing.includes('chromium-headless-shell') && !runnable(shell)) {
    const why = failed ?? `no ${shell} after it`;
    try {
      writeFileSync(note, `${new Date().toISOString()} apt-get install chromium-headless-shell: ${why}\n`);
    } catch {
      // No note: the next run tries again, nothing worse.
    }
    return {code: 0, lines: [`chromium-headless-shell could not be installed (${why}): the suites drive the full Chromium`]};
  }
  return {code: 0, lines: []};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options;
  try {
    ({values: options} = parseArgs({options: {chromium: {type: 'string'}, 'headless-shell': {type: 'string'}, initdb: {type: 'string'}}}));
  } catch (error) {
    console.error(`setup-browsers: ${error.message} (options: --chromium <path>, --headless-shell <path>, --initdb <path>)`);
    process.exit(2);
  }
  try {
    const {code, lines} = setUpBrowsers({chromium: options.chromium, shell: options['headless-shell'], initdb: options.initdb});
    for (const line of lines) (code ? console.error : console.log)(line);
    process.exit(code);
  } catch (error) {
    // One line, as for every other failure: no stack trace.
    console.error(`setup-browsers: ${error.message}`);
    process.exit(1);
  }
}
