import {expect} from '@open-wc/testing';
import {durationInDays, formatDuration, parseDuration} from '../../src/core/duration.js';

describe('durations', () => {
  const words: [string, string, string][] = [
    ['P13M', 'en', '13 months'],
    ['P13M', 'fr', '13 mois'],
    ['PT30M', 'en', '30 minutes'],
    ['P1D', 'fr', '1 jour'],
    ['P1Y6M', 'en', '1 year, 6 months'],
    ['session', 'fr', 'session'],
  ];
  for (const [value, language, expected] of words) {
    it(`says ${value} in ${language} as "${expected}" (R16)`, () => {
      // Intl puts no-break spaces between number and unit (French: U+202F); a visitor reads a space.
      expect(formatDuration(value, language, 'session').replace(/\s/g, ' ')).to.equal(expected);
    });
  }

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
