import {expect} from '@open-wc/testing';
import {chooseLanguages, isLanguageTag, matchLanguage, pickLanguage, requestedLanguages, uiLanguage} from '../../src/core/language.js';
import {UI_LANGUAGES} from '../../src/core/language.js';

const BUILT_IN = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
/** A made-up built-in list with the languages other work trees are adding (nb, el), and Hebrew. */
const WITH_NORDIC = [...BUILT_IN, 'nb', 'el', 'he'];

describe('language', () => {
  describe('chooseLanguages (README, “Drop it in”): UI words from the built-in ones, texts from the manifest', () => {
    // [element lang, <html lang>, navigator.languages, site languages, expected UI, expected texts]
    const cases: [string, string, string[], string[], string, string][] = [
      ['en', 'fr', ['de'], ['fr', 'en'], 'en', 'en'],
      ['', 'fr-CA', ['en'], ['fr', 'en'], 'fr', 'fr'],
      // A German page gets German buttons; the manifest's texts fall back to its first language.
      ['', 'de', ['en'], ['fr', 'en'], 'de', 'fr'],
      ['', 'de-AT', [], ['en', 'fr'], 'de', 'en'],
      ['de', 'fr', [], ['fr', 'en'], 'de', 'fr'],
      // No page language: the browser's, in its order, for both.
      ['', '', ['de-DE', 'en-US', 'fr'], ['fr', 'en'], 'de', 'en'],
      ['', '', ['es-MX', 'fr'], ['fr', 'en'], 'es', 'fr'],
      ['', '', ['pt-BR'], ['fr', 'en'], 'pt', 'fr'],
      ['', '', ['nl-BE', 'de'], ['de', 'nl'], 'nl', 'nl'],
      ['', '', ['it-IT'], ['fr', 'en'], 'it', 'fr'],
      // Nothing built in matches: the site's languages, in its order, then English.
      ['', '', ['pl', 'ru'], ['fr', 'en'], 'fr', 'fr'],
      ['', 'pl', [], ['pl', 'en'], 'en', 'pl'],
      ['', '', [], ['sv', 'fi'], 'en', 'sv'],
      // Broken page languages are skipped, not trusted.
      ['fr_FR', '', [], ['en', 'fr'], 'fr', 'fr'],
      ['French', 'de', [], ['fr', 'en'], 'de', 'fr'],
      ['  ', '', ['nl'], ['fr', 'en'], 'nl', 'fr'],
    ];
    for (const [element, page, browser, site, ui, texts] of cases) {
      it(`element "${element}", page "${page}", browser [${browser}], site [${site}] → UI ${ui}, texts ${texts}`, () => {
        expect(chooseLanguages(site, BUILT_IN, element, page, browser)).to.deep.equal({ui, texts});
      });
    }

    it('reads the real navigator.languages and <html lang> when given them', () => {
      const choice = chooseLanguages(['fr', 'en'], BUILT_IN, null, document.documentElement.lang, navigator.languages);
      expect(BUILT_IN).to.include(choice.ui);
      expect(['fr', 'en']).to.include(choice.texts);
    });
  });

  describe('regional and alternative tags (issue 25): the language, then the one its readers read too', () => {
    // [what the page asks for, the built-in languages, expected UI language]
    const cases: [string, string[], string][] = [
      ['pt-BR', WITH_NORDIC, 'pt'],
      ['de-AT', WITH_NORDIC, 'de'],
      ['el-CY', WITH_NORDIC, 'el'],
      ['no', WITH_NORDIC, 'nb'],
      ['no-NO', WITH_NORDIC, 'nb'],
      ['nn', WITH_NORDIC, 'nb'],
      ['nn-NO', WITH_NORDIC, 'nb'],
      ['nb-NO', WITH_NORDIC, 'nb'],
      // A deprecated code is read as the current one.
      ['iw', WITH_NORDIC, 'he'],
      // Without Bokmål, Norwegian falls back as any language we lack: the site's, then English.
      ['no', BUILT_IN, 'en'],
      ['el-CY', BUILT_IN, 'en'],
    ];
    for (const [page, builtIn, ui] of cases) {
      it(`<html lang="${page}"> with [${builtIn}] built in → UI ${ui}`, () => {
        expect(chooseLanguages(['en'], builtIn, '', page, []).ui).to.equal(ui);
      });
    }

    it('the same for the built-in languages present (UI_LANGUAGES): pt-BR → pt, de-AT → de, el-CY and no/nn by what is built in', () => {
      const ui = (page: string) => chooseLanguages(['en'], UI_LANGUAGES, '', page, []).ui;
      expect(ui('pt-BR')).to.equal('pt');
      expect(ui('de-AT')).to.equal('de');
      expect(ui('el-CY')).to.equal(UI_LANGUAGES.includes('el') ? 'el' : 'en');
      for (const tag of ['no', 'nn', 'nn-NO']) expect(ui(tag), tag).to.equal(UI_LANGUAGES.includes('nb') ? 'nb' : 'en');
    });

    it('a site offering Norwegian texts as `no` shows them to a Bokmål or Nynorsk reader', () => {
      expect(matchLanguage(['nb-NO'], ['en', 'no'])).to.equal('no');
      expect(matchLanguage(['nn'], ['en', 'no'])).to.equal('no');
    });

    it('the language itself wins over its alternative, and a region of it too', () => {
      expect(matchLanguage(['nn'], ['nb', 'nn'])).to.equal('nn');
      expect(matchLanguage(['no'], ['nb', 'no-NO'])).to.equal('no-NO');
      expect(matchLanguage(['nb'], ['en'])).to.equal(undefined);
    });
  });

  describe('requestedLanguages', () => {
    it('takes the element’s lang alone, else <html lang> alone, else the browser’s languages', () => {
      expect(requestedLanguages('de', 'fr', ['en'])).to.deep.equal(['de']);
      expect(requestedLanguages('', 'fr', ['en'])).to.deep.equal(['fr']);
      expect(requestedLanguages(null, undefined, ['en-GB', 'fr'])).to.deep.equal(['en-GB', 'fr']);
    });
    it('reads fr_FR as fr-FR and skips what is not a language tag', () => {
      expect(requestedLanguages('fr_FR', '', [])).to.deep.equal(['fr-FR']);
      expect(requestedLanguages('', '', ['', 'x', 'en_US', 'not a tag', 'nl'])).to.deep.equal(['en-US', 'nl']);
    });
  });

  describe('uiLanguage', () => {
    it('gives the built-in language closest to the request, else a site language, else English', () => {
      expect(uiLanguage(['de-CH'], BUILT_IN)).to.equal('de');
      expect(uiLanguage(['pl'], BUILT_IN, ['it', 'en'])).to.equal('it');
      expect(uiLanguage(['pl'], BUILT_IN, ['sv'])).to.equal('en');
      expect(uiLanguage([], ['fr'], [])).to.equal('fr');
    });
  });

  describe('matchLanguage', () => {
    it('matches a language by its base tag both ways', () => {
      expect(matchLanguage(['fr-BE'], ['en', 'fr'])).to.equal('fr');
      expect(matchLanguage(['en'], ['fr', 'en-GB'])).to.equal('en-GB');
      expect(matchLanguage(['de'], ['fr', 'en'])).to.equal(undefined);
    });
    it('prefers the same tag, then the bare base language, then another region', () => {
      expect(matchLanguage(['pt-BR'], ['pt-PT', 'pt', 'pt-BR'])).to.equal('pt-BR');
      expect(matchLanguage(['pt-BR'], ['pt-PT', 'pt'])).to.equal('pt');
      expect(matchLanguage(['pt-BR'], ['es', 'pt-PT'])).to.equal('pt-PT');
      expect(matchLanguage(['EN-gb'], ['en-GB'])).to.equal('en-GB');
    });
    it('follows the order of the wishes, not of the offer', () => {
      expect(matchLanguage(['de', 'nl', 'fr'], ['fr', 'nl'])).to.equal('nl');
    });
  });

  describe('isLanguageTag', () => {
    it('accepts well-formed BCP 47 tags and refuses the rest', () => {
      for (const good of ['fr', 'pt-BR', 'zh-Hant-TW', 'de-CH-1996', 'es-419']) expect(isLanguageTag(good), good).to.equal(true);
      for (const bad of ['', 'French', 'en_US', 'en-a1', 'fr-', 'x', 'en-US-US']) expect(isLanguageTag(bad), bad).to.equal(false);
    });
  });

  describe('pickLanguage (the page’s language)', () => {
    const cases: [string, string, string[], string][] = [
      ['en', 'fr', ['de'], 'en'],
      ['', 'fr-CA', ['en'], 'fr-CA'],
      ['', 'de', ['en'], 'de'],
      ['', '', ['de-DE', 'en-US', 'fr'], 'en'],
      ['', '', ['de'], 'fr'],
      ['not a tag', '', ['en'], 'en'],
    ];
    for (const [element, page, browser, expected] of cases) {
      it(`element "${element}", page "${page}", browser ${browser.join(',')} → ${expected}`, () => {
        expect(pickLanguage(['fr', 'en'], element, page, browser)).to.equal(expected);
      });
    }
  });
});
