import {formatIssue} from '../core/manifest-essentials.js';
import type {ManifestJson} from '../browser/manifest-fetch.js';
import {checkWords} from '../core/words-check.js';
import type {Words, WordsModule} from '../view-contract.js';

/*
 * The `site-words` module (`dist/consent-banner-site-words.min.js`, loader/modules.ts): fetched
 * only for a page in a language of the site's own (the manifest's `words`), beside the site's
 * file (which the loader fetches, as it fetches the manifest) and the English words it checks
 * them against. A site without words of its own never loads it.
 */

/**
 * A site's own words (the manifest's `words`, README “A site's own language”): `read`, the file
 * at `url` as the loader fetched it, checked against `reference`, the English words, as the
 * built-in files are (words-check.ts). Throws the reason, naming the keys at fault, when they
 * cannot be shown: the loader then says so once and speaks the best built-in language.
 */
export function readWords(read: ManifestJson, url: string, language: string, reference: Words): WordsModule {
  if (!read.ok) throw new Error(`cannot use the words for ${language}: ${read.errors[0].message}`);
  const issues = checkWords(read.json, language, reference as unknown as Record<string, unknown>);
  if (issues.length) {
    const named = issues.slice(0, 3).map(formatIssue).join('; ');
    throw new Error(`cannot use the words for ${language} in ${url} (${named}${issues.length > 3 ? `; ${issues.length - 3} more` : ''})`);
  }
  return {default: read.json as Words};
}
