// The purposes in the first layer's sentence (issue 26; R5/R6: the purposes are named on the
// first layer, readably): titles as common words where a language writes nouns in lower case,
// and semicolons where a title holds the language's "and". Pure logic (src/core/purpose-list.ts).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {inSentence, purposeList} = await loadCore('src/core/purpose-list.ts');
const words = (tag) => JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'));
const FR = words('fr');
const EN = words('en');
const DE = words('de');

describe('purposes joined as a sentence', () => {
  it('Dimelo in French: lower-case titles, semicolons since "Ciblage et publicité" holds "et"', () => {
    const list = purposeList(['Mesure de performance', 'Ciblage et publicité', 'Partage sur les réseaux sociaux'], 'fr', FR);
    assert.equal(list.join(''), 'mesure de performance\u202f; ciblage et publicité\u202f; partage sur les réseaux sociaux');
  });

  it('"a, b and c" when no title holds "and"', () => {
    assert.equal(
      purposeList(['Analytics', 'Advertising', 'Social sharing'], 'en', EN).join(''),
      'analytics, advertising and social sharing'
    );
    assert.equal(purposeList(['Analytics', 'Advertising'], 'en', EN).join(''), 'analytics and advertising');
    assert.equal(purposeList(['Analytics'], 'en', EN).join(''), 'analytics');
    assert.deepEqual(purposeList([], 'en', EN), []);
  });

  it('the titles stay at even places, for the view to wrap each in an element of its own', () => {
    const list = purposeList(['Targeting and advertising', 'Analytics'], 'en', EN);
    assert.deepEqual(list, ['targeting and advertising', '; ', 'analytics']);
  });

  it('"and" only as a word of its own ("Brand safety" holds no "and"; "AND" does)', () => {
    assert.equal(purposeList(['Brand safety', 'Analytics'], 'en', EN).join(''), 'brand safety and analytics');
    assert.equal(purposeList(['Ads AND offers', 'Analytics'], 'en', EN).join(''), 'ads AND offers; analytics');
  });

  it('German nouns keep their capital; the list still gets semicolons where a title holds "und"', () => {
    assert.equal(
      purposeList(['Statistik', 'Werbung und Marketing', 'Videos'], 'de', DE).join(''),
      'Statistik; Werbung und Marketing; Videos'
    );
    assert.equal(inSentence('Statistik', 'de-AT'), 'Statistik');
  });

  it('only the first letter, only when the second is lower-case', () => {
    assert.equal(inSentence('Performance Measurement', 'en'), 'performance Measurement');
    assert.equal(inSentence('SEO tools', 'en'), 'SEO tools');
    assert.equal(inSentence('A/B tests', 'en'), 'A/B tests');
    assert.equal(inSentence('X', 'en'), 'X');
    assert.equal(inSentence('', 'en'), '');
    assert.equal(inSentence('Écrans', 'fr'), 'écrans');
    assert.equal(inSentence('İstatistik', 'tr'), 'istatistik');
  });

  it('languages without case are left as they are', () => {
    assert.equal(inSentence('إعلانات', 'ar'), 'إعلانات');
    assert.equal(inSentence('פרסום', 'he'), 'פרסום');
  });
});
