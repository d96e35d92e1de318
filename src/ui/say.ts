import type {Plural} from '../view-contract.js';

/*
 * The words are data (src/i18n/<language>.json): what varies in a text is a named placeholder,
 * `{site}`, filled in here. The result is text, and the views set it as text, never as markup.
 */

/** `text` with each `{name}` replaced by `values[name]`. */
export function say(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/** The form of `plural` for `count` by the plural rules of `language` (`other` when the words leave that form out), `{count}` filled in. */
export function sayCount(plural: Plural, count: number, language: string): string {
  return say(plural[new Intl.PluralRules(language).select(count) as keyof Plural] ?? plural.other, {count});
}
