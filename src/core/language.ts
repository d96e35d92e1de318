/** The languages the UI's own words are built in for (README, “Drop it in”; the build, the release and the loader read this one list): one words file each. */
export const UI_LANGUAGES = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'nl',
  'pt',
  'bg',
  'cs',
  'da',
  'el',
  'et',
  'fi',
  'ga',
  'hr',
  'hu',
  'is',
  'lt',
  'lv',
  'mt',
  'nb',
  'pl',
  'ro',
  'sk',
  'sl',
  'sv',
  'ar',
  'he',
];
/*
 * Which language to speak (README, “Drop it in”). The visitor asks through the element's `lang`, else
 * `<html lang>`, else the browser's `navigator.languages`. Two answers follow from that wish list:
 * the language of the UI's own words, taken from the languages built in (a German page gets German
 * buttons even when the manifest has only fr and en), and the language of the manifest's texts,
 * taken from `site.languages`, else the site's first language.
 */

/** What `chooseLanguages` decides. */
export interface LanguageChoice {
  /** The language of the UI's own words, one of the built-in ones; also for `Intl` (durations, lists). */
  ui: string;
  /** The language of the manifest's texts, one of `site.languages`. */
  texts: string;
}

const base = (tag: string) => tag.toLowerCase().split('-')[0];

/**
 * Languages a reader of one reads in another when the first is missing: Norwegian (`no`) and
 * Nynorsk (`nn`) in Bokmål (`nb`), Bokmål in Norwegian. Tried after the language itself.
 */
const ALTERNATIVES = new Map<string, readonly string[]>([
  ['no', ['nb']],
  ['nn', ['nb', 'no']],
  ['nb', ['no']],
]);

/**
 * `tag` as Intl spells it, lower-case: a deprecated code becomes the current one (`iw` → `he`,
 * `in` → `id`, `mo` → `ro`); a tag Intl refuses stays as it is.
 */
function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0].toLowerCase();
  } catch {
    return tag.toLowerCase();
  }
}

/**
 * Whether `tag` is a well-formed BCP 47 language tag (`fr`, `pt-BR`, `zh-Hant-TW`), as the
 * browser's `Intl` reads them, with a 2- or 3-letter language code; `French` (well-formed, but no
 * language has such a code), `en_US`, `en-a1` and `` are not.
 */
