/*
 * The units of an ISO 8601 duration and a language's words for them: one list, which the
 * duration's words (duration.ts) and the check of a site's words (words-check.ts) both read, in a
 * module of its own so that the one does not bring the other along.
 */

/** The units of an ISO 8601 duration, in the order it writes them (a words file's `units` has each). */
export const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
export type Unit = (typeof UNITS)[number];
/** A text in each plural form a language has (Intl.PluralRules), `{count}` in it; `other` for the forms left out. */
export type Plural = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>> & {other: string};
/** A language's words for every unit (a words file's `units`, schema/words.schema.json), for a browser whose Intl lacks them. */
export type UnitWords = Record<Unit, Plural>;
