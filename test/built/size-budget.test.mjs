// The size budget (issue 5): every byte of dist/ ships to every visitor, so `npm test` fails when
// a shipped file grows past its ceiling in bench/budgets.json, or when a new file ships with no
// budget. Bytes are deterministic, so they belong in the tests; times do not (see `npm run bench`).
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {checkBudgets, formatRows, measureFiles, shippedFiles, tightBudgets} from '../../bench/size-budget.mjs';
import {root} from '../node/load-core.mjs';

const budgets = JSON.parse(readFileSync(`${root}bench/budgets.json`, 'utf8')).files;

describe('the size budget of dist/', () => {
  it('has a build to measure, with the drop-in and the ES module', () => {
    assert.ok(existsSync(`${root}dist`), 'dist/ is missing: run `npm run build` first (`npm test` does)');
    const files = shippedFiles(root);
    assert.ok(files.includes('dist/consent-banner.min.js'), `no drop-in among ${files.join(', ')}`);
    assert.ok(files.includes('dist/index.js'), `no ES module among ${files.join(', ')}`);
  });

  it('keeps every shipped .js and .css file within its raw, gzip and brotli budget, and budgets every one', () => {
    const files = measureFiles(root, shippedFiles(root));
    const {rows, problems} = checkBudgets(files, budgets);
    console.log(`\nSizes of dist/ in bytes (gzip level 9, brotli quality 11), against bench/budgets.json:\n${formatRows(rows, budgets)}\n`);
    assert.deepEqual(problems, []);
  });
});

// The checker itself, on made-up files: proof that the test above fails when it should.
describe('the size budget check', () => {
  const limits = {
    'dist/a.js': {raw: 100, gzip: 50, brotli: 40},
    'dist/chunks/ui-*.js': {raw: 200, gzip: 90, brotli: 80},
  };

  it('passes files within their budgets, exact or by pattern', () => {
    const {rows, problems} = checkBudgets(
      [
        {path: 'dist/a.js', raw: 100, gzip: 50, brotli: 40},
        {path: 'dist/chunks/ui-3f9a1c.js', raw: 150, gzip: 60, brotli: 50},
      ],
      limits
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      rows.map((r) => r.key),
      ['dist/a.js', 'dist/chunks/ui-*.js']
    );
  });

  it('fails a file one byte over any of its three ceilings', () => {
    for (const measure of ['raw', 'gzip', 'brotli']) {
      const file = {path: 'dist/a.js', raw: 100, gzip: 50, brotli: 40};
      file[measure]++;
      const {problems} = checkBudgets([file, {path: 'dist/chunks/ui-1.js', raw: 1, gzip: 1, brotli: 1}], limits);
      assert.deepEqual(problems, [`dist/a.js is ${file[measure]} B ${measure}, over its budget of ${file[measure] - 1} B by 1 B`]);
    }
  });

  it('fails a shipped file that has no budget, so a new file cannot slip in', () => {
    const {problems} = checkBudgets(
      [
        {path: 'dist/a.js', raw: 1, gzip: 1, brotli: 1},
        {path: 'dist/chunks/ui-1.js', raw: 1, gzip: 1, brotli: 1},
        {path: 'dist/consent-banner.css', raw: 10, gzip: 9, brotli: 8},
        {path: 'dist/chunks/other-1.js', raw: 10, gzip: 9, brotli: 8},
      ],
      limits
    );
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^dist\/consent-banner\.css .* has no budget/);
    assert.match(problems[1], /^dist\/chunks\/other-1\.js .* has no budget/);
  });

  it('fails a budget with a missing ceiling, and an exact budget for a file the build no longer writes', () => {
    const {problems} = checkBudgets([{path: 'dist/chunks/ui-1.js', raw: 1, gzip: 1, brotli: 1}], {
      ...limits,
      'dist/chunks/ui-*.js': {raw: 200, gzip: 90},
    });
    assert.deepEqual(problems, [
      'budget "dist/chunks/ui-*.js" has no brotli ceiling',
      'budget "dist/a.js" names a file the build does not write: remove or rename it',
    ]);
  });

  it('tightens budgets to 1 % above the sizes (the largest file of a pattern), dropping keys that match nothing', () => {
    const tight = tightBudgets(
      [
        {path: 'dist/chunks/ui-1.js', raw: 150, gzip: 60, brotli: 50},
        {path: 'dist/chunks/ui-2.js', raw: 100, gzip: 70, brotli: 40},
      ],
      limits
    );
    assert.deepEqual(tight, {'dist/chunks/ui-*.js': {raw: 152, gzip: 71, brotli: 51}});
    assert.deepEqual(checkBudgets([{path: 'dist/chunks/ui-1.js', raw: 152, gzip: 71, brotli: 51}], tight).problems, []);
  });

  it('keeps a fixed ceiling as it is, however small the files it matches', () => {
    const fixed = {'dist/words.*.js': {raw: 4800, gzip: 1500, brotli: 1200, fixed: true}};
    assert.deepEqual(tightBudgets([{path: 'dist/words.en.js', raw: 2000, gzip: 900, brotli: 800}], fixed), fixed);
  });

  it('holds each words file, whichever language it holds: the first layer’s at 0.8 KB brotli, the other views’ at 1.2 KB (issues 25, 24)', () => {
    // What a visitor of the drop-in downloads: the first layer's words on every first visit, 800 B;
    // the other views' beside them, 1,200 B. The npm chunks split a language's words alike, each an
    // ES module's export for a bundler to re-pack: 800 B, and 1.2 KiB.
    for (const [key, ceiling] of [
      ['dist/consent-banner-words.*.min.js', 800],
      ['dist/consent-banner-other-words.*.min.js', 1200],
      ['dist/chunks/words-*.js', 800],
      ['dist/chunks/other-words-*.js', 1229],
    ]) {
      assert.equal(budgets[key].fixed, true, key);
      assert.ok(budgets[key].brotli <= ceiling, `${key}: ${budgets[key].brotli} B brotli`);
    }
  });

  it('lists what ships: scripts and styles, not type declarations', () => {
    const files = shippedFiles(root);
    assert.ok(
      files.every((f) => /\.(m?js|css)$/.test(f) && !f.endsWith('.d.ts')),
      files.join(', ')
    );
    assert.ok(!files.some((f) => f.endsWith('.d.ts')));
  });
});
