// The test files that `npm test` starts beside the build (scripts/run-tests.mjs) must read nothing
// the build writes: neither dist/ nor the CLI (bin/consent-banner.js runs dist/cli.js), directly or
// through a helper of theirs. Such a file could pass on a machine with an old dist/, and fail or
// test stale code on a fresh clone, depending on which ends first.
// npm test: beside the build (reads no dist/)
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import {root} from './load-core.mjs';

const MARK = /^\/\/ npm test: beside the build \(reads no dist\/\)$/m;
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

describe('files run beside the build', () => {
  // This file names what it looks for, as examples: it is checked by the last case instead.
  const self = fileURLToPath(import.meta.url);
  const marked = ['test/node', 'test/e2e']
    .flatMap((dir) => readdirSync(join(root, dir)).filter((name) => name.endsWith('.test.mjs')).map((name) => join(root, dir, name)))
    .filter((file) => MARK.test(readFileSync(file, 'utf8')));
  const checked = marked.filter((file) => file !== self);

  it('are the node files that need no build, and the end-to-end files are not among them', () => {
    assert.ok(marked.includes(self));
    assert.ok(checked.length >= 12, `${checked.length} marked`);
    assert.deepEqual(marked.filter((file) => file.includes('/test/e2e/')), []);
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

  it('would catch a file that reads dist/', () => {
    assert.ok(BUILT.test("readFileSync(`${root}dist/custom-elements.json`)"));
    assert.ok(BUILT.test("import {cli} from './run-cli.mjs';"));
    assert.ok(!BUILT.test("import Ajv2020 from 'ajv/dist/2020.js';"));
  });
});
