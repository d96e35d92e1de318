import {expect} from '@open-wc/testing';
import {DIRECTIONS, REOPEN_LABELS, UI_STRINGS} from '../../src/ui/strings.js';
import type {UiStrings} from '../../src/ui/strings.js';
import {UI_LANGUAGES} from '../../src/view-contract.js';

// The one list of UI languages (src/view-contract.ts), which the build and the loader use too.
const LANGUAGES = UI_LANGUAGES;

/** Every string a language gives, with its functions called on sample arguments. */
const said = (strings: UiStrings): [string, string][] =>
  Object.entries(strings).map(([key, value]) => [
    key,
    typeof value === 'function' ? (value as (...args: string[]) => string)('⟨1⟩', '⟨2⟩', '⟨3⟩') : value,
  ]);

describe('built-in UI strings', () => {
  it('speak en, fr, de, es, it, nl and pt', () => {
    expect(Object.keys(UI_STRINGS)).to.deep.equal(LANGUAGES);
  });

  it('R26: the re-open control has a label in every language, and it is the one the first layer points to', () => {
    expect(Object.keys(REOPEN_LABELS)).to.deep.equal(LANGUAGES);
    for (const language of LANGUAGES) expect(UI_STRINGS[language].bannerChangeMind, language).to.contain(REOPEN_LABELS[language]);
  });

  it('every language says its direction, from which the views set `dir`', () => {
    expect(Object.keys(DIRECTIONS)).to.deep.equal(LANGUAGES);
    for (const language of LANGUAGES) expect(['ltr', 'rtl'], language).to.include(DIRECTIONS[language]);
  });

  for (const language of LANGUAGES) {
    it(`${language}: has every key of en, and no empty string`, () => {
      const strings = UI_STRINGS[language];
      expect(Object.keys(strings)).to.deep.equal(Object.keys(UI_STRINGS.en));
      for (const [key, value] of said(strings)) {
        expect(value.trim(), key).not.to.equal('');
        expect(typeof value, key).to.equal('string');
      }
    });

    it(`${language}: every function puts each of its arguments in its sentence`, () => {
      for (const [key, value] of Object.entries(UI_STRINGS[language])) {
        if (typeof value !== 'function') continue;
        const sentence = (value as (...args: string[]) => string)('⟨1⟩', '⟨2⟩', '⟨3⟩');
        for (let i = 1; i <= value.length; i++) expect(sentence, key).to.contain(`⟨${i}⟩`);
      }
    });
  }

  it('R12: the refusal is plain, from a fixed set per language, never "later" or "maybe"', () => {
    const plain: Record<string, string[]> = {
      en: ['Reject all', 'Refuse all'],
      fr: ['Tout refuser', 'Refuser'],
      de: ['Alle ablehnen', 'Ablehnen'],
      es: ['Rechazar todo', 'Rechazar todas'],
      it: ['Rifiuta tutto', 'Rifiuta tutti'],
      nl: ['Alles weigeren', 'Alles afwijzen'],
      pt: ['Recusar todos', 'Rejeitar todos'],
    };
    const vague = /later|maybe|plus tard|peut-être|später|vielleicht|más tarde|quizás|più tardi|forse|misschien|mais tarde|talvez/i;
    for (const language of LANGUAGES) {
      const strings = UI_STRINGS[language];
      expect(plain[language], language).to.include(strings.rejectAll);
      for (const [key, value] of said(strings)) expect(value, `${language}.${key}`).not.to.match(vague);
    }
  });

  it('R10: accept and reject labels are alike in length, so neither button stands out', () => {
    for (const language of LANGUAGES) {
      const {acceptAll, rejectAll} = UI_STRINGS[language];
      expect(Math.abs(acceptAll.length - rejectAll.length), language).to.be.at.most(4);
    }
  });

  it('R11: every language says that closing refuses, with its own refusal word', () => {
    const refuse: Record<string, RegExp> = {
      en: /refus/i,
      fr: /refus/i,
      de: /ablehn/i,
      es: /rechaz/i,
      it: /rifiut/i,
      nl: /weiger/i,
      pt: /recus/i,
    };
    for (const language of LANGUAGES) {
      const {bannerCloseMeansRefuse, close, rejectAll} = UI_STRINGS[language];
      expect(bannerCloseMeansRefuse, language).to.match(refuse[language]);
      expect(close, language).to.match(refuse[language]);
      if (language !== 'en') expect(rejectAll, language).to.match(refuse[language]);
    }
  });

  it('no two languages share a sentence (no untranslated copy)', () => {
    const seen = new Map<string, string>();
    for (const language of LANGUAGES) {
      for (const [key, value] of said(UI_STRINGS[language])) {
        if (value.length < 25) continue; // short words may coincide ("Cookie", "Personalizar")
        const owner = seen.get(value);
        expect(owner, `${language}.${key} repeats ${owner}`).to.equal(undefined);
        seen.set(value, `${language}.${key}`);
      }
    }
  });
});
