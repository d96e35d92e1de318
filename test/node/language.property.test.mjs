// Property-based tests of the language picker (fast-check, 10,000+ cases, fixed seed): it never
// throws, picks only what is offered (or the page's own language), the first wanted language
// wins, and what it picks is always a tag Intl accepts, whatever the page's lang attribute says.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadCore} from './load-core.mjs';
import {RUNS, holds, hostileString} from './property.mjs';

const {isLanguageTag, matchLanguage, pickLanguage} = await loadCore('src/core/language.ts');
const {resolveText} = await loadCore('src/core/manifest.ts');

const base = (tag) => tag.toLowerCase().split('-')[0];
/** The languages read in place of a missing one (src/core/language.ts, ALTERNATIVES), and deprecated codes. */
const ALTERNATIVES = new Map([
  ['no', ['nb']],
  ['nn', ['nb', 'no']],
  ['nb', ['no']],
]);
const CURRENT = new Map([['iw', 'he']]);
const tag = fc.oneof(
  {arbitrary: fc.constantFrom('fr', 'fr-CA', 'FR-ca', 'en', 'en-GB', 'en-US', 'de', 'pt-BR', 'pt', 'zh-Hant', 'ar', 'he'), weight: 6},
  {arbitrary: fc.constantFrom('en_US', 'x', 'C', 'english', 'i-klingon', 'fr-', '-fr', 'en-US-u-ca-gregory', '*', ' fr '), weight: 2},
  {arbitrary: hostileString, weight: 2}
);
const tags = fc.array(tag, {maxLength: 5});
const offered = fc.uniqueArray(fc.constantFrom('fr', 'en', 'de', 'en-GB', 'pt-BR', 'ar', 'zh-Hant'), {minLength: 1, maxLength: 4});

describe('the language picker, on generated languages (fast-check)', () => {
  it(`matchLanguage never throws, and gives one of those offered or nothing (${RUNS} cases)`, () => {
    holds(
      fc.property(tags, tags, (wanted, available) => {
        const hit = matchLanguage(wanted, available);
        assert.ok(hit === undefined || available.includes(hit));
      })
    );
  });

  it(`matchLanguage picks for the first wanted language that has a match: exact, then the plain language, then another region, then the same for the language its readers read too (no, nn → nb) (${RUNS} cases)`, () => {
    // Wanted: the browser's tags; offered: a manifest's (LANGUAGE_PATTERN) or the UI's.
    const browserTag = fc.constantFrom(
      'fr',
      'fr-CA',
      'FR-ca',
      'en',
      'en-GB',
      'en-US',
      'de',
      'de-AT',
      'pt-BR',
      'pt',
      'zh-Hant',
      'zh-CN',
      'ar',
      'he',
      'iw',
      'ja',
      'no',
      'nn',
      'nn-NO',
      'nb-NO',
      'el-CY'
    );
    const offeredHere = fc.uniqueArray(fc.constantFrom('fr', 'en', 'de', 'en-GB', 'pt-BR', 'ar', 'he', 'zh-Hant', 'nb', 'no', 'nn', 'el'), {
      minLength: 1,
      maxLength: 5,
    });
    holds(
      fc.property(fc.array(browserTag, {maxLength: 5}), offeredHere, (wanted, available) => {
        const hit = matchLanguage(wanted, available);
        // The model: each wanted tag (its current code), then its language, then the languages its readers read too.
        const languagesOf = (w) => [base(w), ...(ALTERNATIVES.get(base(w)) ?? [])];
        const current = (w) => (CURRENT.has(base(w)) ? CURRENT.get(base(w)) + w.slice(base(w).length) : w);
        const firstWithMatch = wanted.map(current).find((w) => w && available.some((a) => languagesOf(w).includes(base(a))));
        if (firstWithMatch === undefined) return assert.equal(hit, undefined);
        assert.ok(available.includes(hit));
        const exact = available.find((a) => a.toLowerCase() === firstWithMatch.toLowerCase());
        const byLanguage = languagesOf(firstWithMatch)
          .map((language) => available.find((a) => a.toLowerCase() === language) ?? available.find((a) => base(a) === language))
          .find(Boolean);
        assert.equal(hit, exact ?? byLanguage);
      })
    );
  });

  it(`pickLanguage: the page's own language if it is one, else the browser's offered, else the site's first; always usable by Intl (${RUNS} cases)`, () => {
    holds(
      fc.property(offered, tag, tag, tags, (site, element, page, browser) => {
        const picked = pickLanguage(site, element, page, browser);
        assert.equal(typeof picked, 'string');
        assert.ok(picked.length > 0);
        // Intl throws a RangeError on a tag it cannot use: the UI formats lists and durations with it.
        new Intl.ListFormat(picked);
        new Intl.NumberFormat(picked, {style: 'unit', unit: 'day'});
        // The page's own language counts when it is a language tag (`en_US` read as `en-US`).
        const own = [element, page].map((t) => t.trim().replace(/_/g, '-')).map((t) => (isLanguageTag(t) ? t : ''));
        const browserTags = browser.map((t) => t.trim().replace(/_/g, '-')).filter(isLanguageTag);
        assert.equal(picked, own[0] || own[1] || matchLanguage(browserTags, site) || site[0]);
      })
    );
  });

  it(`resolveText gives one of the text's strings, the wanted language's when it has it (${RUNS} cases)`, () => {
    const text = fc.oneof(
      fc.string({minLength: 1}),
      fc.dictionary(fc.constantFrom('fr', 'en', 'en-GB', 'de', 'pt-BR', '__proto__'), fc.string({minLength: 1}), {
        minKeys: 1,
        noNullPrototype: true,
      })
    );
    holds(
      fc.property(text, tag, tags, (value, language, fallbacks) => {
        const shown = resolveText(value, language, fallbacks);
        if (typeof value === 'string') return assert.equal(shown, value);
        // Blank strings are never shown; a text with nothing else gives ''.
        const filled = Object.entries(value).filter(([, v]) => v.trim());
        if (!filled.length) return assert.equal(shown, '');
        assert.ok(filled.some(([, v]) => v === shown));
        const exact = filled.find(([k]) => k.toLowerCase() === language.toLowerCase());
        if (exact) assert.equal(shown, exact[1]);
      })
    );
  });
});
