/*
 * Which language to speak (CONTRACT §1): the element's `lang`, else `<html lang>`, else the
 * browser's `navigator.languages` among those available, else the site's first language.
 */

const base = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * The first of `wanted` that `available` offers, matched exactly or by base language
 * (`fr-CA` → `fr`, `en` → `en-GB`), returned as spelled in `available`; else `undefined`.
 */
export function matchLanguage(wanted: readonly string[], available: readonly string[]): string | undefined {
  for (const tag of wanted) {
    if (!tag) continue;
    const hit =
      available.find((a) => a.toLowerCase() === tag.toLowerCase()) ??
      available.find((a) => base(a) === base(tag));
    if (hit) return hit;
  }
  return undefined;
}

/** A page's `lang` as a tag `Intl` accepts (`en_US` → `en-US`), or `''` when it has none it can use. */
function usable(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? '';
  } catch {
    return '';
  }
}

/**
 * The visitor's language for a site offering `siteLanguages`: an explicit page language
 * (`elementLang`, `documentLang`) wins even when the site lacks it; otherwise the first of
 * `browserLanguages` the site offers; otherwise the site's first language. A page language
 * that is no language tag at all (`lang="x"`) is passed over, so `Intl` never throws on it.
 */
export function pickLanguage(
  siteLanguages: readonly string[],
  elementLang: string,
  documentLang: string,
  browserLanguages: readonly string[]
): string {
  return usable(elementLang) || usable(documentLang) || matchLanguage(browserLanguages, siteLanguages) || siteLanguages[0];
}
