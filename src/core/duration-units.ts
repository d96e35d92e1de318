/** The units of an ISO 8601 duration, in its order (a words file's `units`; duration.ts, words-check.ts). */
export const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
export type Unit = (typeof UNITS)[number];
/** A text in each plural form a language has (Intl.PluralRules), `{count}` in it; `other` for the forms left out. */
export type Plural = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>> & {other: string};
/** A language's words for every unit (a words file's `units`, schema/words.schema.json), for a browser whose Intl lacks them. */
export type UnitWords = Record<Unit, Plural>;

/** The form of `forms` for `count` in `language` (Intl.PluralRules); `other` for a form left out. */
export const pluralForm = (forms: Plural, count: number, language: string): string =>
  forms[new Intl.PluralRules(language).select(count) as keyof Plural] ?? forms.other;
