import {pluralForm} from '../core/duration-units.js';
import type {Plural} from '../view-contract.js';

/*
 * The words are data (src/i18n/<language>.json): what varies in a text is a named placeholder,
 * `{site}`, filled in here. The result is text, and the views set it as text, never as markup.
 */

/** `text` with each `{name}` replaced by `values[name]`. */
export function say(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}

/**
 * `text` in parts, each `{name}` replaced by what `values[name]()` makes, as it is: a node (a
 * `<bdi>` or a `<span lang dir>` holding a text of the manifest) or a lit template, which the view
 * appends as such; the words around it stay text. Made anew for each place a name is written in,
 * since a node is in one place only. A manifest's text in an element of its own reads in its own
 * direction, and its bidirectional controls (an unclosed U+2067) end with it, never turning the
 * banner's own sentence around it.
 */
export function sayParts<T>(text: string, values: Record<string, () => T>): (string | T)[] {
  return text
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 ? values[part]() : part))
    .filter((part) => part !== '');
}

/**
 * A text of the manifest (a name, a title) for an element of its own in a sentence of the
 * banner's words, which gives it its direction (`dir`, or `<bdi>`'s own). Chromium ends an
 * element's isolation at its end only when what is inside is balanced: an unclosed U+2066 in a
 * `<bdi>` of a right-to-left sentence still moved its full stop. So a text whose isolates
 * (U+2066–2069) do not pair up, or that holds an embedding or override (U+202A–202E, which the
 * manifest check refuses anyway), loses those controls; balanced isolates, the README's advice
 * for a name in another script, are shown as written. Marks (U+200E, U+200F) stay.
 */
export function isolated(text: string): string {
  let open = 0;
  for (const c of text.match(/[\u2066-\u2069]/g) ?? []) if ((open += c < '\u2069' ? 1 : -1) < 0) break;
  return open || /[\u202a-\u202e]/.test(text) ? text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '') : text;
}

/** The form of `plural` for `count` by the plural rules of `language` (`other` when the words leave that form out), `{count}` filled in. */
export function sayCount(plural: Plural, count: number, language: string): string {
  return say(pluralForm(plural, count, language), {count});
}
