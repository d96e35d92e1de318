// Shared settings of the property-based tests (fast-check, dev-only): a fixed seed, so a run is
// repeatable and a failure names the seed and path to replay it, and at least 10,000 generated
// cases per property. FC_SEED=<n> tries another seed; FC_RUNS=<n> more (or fewer) cases.
import fc from 'fast-check';
import {build} from 'esbuild';
import {Worker} from 'node:worker_threads';
import {root} from './load-core.mjs';

export const SEED = Number(process.env.FC_SEED ?? 20_260_601);
export const RUNS = Number(process.env.FC_RUNS ?? 10_000);

/** Checks `property` on RUNS cases from SEED; a failure reports the seed, the path and the shrunk case. */
export function holds(property, runs = RUNS) {
  const cpu = process.cpuUsage();
  const details = fc.check(property, {seed: SEED, numRuns: runs});
  if (process.env.FC_PROFILE) console.log(`# ${Math.round(process.cpuUsage(cpu).user / 1000)} ms CPU, ${runs} runs`);
  if (details.failed) {
    throw new Error(`${fc.defaultReportMessage(details)}\n(fast-check seed ${SEED}; replay with FC_SEED=${SEED})`);
  }
  return details.numRuns;
}

/** Characters that matter to parsers: markup, separators, controls, direction marks, non-BMP, lone surrogates. */
export const oddCharacter = fc.constantFrom(
  ...'aZ09 -_.*%;,=:/?#&<>"\'`()[]{}\\|+!~$^@'.split(''),
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u007F',
  '\u00A0',
  'é',
  'ß',
  'ا',
  'ש',
  '日',
  '😀',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u2028',
  '\uFEFF',
  '\uD800',
  '\uDFFF'
);
/** Any string over oddCharacter (cheap to make, unlike full-unicode units). */
export const oddString = (maxLength = 40) => fc.string({unit: oddCharacter, maxLength});

/** Strings no sane input has: markup, script URLs, direction overrides, prototype names, huge and odd ones. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'a;b',
    'a\r\nSet-Cookie: x=1',
    '\u202Eevil',
    '\u0000',
    '\uD800',
    '%00',
    'A'.repeat(10_001)
  ),
  oddString()
);

/**
 * Runs `call(module, ...args)` on a core module (`entry`) in a worker thread and resolves with its
 * result, or rejects when it has not answered within `budgetMs` (the worker is stopped): a guard
 * against catastrophic backtracking, which would otherwise freeze the test run instead of failing it.
 */
export async function answersWithin(budgetMs, entry, call, ...args) {
  const {outputFiles} = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const module = `data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`;
  const code = `
    import {parentPort, workerData} from 'node:worker_threads';
    const module = await import(${JSON.stringify(module)});
    parentPort.postMessage((${call})(module, ...workerData));
  `;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {workerData: args});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`no answer within ${budgetMs} ms`));
    }, budgetMs);
    worker.once('message', (value) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Strings over `characters` (cheaper to make than fc.stringMatching), kept when `pattern` accepts them. */
export const stringOf = (characters, pattern, minLength = 1, maxLength = 16) =>
  fc.string({unit: fc.constantFrom(...characters), minLength, maxLength}).filter((s) => pattern.test(s));
export const ID_CHARACTERS = 'abcdefxyz0129-';
export const COOKIE_CHARACTERS = "!#$%&'*+-.^_`|~09AZaz";
