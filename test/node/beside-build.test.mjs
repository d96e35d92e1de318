// The test files that `npm test` starts beside the build (scripts/run-tests.mjs), those of test/node/,
// must read nothing the build writes: neither dist/ nor the CLI (bin/consent-banner.js runs
// dist/cli.js), directly or through a helper of theirs. Such a file could pass on a machine with an
// old dist/, and fail or test stale code on a fresh clone, depending on which ends first. A node
// file that reads the build goes to test/built/, which waits for it.
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {root} from './load-core.mjs';

/** The line that marked such a file before the folder did: it would now mean nothing. */
const RETIRED_MARK = /^\/\/ npm test: beside the build \(reads no dist\/\)$/m;
// dist/ of a package (ajv/dist/2020.js) is that package's, not ours.
const BUILT = /(?<![\w@-]\/)\bdist\/|bin\/consent-banner|run-cli\.mjs|e2e\/harness\.mjs/;

/** The file and the local modules it imports, transitively. */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bfrom '(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/g)) {
    if (spec) withImports(join(dirname(file), spec), seen);
  }
  return seen;
}

/** The test files of a folder. */
const testFiles = (dir) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.test.mjs'))
    .map((name) => join(root, dir, name));

describe('files run beside the build', () => {
  // This file names what it looks for, as examples: it is checked by the last case instead.
  const self = fileURLToPath(import.meta.url);
  const beside = testFiles('test/node');
  const checked = beside.filter((file) => file !== self);

  it('are the node files of test/node/, this one among them', () => {
    assert.ok(beside.includes(self));
    assert.ok(checked.length >= 12, `${checked.length} in test/node/`);
  });

  it('read nothing the build writes, nor import a helper that does', () => {
    const found = checked.flatMap((file) =>
      [...withImports(file)].flatMap((source) =>
        readFileSync(source, 'utf8')
          .split('\n')
          .map((line, i) => [line, i])
          .filter(([line]) => !line.startsWith('//') && BUILT.test(line))
          .map(([line, i]) => `${relative(root, source)}:${i + 1}: ${line.trim()}`)
      )
    );
    assert.deepEqual(found, []);
  });

  it('are told by their folder alone: no test file keeps the line that marked them', () => {
    const marked = ['test/node', 'test/built', 'test/e2e', 'records/test']
      .flatMap(testFiles)
      .filter((file) => file !== self && RETIRED_MARK.test(readFileSync(file, 'utf8')));
    assert.deepEqual(
      marked.map((file) => relative(root, file)),
      []
    );
  });

  it('would catch a file that reads dist/', () => {
    assert.ok(BUILT.test('readFileSync(`${root}dist/custom-elements.json`)'));
    assert.ok(BUILT.test("import {cli} from './run-cli.mjs';"));
    assert.ok(!BUILT.test("import Ajv2020 from 'ajv/dist/2020.js';"));
  });
});
