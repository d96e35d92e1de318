import {expect} from '@open-wc/testing';
import {matchLanguage, pickLanguage} from '../../src/core/language.js';

describe('language', () => {
  const cases: [string, string, string[], string][] = [
    ['en', 'fr', ['de'], 'en'],
    ['', 'fr-CA', ['en'], 'fr-CA'],
    ['', 'de', ['en'], 'de'],
    ['', '', ['de-DE', 'en-US', 'fr'], 'en'],
    ['', '', ['de'], 'fr'],
  ];
  for (const [element, page, browser, expected] of cases) {
    it(`element "${element}", page "${page}", browser ${browser.join(',')} → ${expected}`, () => {
      expect(pickLanguage(['fr', 'en'], element, page, browser)).to.equal(expected);
    });
  }
  it('matches a language by its base tag both ways', () => {
    expect(matchLanguage(['fr-BE'], ['en', 'fr'])).to.equal('fr');
    expect(matchLanguage(['en'], ['fr', 'en-GB'])).to.equal('en-GB');
    expect(matchLanguage(['de'], ['fr', 'en'])).to.equal(undefined);
  });
});
