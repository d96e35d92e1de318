import {expect} from '@open-wc/testing';
import {durationInDays, formatDuration, parseDuration} from '../../src/core/duration.js';
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

  it('R16: says "session" with the UI’s word for it, in every language', async () => {
    const expected = {en: 'session', fr: 'session', de: 'Sitzung', es: 'sesión', it: 'sessione', nl: 'sessie', pt: 'sessão', ar: 'الجلسة', he: 'עד סוף הגלישה'};
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
