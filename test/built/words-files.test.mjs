// The words of each built-in language are two files (rollup.config.js): the first holds the
// words of the views drawn without the visitor asking (the first layer, the re-open control),
// which the first visit fetches; the second those of the other views, fetched beside them.
// Each key says its view in schema/words.schema.json (`view`): the one place the split is written.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
import {root, loadCore} from '../node/load-core.mjs';

const schema = JSON.parse(readFileSync(`${root}schema/words.schema.json`, 'utf8'));
const VIEWS = ['first-layer', 'reopen', 'preferences', 'embeds'];
const FIRST = ['first-layer', 'reopen'];
const keys = Object.keys(schema.properties).filter((key) => !key.startsWith('$'));

/** The words a built words module exports. */
const exported = async (file) => (await import(pathToFileURL(`${root}dist/${file}`).href)).default;

describe('the words, two files per language', () => {
  it('every key says which view draws it', () => {
    for (const key of keys)
      assert.ok(
        VIEWS.includes(schema.properties[key].view),
        `${key}: view is ${schema.properties[key].view}, not one of ${VIEWS.join(', ')}`
      );
  });

  it('each language: the first file holds its tag, name and direction and the first layer’s and re-open control’s words, the second the rest; together every word, once; the npm chunks alike', async () => {
    const {UI_LANGUAGES} = await loadCore('src/core/language.ts');
    for (const tag of UI_LANGUAGES) {
      const {$schema, $sources, ...all} = JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'));
      const first = await exported(`consent-banner-words.${tag}.min.js`);
      const other = await exported(`consent-banner-other-words.${tag}.min.js`);
      assert.deepEqual(
        Object.keys(first).sort(),
        ['$code', '$name', '$dir', ...keys.filter((key) => FIRST.includes(schema.properties[key].view))].sort(),
        tag
      );
      // An optional key (`units`: in ga, is, mt) is in the file of its view where the language has it.
      const has = (key) => schema.required.includes(key) || Object.hasOwn(all, key);
      assert.deepEqual(
        Object.keys(other).sort(),
        keys.filter((key) => !FIRST.includes(schema.properties[key].view) && has(key)).sort(),
        tag
      );
      assert.deepEqual({...first, ...other}, all, tag);
      // The npm build's chunks split them alike (src/index.ts, rollup.config.js).
      assert.deepEqual(await exported(`chunks/words-${tag}.js`), first, `chunks/words-${tag}.js`);
      assert.deepEqual(await exported(`chunks/other-words-${tag}.js`), other, `chunks/other-words-${tag}.js`);
    }
  });
});
