// A lifetime in the visitor's language where the browser's Intl has no unit words for it (issue 25;
// README "Drop it in"): Chromium 156 has none for Irish, Icelandic and Maltese (its unit formats
// resolve them to en-US), so formatDuration says the words file's `units` (src/i18n/ga.json, is.json,
// mt.json), its form by Intl.PluralRules, which Chromium does have for them. Node's ICU has those
// unit words, so here the Chromium case is made by `asChromium` (below); test/core/duration.test.ts
// says the same durations in Chromium itself, and test/e2e/words-fit.test.mjs shows them in the
// preferences. R16: every cookie's lifetime in words.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {formatDuration, intlSaysUnits} = await loadCore('src/core/duration.ts');
const {UNITS} = await loadCore('src/core/duration-units.ts');
const units = (tag) => JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8')).units;

/** The languages whose unit words Chromium 156's Intl lacks (measured: `resolvedOptions().locale` is en-US). */
const LACKING = ['ga', 'is', 'mt'];
const {NumberFormat, ListFormat} = Intl;
/**
 * Runs `said` with Intl.NumberFormat and Intl.ListFormat as Chromium 156 has them: a tag of LACKING
 * resolves to en-US (measured there: `new Intl.NumberFormat('mt', …).resolvedOptions().locale`).
 */
function asChromium(said) {
  const lacking = (language) => (LACKING.includes(String(language).split('-')[0]) ? 'en-US' : language);
  Intl.NumberFormat = function (language, options) {
    return new NumberFormat(lacking(language), options);
  };
  Intl.ListFormat = function (language, options) {
    return new ListFormat(lacking(language), options);
  };
  try {
    return said();
  } finally {
    Object.assign(Intl, {NumberFormat, ListFormat});
  }
}

/** `[duration, language, words]`: every plural category each table has, in more than one unit. */
const SAID = [
  // Irish: one 1, two 2, few 3–6, many 7–10, other 0 and 11 on (Intl.PluralRules('ga')).
  ['P1Y', 'ga', '1 bhliain'],
  ['P2Y', 'ga', '2 bhliain'],
  ['P3Y', 'ga', '3 bliana'],
  ['P7Y', 'ga', '7 mbliana'],
  ['P11Y', 'ga', '11 bliain'],
  ['P1M', 'ga', '1 mhí'],
  ['P3M', 'ga', '3 mhí'],
  ['P7M', 'ga', '7 mí'],
  ['P13M', 'ga', '13 mí'],
  ['P1W', 'ga', '1 seachtain'],
  ['P2W', 'ga', '2 sheachtain'],
  ['P5W', 'ga', '5 seachtaine'],
  ['P8W', 'ga', '8 seachtaine'],
  ['P30D', 'ga', '30 lá'],
  ['PT1H', 'ga', '1 uair an chloig'],
  ['PT4H', 'ga', '4 huaire an chloig'],
  ['PT8H', 'ga', '8 n-uaire an chloig'],
  ['PT30M', 'ga', '30 nóiméad'],
  ['PT2S', 'ga', '2 shoicind'],
  ['PT20S', 'ga', '20 soicind'],
  ['P1Y6M', 'ga', '1 bhliain, 6 mhí'],
  // Icelandic: one when it ends in 1 but not 11, other else.
  ['P1Y', 'is', '1 ár'],
  ['P2Y', 'is', '2 ár'],
  ['P1M', 'is', '1 mánuður'],
  ['P2M', 'is', '2 mánuðir'],
  ['P13M', 'is', '13 mánuðir'],
  ['P21D', 'is', '21 dagur'],
  ['P11D', 'is', '11 dagar'],
  ['P1W', 'is', '1 vika'],
  ['PT2H', 'is', '2 klukkustundir'],
  ['PT1M', 'is', '1 mínúta'],
  ['PT30S', 'is', '30 sekúndur'],
  // Maltese: one 1, two 2, few 0 and 3–10, many 11–19, other 20 on (its hundreds likewise).
  ['P1Y', 'mt', 'sena'],
  ['P2Y', 'mt', 'sentejn'],
  ['P3Y', 'mt', '3 snin'],
  ['P11Y', 'mt', '11-il sena'],
  ['P20Y', 'mt', '20 sena'],
  ['P2M', 'mt', 'xahrejn'],
  ['P13M', 'mt', '13-il xahar'],
  ['P6M', 'mt', '6 xhur'],
  ['P2D', 'mt', 'jumejn'],
  ['P102D', 'mt', '102 jum'],
  ['PT0S', 'mt', '0 sekondi'],
  ['PT2M', 'mt', '2 minuti'],
  ['PT1H', 'mt', 'siegħa'],
  ['P1Y2M', 'mt', 'sena, xahrejn'],
];

describe('a lifetime where Intl lacks the language: the words file’s units (src/core/duration.ts)', () => {
  for (const [value, tag, expected] of SAID) {
    it(`R16: says ${value} in ${tag} as “${expected}”`, () => {
      assert.equal(
        asChromium(() => formatDuration(value, tag, 'session', units(tag))),
        expected
      );
    });
  }

  it('the cases say every form of each table, in the category Intl.PluralRules gives its count', () => {
    for (const tag of LACKING) {
      const plural = new Intl.PluralRules(tag);
      const said = new Set(
        SAID.filter(([, language]) => language === tag).flatMap(([value]) => value.match(/\d+/g).map((n) => plural.select(Number(n))))
      );
      const forms = new Set(Object.values(units(tag)).flatMap(Object.keys));
      assert.deepEqual(
        [...forms].filter((form) => !said.has(form)),
        [],
        tag
      );
    }
  });

  it('says no English word where the table is given, whatever the unit and count', () => {
    for (const tag of LACKING) {
      for (const [unit, letter] of UNITS.map((unit) => [unit, unit === 'minute' ? 'M' : unit[0].toUpperCase()])) {
        for (const n of [0, 1, 2, 3, 7, 11, 20, 101, 111]) {
          const value = ['hour', 'minute', 'second'].includes(unit) ? `PT${n}${letter}` : `P${n}${letter}`;
          const words = asChromium(() => formatDuration(value, tag, 'session', units(tag)));
          assert.doesNotMatch(words, /year|month|week|day|hour|minute|second/, `${value} in ${tag}: ${words}`);
        }
      }
    }
  });

  it('Intl first where it has the language’s units; English, as before, where neither it nor the words have them', () => {
    // A table that would show if it were used.
    const marked = Object.fromEntries(UNITS.map((unit) => [unit, {other: '{count} TABLE'}]));
    assert.equal(intlSaysUnits('fr'), true);
    assert.equal(formatDuration('P13M', 'fr', 'session', marked).replace(/\s/g, ' '), '13 mois');
    // Node's Intl has Icelandic's unit words; Chromium's has not.
    assert.equal(intlSaysUnits('is'), true);
    assert.equal(formatDuration('P13M', 'is', 'session', marked), '13 mánuðir');
    assert.equal(
      asChromium(() => intlSaysUnits('is')),
      false
    );
    assert.equal(
      asChromium(() => formatDuration('P13M', 'is', 'session', marked)),
      '13 TABLE'
    );
    assert.equal(
      asChromium(() => formatDuration('P13M', 'mt', 'session')),
      '13 months'
    );
    // A site's own language the browser does not know, with its own table (README, "A site's own language").
    assert.equal(intlSaysUnits('tlh'), false);
    assert.equal(formatDuration('P1Y6M', 'tlh', 'session', marked), '1 TABLE, 6 TABLE');
    assert.equal(formatDuration('session', 'mt', 'sessjoni', units('mt')), 'sessjoni');
  });
});
