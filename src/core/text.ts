import {matchLanguage} from './language.js';
import type {Text} from './manifest.types.js';

/**
 * The string of a text in `language`, else in the first of `fallbacks` it has (pass
 * `site.languages`: the site's first language comes first), else any it has. A language matches
 * its region variants both ways (`fr` ↔ `fr-CA`). Empty strings are skipped, so a label is never
 * empty while the text has a word in any language; `''` only for no text at all.
 */
export function resolveText(value: Text | undefined, language: string, fallbacks: readonly string[] = []): string {
  if (typeof value !== 'object') return value ?? '';
  const keys = Object.keys(value).filter((k) => typeof value[k] === 'string' && value[k].trim());
  const hit = matchLanguage([language, ...fallbacks], keys) ?? keys[0];
  return hit ? value[hit] : '';
}