export function isLanguageTag(tag: string): boolean {
  try {
    return /^[a-z]{2,3}\b/i.test(tag) && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The first of `wanted` that `available` offers, returned as spelled in `available`; else
 * `undefined`. For each wanted tag, in order: the same tag (`pt-BR`), else the bare base language
 * (`pt`), else any region of it (`pt-PT`); so `fr-CA` finds `fr`, `el-CY` finds `el`, and `en`
 * finds `en-GB`. Then the same for the language a reader of it reads too (ALTERNATIVES): `no` and
 * `nn` find `nb`. A deprecated code is read as the current one (`iw` finds `he`).
 */
export function matchLanguage(wanted: readonly string[], available: readonly string[]): string | undefined {
  for (const tag of wanted) {
    if (!tag) continue;
    const lower = canonical(tag);
    const exact = available.find((a) => a.toLowerCase() === lower);
    if (exact) return exact;
    for (const language of [base(lower), ...(ALTERNATIVES.get(base(lower)) ?? [])]) {
      const hit = available.find((a) => a.toLowerCase() === language) ?? available.find((a) => base(a) === language);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The visitor's wish list, best first: the element's `lang` alone when it is set, else
 * `<html lang>` alone, else the browser's languages. An explicit page language is not mixed with
 * the browser's: the page says what it is written in. Tags are trimmed, `_` read as `-`
 * (`fr_FR`), and tags that are not well-formed BCP 47 are skipped.
 */
export function requestedLanguages(
  elementLang: string | null | undefined,
  documentLang: string | null | undefined,
  browserLanguages: readonly string[] = []
): string[] {
  const clean = (tag: string | null | undefined) => (tag ?? '').trim().replace(/_/g, '-');
  const page = [elementLang, documentLang].map(clean).find(isLanguageTag);
  return page ? [page] : browserLanguages.map(clean).filter(isLanguageTag);
}

/**
 * The built-in UI language for a visitor asking for `requested`: the first one `builtIn` offers,
 * else the first of the site's languages it offers, else English, else the first built in.
 */
export function uiLanguage(requested: readonly string[], builtIn: readonly string[], siteLanguages: readonly string[] = []): string {
  return matchLanguage([...requested, ...siteLanguages, 'en'], builtIn) ?? builtIn[0];
}

/**
 * Both languages for a page (README, “Drop it in”): the UI's words from the best built-in match, the
 * manifest's texts from the best of `siteLanguages`, falling back to the site's first language.
 *
 * ```ts
 * chooseLanguages(['fr', 'en'], ['en', 'fr', 'de'], '', 'de-AT', navigator.languages)
 * // → {ui: 'de', texts: 'fr'}
 * ```
 */
export function chooseLanguages(
  siteLanguages: readonly string[],
  builtIn: readonly string[],
  elementLang: string | null | undefined,
  documentLang: string | null | undefined,
  browserLanguages: readonly string[] = []
): LanguageChoice {
  const requested = requestedLanguages(elementLang, documentLang, browserLanguages);
  return {
    ui: uiLanguage(requested, builtIn, siteLanguages),
    texts: matchLanguage(requested, siteLanguages) ?? siteLanguages[0],
  };
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
  return (
    requestedLanguages(elementLang, documentLang)[0] ??
    matchLanguage(requestedLanguages('', '', browserLanguages), siteLanguages) ??
    siteLanguages[0]
  );
}

/** The scripts written right to left (ISO 15924): Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam… */
const RIGHT_TO_LEFT = /^(adlm|arab|hebr|mand|mend|nkoo|rohg|samr|syrc|thaa|yezi)$/i;

/**
 * The direction `tag` is written in: `rtl` when its script (given, `ar-Arab`, or the likely one
 * CLDR knows for its language, `fa` → Arab, `yi` → Hebr) runs right to left, else `ltr`; `ltr`
 * for what is no language tag. The views set it, with `lang`, on a text of the manifest whose
 * language is not the UI's (WCAG 3.1.2), so Arabic buttons and English texts each read their way.
 */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    return RIGHT_TO_LEFT.test(new Intl.Locale(tag).maximize().script ?? '') ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/**
 * The built-in language that `tag` is a form of (`pt-BR` → `pt`, `iw` → `he`), or `undefined`.
 * A manifest's own words for such a tag are not used (README, “A site's own language”): the
 * banner's words for a language it has are its own, refusal wording included (R12).
 */
export function builtInOf(tag: string, builtIn: readonly string[]): string | undefined {
  return builtIn.find((b) => base(b) === base(canonical(tag)));
}

/** A page language the banner cannot speak: which attribute, what it says, and whether it is no language tag at all. */
export type PageLanguageFault = [name: 'lang' | '<html lang>', value: string, malformed: boolean];

/** The languages a banner speaks: LanguageChoice, and what it falls back on. */
export interface Languages extends LanguageChoice {
  /** The best built-in language: the banner speaks it when the site's own words (`ui`) cannot be used. */
  fallback: string;
  /** Every language the banner can speak here: the built-in ones, then the site's own (the manifest's `words`). */
  available: string[];
  /** The page's language, when the banner cannot speak it (the session tells the site owner). */
  fault?: PageLanguageFault;
}

/**
 * The element `lang` or `<html lang>` (the first one set, as `requestedLanguages` reads them)
 * that the banner cannot speak: one that is no language tag (ignored), or one it has no words for
 * (`available`: built in, or the manifest's own); else `undefined`. The browser's languages are
 * the visitor's, not the page's: they are never a fault. The loader finds it, the session says it
 * (`noticeOf`).
 */
export function pageLanguageFault(
  elementLang: string | null | undefined,
  documentLang: string | null | undefined,
  available: readonly string[]
): PageLanguageFault | undefined {
  for (const [name, value] of [
    ['lang', elementLang],
    ['<html lang>', documentLang],
  ] as const) {
    const tag = (value ?? '').trim().replace(/_/g, '-');
    if (!tag) continue;
    if (!isLanguageTag(tag)) return [name, value!, true];
    return matchLanguage([tag], available) ? undefined : [name, tag, false];
  }
  return undefined;
}

/** The one message for a page language the banner cannot speak (`pageLanguageFault`), speaking `ui` instead. */
export function noticeOf([name, value, malformed]: PageLanguageFault, ui: string, available: readonly string[]): string {
  return malformed
    ? `${name}="${value}" is not a language tag (such as fr or pt-BR), so it is ignored`
    : `it has no words for ${name}="${value}" (${available.join(', ')}; a manifest can give its own, README “A site's own language”), so it speaks ${ui}`;
}

/** `pageLanguageFault` said (`noticeOf`), or `undefined`. */
export function languageNotice(
  elementLang: string | null | undefined,
  documentLang: string | null | undefined,
  ui: string,
  available: readonly string[]
): string | undefined {
  const fault = pageLanguageFault(elementLang, documentLang, available);
  return fault && noticeOf(fault, ui, available);
}
