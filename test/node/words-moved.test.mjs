// Issue 24 moved the banner's own words from code (src/ui/strings.ts: per language, tables of
// strings and functions) to data (src/i18n/<tag>.json: texts with named placeholders). This
// holds the move: for every language and key, the old function called on sample values and the
// new text filled in with the same values (src/ui/say.ts) read the same, counts included, and the
// old direction and re-open label are the new `$dir` and `reopen`. The old tables are kept, for
// this test alone, as test/fixtures/strings-before-words.ts: a text changed on purpose later is
// changed there too, or this test retired once the move is history.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const before = await loadCore('test/fixtures/strings-before-words.ts');
const {say, sayCount} = await loadCore('src/ui/say.ts');
const {UI_LANGUAGES} = await loadCore('src/core/language.ts');

/** The values each placeholder stands for, in the order the old functions took them. */
const PARAMETERS = {
  bannerTitle: ['site'],
  bannerIntro: ['site', 'purposes'],
  bannerExemptOn: ['purposes'],
  bannerNew: ['purposes'],
  bannerChanged: ['purposes'],
  allowService: ['service'],
  servicePolicy: ['service'],
  thirdParty: ['domain'],
  placeholder: ['service', 'provider', 'purpose'],
  placeholderButton: ['service'],
};
const SAMPLE = {site: 'Dimelo', purposes: 'Performance and Advertising', service: 'YouTube', provider: 'Google Ireland Limited', purpose: 'Advertising', domain: 'doubleclick.net'};
/** A text as the old tables spelled it: issue 25 gave French its narrow no-break spaces (« », : ; ! ?), on purpose. */
const spaced = (text) => text.replace(/\u202f/g, ' ');
/** The one key renamed on the way: it covers ADPC too. */
const RENAMED = {gpcHonoured: 'signalHonoured'};
/** Keys retired since: issue 26 made a purpose's state a label of its own (`stateAccepted`, `stateRefused`, `stateNotChosen`). */
const RETIRED = ['allowed', 'refused', 'notChosen'];

describe('the words moved from src/ui/strings.ts to src/i18n/ say what they said', () => {
  it('the same languages, in the same order, first in UI_LANGUAGES (the languages added since had no tables)', () => {
    assert.deepEqual(Object.keys(before.UI_STRINGS), UI_LANGUAGES.slice(0, Object.keys(before.UI_STRINGS).length));
  });

  for (const tag of Object.keys(before.UI_STRINGS)) {
    it(`${tag}: every text, every count, the direction and the re-open label`, () => {
      const now = JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'));
      const old = before.UI_STRINGS[tag];
      // The old keys, in their order (keys added since are left out of the comparison).
      const kept = [...Object.keys(old).filter((key) => !RETIRED.includes(key)).map((key) => RENAMED[key] ?? key), 'reopen'];
      assert.deepEqual(
        Object.keys(now).filter((key) => kept.includes(key)),
        kept
      );
      for (const key of RETIRED) assert.ok(!(key in now), `${tag}.${key} is retired`);
      for (const [key, value] of Object.entries(old)) {
        if (RETIRED.includes(key)) continue;
        const text = now[RENAMED[key] ?? key];
        if (key === 'services') {
          for (const count of [1, 2, 3, 7, 21, 101, 1_000_000]) assert.equal(sayCount(text, count, tag), value(count), `${tag}.${key}(${count})`);
        } else if (typeof value === 'function') {
          const names = PARAMETERS[key];
          assert.equal(value.length, names.length, `${tag}.${key} takes ${value.length} values`);
          assert.equal(spaced(say(text, SAMPLE)), value(...names.map((name) => SAMPLE[name])), `${tag}.${key}`);
        } else assert.equal(spaced(text), value, `${tag}.${key}`);
      }
      assert.equal(now.reopen, before.REOPEN_LABELS[tag]);
      assert.equal(now.$dir, before.DIRECTIONS[tag]);
    });
  }
});
