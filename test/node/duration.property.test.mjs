// Property-based tests of the ISO 8601 duration parser (fast-check, 10,000+ cases, fixed seed):
// it never throws, agrees with the manifest's duration pattern, reads back the parts a duration
// is written from, and its length and words are always usable.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadCore} from './load-core.mjs';
import {RUNS, holds, hostileString, oddString} from './property.mjs';

const {parseDuration, durationInDays, formatDuration} = await loadCore('src/core/duration.ts');
const {DURATION_PATTERN} = await loadCore('src/core/manifest.ts');

const UNITS = [
  ['years', 'Y'],
  ['months', 'M'],
  ['weeks', 'W'],
  ['days', 'D'],
  ['hours', 'H'],
  ['minutes', 'M'],
  ['seconds', 'S'],
];
const amount = fc.oneof(fc.nat(1000), fc.constantFrom(0, 13, 395, 2 ** 31, Number.MAX_SAFE_INTEGER));
const parts = fc
  .record(Object.fromEntries(UNITS.map(([unit]) => [unit, amount])), {requiredKeys: []})
  .filter((p) => Object.keys(p).length > 0);
/** Parts written the ISO 8601 way: P1Y2M3W4DT5H6M7S, leaving out what is absent. */
const written = (p) => {
  const piece = ([unit, letter]) => (p[unit] !== undefined ? `${p[unit]}${letter}` : '');
  const time = UNITS.slice(4).map(piece).join('');
  return `P${UNITS.slice(0, 4).map(piece).join('')}${time ? `T${time}` : ''}`;
};
/** Strings near a duration: pieces of one shuffled, cut, repeated or spiced with odd characters. */
const nearDuration = fc
  .array(
    fc.oneof(
      fc.constantFrom('P', 'T', 'Y', 'M', 'W', 'D', 'H', 'S', '1', '12', '0', '-', '.', ',', ' ', 'p', 't', '٣', '\n'),
      oddString(2)
    ),
    {maxLength: 10}
  )
  .map((bits) => bits.join(''));
const anyString = fc.oneof(
  hostileString,
  nearDuration,
  parts.map(written),
  fc.constantFrom('session', 'P', 'PT', 'PT0S', 'P0D', 'P0Y0M', `P${'9'.repeat(400)}Y`, `P${'1'.repeat(10_000)}X`)
);

describe('the duration parser, on generated strings (fast-check)', () => {
  it(`never throws, and accepts exactly what the manifest's duration pattern accepts (${RUNS} cases)`, () => {
    holds(
      fc.property(anyString, (value) => {
        const parsed = parseDuration(value);
        assert.equal(parsed !== null, value !== 'session' && DURATION_PATTERN.test(value), value);
        const days = durationInDays(value);
        assert.ok(days >= 0 && !Number.isNaN(days), `${value} → ${days} days`);
      })
    );
  });

  it(`reads back the parts a duration is written from; more of a unit is never shorter (${RUNS} cases)`, () => {
    holds(
      fc.property(parts, fc.constantFrom(...UNITS.map(([u]) => u)), (p, unit) => {
        const parsed = parseDuration(written(p));
        assert.deepEqual(parsed, Object.fromEntries(UNITS.map(([u]) => [u, p[u] ?? 0])));
        // (Within what a double holds exactly: a second more on 2^53 weeks is lost in rounding.)
        if (Object.values(p).some((n) => n > 1e6)) return;
        const more = {...p, [unit]: (p[unit] ?? 0) + 1};
        assert.ok(durationInDays(written(more)) > durationInDays(written(p)));
      })
    );
  });

  // Intl formatters are slow to make: a fifth of the cases here, the parser has its own 20,000 above.
  it(`says any duration in words, in any language, without throwing (${RUNS / 5} cases)`, () => {
    holds(
      fc.property(
        fc.oneof(parts.map(written), anyString),
        fc.constantFrom('en', 'fr', 'de', 'ar', 'he', 'ja', 'pt-BR', 'zz', 'en-US-u-nu-arab'),
        (value, language) => {
          const words = formatDuration(value, language, 'session');
          assert.equal(typeof words, 'string');
          assert.ok(words.length > 0);
          if (parseDuration(value) === null) assert.equal(words, 'session');
          else assert.match(words, /[\p{N}∞]/u, `${value} in ${language}: "${words}" has no number`);
        }
      ),
      RUNS / 5
    );
  });
});
