// Property-based tests of the cookie-name wildcard matcher (fast-check, 10,000+ cases, fixed
// seed): it agrees with a plain reference matcher, takes every other character literally (regular
// expression characters included), never throws, and answers at once even for hostile patterns.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadCore} from './load-core.mjs';
import {RUNS, answersWithin, holds, hostileString} from './property.mjs';

const {cookieNameMatcher} = await loadCore('src/core/cookie-names.ts');

/** The reference: `*` is any run of characters, everything else itself (dynamic programming). */
function reference(pattern, name) {
  let row = Array(name.length + 1).fill(false);
  row[0] = true;
  for (const p of pattern) {
    const next = Array(name.length + 1).fill(false);
    if (p === '*') {
      for (let j = 0; j <= name.length; j++) next[j] = row[j] || (j > 0 && next[j - 1]);
    } else {
      for (let j = 1; j <= name.length; j++) next[j] = row[j - 1] && name[j - 1] === p;
    }
    row = next;
  }
  return row[name.length];
}

// Few letters, so that pieces repeat and matches are common; the characters cookie names allow,
// regular-expression ones included.
const letter = fc.constantFrom('a', 'b', '_', '.', '$', '^', '|', '+', '-', '!', '#', '%', '&', "'", '`', '~', '0');
const pattern = fc
  .array(fc.oneof({arbitrary: letter, weight: 4}, {arbitrary: fc.constant('*'), weight: 1}), {maxLength: 12})
  .map((l) => l.join(''));
const name = fc.array(letter, {maxLength: 24}).map((l) => l.join(''));
/** A name made from the pattern: each star filled in, so that it matches. */
const filled = (p) =>
  fc
    .array(name, {minLength: p.split('*').length, maxLength: p.split('*').length})
    .map((fills) => p.split('*').reduce((out, piece, i) => out + (i ? fills[i] : '') + piece, ''));

describe('the cookie-name wildcard matcher, on generated patterns (fast-check)', () => {
  it(`agrees with the reference matcher (${RUNS} cases)`, () => {
    let matched = 0;
    holds(
      fc.property(
        pattern.chain((p) => fc.tuple(fc.constant(p), fc.oneof(name, filled(p)))),
        ([p, n]) => {
          const expected = reference(p, n);
          if (expected) matched++;
          assert.equal(cookieNameMatcher(p)(n), expected, `${p} vs ${n}`);
        }
      )
    );
    assert.ok(matched > RUNS / 10, `${matched} matches`);
  });

  it(`never throws; without a star, matches only the name itself (${RUNS} cases)`, () => {
    holds(
      fc.property(fc.oneof(hostileString, pattern), fc.oneof(hostileString, name), (p, n) => {
        const matches = cookieNameMatcher(p)(n);
        assert.equal(typeof matches, 'boolean');
        if (!p.includes('*')) assert.equal(matches, p === n);
        assert.equal(cookieNameMatcher(p)(p.replaceAll('*', '')), true);
      })
    );
  });

  it('answers at once for many stars against a long name (no backtracking: a regular expression takes minutes)', async () => {
    const answer = await answersWithin(
      30_000,
      'src/core/cookie-names.ts',
      (m, p, n) => m.cookieNameMatcher(p)(n),
      `${'*a'.repeat(12)}*b`,
      'a'.repeat(4000)
    );
    assert.equal(answer, false);
  });
});
