import {pluralForm, UNITS, type UnitWords} from './duration-units.js';

/*
 * ISO 8601 durations as cookie manifests declare them (`P13M`, `PT30M`, `P1Y6M`, `session`):
 * their length in days, and the words a visitor reads ("13 months", "13 mois").
 */

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const DAYS_PER_UNIT = [365, 30.4375, 7, 1, 1 / 24, 1 / 1440, 1 / 86400];

/** The parts of an ISO 8601 duration, or `null` for `session` or anything that is not one. */
export function parseDuration(value: string): DurationParts | null {
  const match = DURATION.exec(value);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0));
  return {years, months, weeks, days, hours, minutes, seconds};
}

/** The length of a duration in days (`P13M` → 395.6875); `session` and unknown values count 0. */
export function durationInDays(value: string): number {
  return (DURATION.exec(value)?.slice(1) ?? []).reduce((sum, n, i) => sum + Number(n ?? 0) * DAYS_PER_UNIT[i], 0);
}

/** Whether Intl has unit words in `language` (Chromium resolves ga, is, mt to en-US). */
export function intlSaysUnits(language: string): boolean {
  const primary = (tag: string) => tag.split('-')[0].toLowerCase();
  return primary(new Intl.NumberFormat(language, {style: 'unit', unit: 'day'}).resolvedOptions().locale) === primary(language);
}

/**
 * A duration in words, in the visitor's language (a BCP 47 tag), through `Intl`: `P13M` →
 * "13 months" / "13 mois", `P1Y6M` → "1 year, 6 months"; where Intl lacks the language's units,
 * through `units` (its words' table: "13-il xahar"), else in English. `session` (and anything
 * unparsable) returns `sessionWord`; a zero length says "0 days". Never empty.
 */
export function formatDuration(value: string, language: string, sessionWord: string, units?: UnitWords): string {
  const match = DURATION.exec(value);
  if (!match) return sessionWord;
  const own = units && !intlSaysUnits(language) ? units : undefined;
  const say = (n: number, i: number) =>
    own
      ? pluralForm(own[UNITS[i]], n, language).replace('{count}', n.toLocaleString(language))
      : new Intl.NumberFormat(language, {style: 'unit', unit: UNITS[i], unitDisplay: 'long'}).format(n);
  const amounts = match.slice(1);
  const words = amounts.flatMap((n, i) => (Number(n) ? [say(Number(n), i)] : []));
  // All zero (`PT0S`): "0 seconds", in the last unit written.
  if (!words.length)
    words.push(
      say(
        0,
        amounts.reduce((last, n, i) => (n === undefined ? last : i), 0)
      )
    );
  return new Intl.ListFormat(language, {style: 'short', type: 'unit'}).format(words);
}
