// What comments and tests cite must exist in this repository: the rules by number (docs/rules.md),
// files by path. Documents kept outside it (the team's specs) are not cited: a newcomer could not
// follow the reference.
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {root} from './load-core.mjs';

const rules = new Set([...readFileSync(join(root, 'docs/rules.md'), 'utf8').matchAll(/^\| (R\d+[a-c]?) \|/gm)].map((m) => m[1]));
const files = ['src', 'bin/src', 'studio', 'test', 'scripts', 'bench']
  .flatMap((dir) => readdirSync(join(root, dir), {recursive: true}).map((name) => `${dir}/${name}`))
  .filter((path) => /\.(ts|mjs|js)$/.test(path) && !/^bench\/(ours|trackers)\//.test(path));

/** `file:line: what` for each match of `pattern` in the files, where `keep(match)` says it is a problem. */
function find(pattern, keep) {
  return files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => [...line.matchAll(pattern)].filter(keep).map((m) => `${file}:${i + 1}: ${m[0]}`))
  );
}

describe('citations', () => {
  it('docs/rules.md lists the rules, R1 to R47', () => {
    for (let n = 1; n <= 47; n++) assert.ok(rules.has(`R${n}`) || n === 45, `R${n}`);
    assert.ok(rules.has('R45'));
  });

  it('every rule that a test or a comment cites is in docs/rules.md', () => {
    assert.deepEqual(
      find(/\bR\d+[a-c]?\b/g, ([rule]) => !rules.has(rule)),
      []
    );
  });

  it('no file cites a document kept outside the repository', () => {
    assert.deepEqual(
      find(/(?<![\w/])(RULES|CONTRACT|DEVELOPERS|PEERS|STYLE|TOOLCHAIN)\.md\b|\bCONTRACT §\d/g, () => true),
      []
    );
  });
});
