// The drop-in's fetched modules borrow from the loader the code it lends (src/loader/lent.ts,
// rollup.config.js `borrow`): the loader holds one copy, put on the page before anything is
// fetched, and no fetched file carries another. What runs with it is every end-to-end test of
// the drop-in; this holds the copy counted once.
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';

const read = (file) => readFileSync(`${root}dist/${file}`, 'utf8');
const fetched = readdirSync(`${root}dist`).filter((file) => /^consent-banner-.*\.min\.js$/.test(file) && !/words\./.test(file));

describe('what the loader lends the modules it fetches', () => {
  it('the lent patterns of the manifest are written in the loader once, in none of the files it fetches, which read them from the page', async () => {
    const rules = await loadCore('src/core/manifest-rules.ts');
    const lent = readFileSync(`${root}src/loader/lent.ts`, 'utf8');
    const patterns = Object.entries(rules).filter(([name, value]) => value instanceof RegExp && new RegExp(`^  ${name},$`, 'm').test(lent));
    assert.ok(patterns.length >= 3, `lent patterns: ${patterns.map(([name]) => name).join(', ')}`);
    const written = (code, pattern) => code.split(pattern.source).length - 1;
    for (const [name, pattern] of patterns) {
      assert.equal(written(read('consent-banner.min.js'), pattern), 1, `${name} in the loader`);
      for (const file of fetched) assert.equal(written(read(file), pattern), 0, `${name} copied into ${file}`);
    }
    assert.ok(read('consent-banner.min.js').includes('Symbol.for("consent-banner.lent")'));
    assert.ok(read('consent-banner-session.min.js').includes('Symbol.for("consent-banner.lent")'), 'the session borrows nothing');
  });
});
