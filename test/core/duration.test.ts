import {expect} from '@open-wc/testing';
import {durationInDays, formatDuration, intlSaysUnits, parseDuration} from '../../src/core/duration.js';
import {UI_LANGUAGES} from '../../src/core/language.js';
import {wordsOf} from '../helpers.js';

describe('durations', () => {
  // R16: every cookie's lifetime in words, in each language the UI speaks, through Intl.
  const words: [string, string, string][] = [
    ['P13M', 'en', '13 months'],
    ['P13M', 'fr', '13 mois'],
    ['P13M', 'de', '13 Monate'],
    ['P13M', 'es', '13 meses'],
    ['P13M', 'it', '13 mesi'],
    ['P13M', 'nl', '13 maanden'],
    ['P13M', 'pt', '13 meses'],
    ['PT30M', 'en', '30 minutes'],
    ['PT30M', 'de', '30 Minuten'],
    ['PT30M', 'nl', '30 minuten'],
    ['P1D', 'fr', '1 jour'],
    ['P1D', 'it', '1 giorno'],
    ['P1D', 'es', '1 día'],
    ['P1Y', 'pt', '1 ano'],
    ['P1Y6M', 'en', '1 year, 6 months'],
    ['P1Y6M', 'de', '1 Jahr, 6 Monate'],
    ['P0D', 'en', '0 days'],
  ];
  for (const [value, language, expected] of words) {
    it(`R16: says ${value} in ${language} as "${expected}"`, () => {
      // Intl puts no-break spaces between number and unit (French: U+202F); a visitor reads a space.
      expect(formatDuration(value, language, 'session').replace(/\s/g, ' ')).to.equal(expected);
    });
  }

  // Chromium has no unit words for Irish, Icelandic and Maltese (its unit formats resolve them to
  // en-US): their words files' `units` say the lifetime, its form by Intl.PluralRules. Every plural
  // category of each table: test/node/duration-units.test.mjs.
  const own: [string, string, string][] = [
    ['P13M', 'ga', '13 mí'],
    ['P3Y', 'ga', '3 bliana'],
    ['P7Y', 'ga', '7 mbliana'],
    ['PT2S', 'ga', '2 shoicind'],
    ['P13M', 'is', '13 mánuðir'],
    ['P21D', 'is', '21 dagur'],
    ['P13M', 'mt', '13-il xahar'],
    ['P2Y', 'mt', 'sentejn'],
    ['P1Y6M', 'mt', 'sena, 6 xhur'],
    ['P20Y', 'mt', '20 sena'],
  ];
  for (const [value, language, expected] of own) {
    it(`R16: says ${value} in ${language} as "${expected}", from its words' units where Chromium's Intl has none`, async () => {
      const {units} = await wordsOf(language);
      expect(intlSaysUnits(language), language).to.equal(false);
      expect(formatDuration(value, language, 'session', units)).to.equal(expected);
    });
  }

  it('R16: Chromium has the unit words of every other built-in language (Intl, no table needed)', () => {
    const lacking = UI_LANGUAGES.filter((language) => !intlSaysUnits(language));
    expect(lacking).to.deep.equal(['ga', 'is', 'mt']);
  });

  it('R16: says "session" with the UI’s word for it, in every language', async () => {
    const expected = {
      en: 'session',
      fr: 'session',
      de: 'Sitzung',
      es: 'sesión',
      it: 'sessione',
      nl: 'sessie',
      pt: 'sessão',
      ar: 'الجلسة',
      he: 'עד סוף הגלישה',
    };
    for (const language of UI_LANGUAGES) {
      const {session} = await wordsOf(language);
      // A language not listed here: its own word, whatever it is (test/node/words.test.mjs holds it is no copy).
      expect(formatDuration('session', language, session), language).to.equal(expected[language as keyof typeof expected] ?? session);
    }
  });

  it('measures durations in days', () => {
    expect(durationInDays('P1Y')).to.equal(365);
    expect(durationInDays('P2W')).to.equal(14);
    expect(durationInDays('PT12H')).to.equal(0.5);
    expect(durationInDays('P13M')).to.be.closeTo(395.69, 0.01);
    expect(durationInDays('session')).to.equal(0);
  });

  it('refuses what is not an ISO 8601 duration', () => {
    for (const bad of ['P', 'PT', '13M', 'P1.5Y', 'p1d', 'P1DT', '']) expect(parseDuration(bad), bad).to.equal(null);
  });
});
