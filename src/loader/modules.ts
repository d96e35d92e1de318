import type {paintAccent} from '../browser/accent.js';
import type {consentLog} from '../browser/log.js';
import type {dataLayerSignals} from '../browser/mode.js';
import type {ConsentRecorder, clearServiceCookies} from '../browser/recorder.js';
import type {EmbedsModule, FirstLayerModule, PreferencesModule, ReopenModule, Words, WordsModule} from '../view-contract.js';
import {readManifestJson} from '../browser/manifest-fetch.js';
import {UI_LANGUAGES} from '../core/language.js';
import type {BannerSession} from './session.js';
import type {noticeOf, parseManifest} from './check.js';
import type {readWords} from './site-words.js';

/*
 * The seam between the loader (downloaded on every page view) and what it fetches only when it is
 * needed, each module named for what it is: the `session` that checks the whole manifest and
 * draws the views, the `check` that says in words what is wrong (a manifest refused, a page language the banner lacks), the `recorder` that records decisions, Consent Mode (`mode`), the site's
 * consent log (`log`), the colours derived from a site's own accent (`accent`), the views (the `first-layer`, the `embeds`' placeholders, the
 * `preferences` with the cookie declaration, the `reopen` control) and their `words`, one file
 * per language, fetched beside the view that needs them, never after it. The entry points say
 * where they come from: the drop-in imports `consent-banner-<name>[.<language>].min.js` from
 * beside its own URL (only `words` has a language), the npm module imports its own chunks.
 */

export interface SessionModule {
  BannerSession: typeof BannerSession;
}

export interface CheckModule {
  /** The full check with its messages, for a manifest the loader refuses (the drop-in's session checks without them). */
  parseManifest: typeof parseManifest;
  /** The notice of a page language the banner cannot speak. */
  noticeOf: typeof noticeOf;
}

export interface SiteWordsModule {
  /** A site's own words, fetched and checked against the English ones (README, “A site's own language”). */
  readWords: typeof readWords;
}

export interface RecorderModule {
  ConsentRecorder: typeof ConsentRecorder;
  clearServiceCookies: typeof clearServiceCookies;
}

export interface LogModule {
  consentLog: typeof consentLog;
}

export interface AccentModule {
  paintAccent: typeof paintAccent;
}

export interface ModeModule {
  dataLayerSignals: typeof dataLayerSignals;
}

export interface Modules {
  session: SessionModule;
  check: CheckModule;
  recorder: RecorderModule;
  mode: ModeModule;
  log: LogModule;
  accent: AccentModule;
  'first-layer': FirstLayerModule;
  embeds: EmbedsModule;
  preferences: PreferencesModule;
  reopen: ReopenModule;
  /** The words of the views drawn unasked (the first layer, the re-open control), with `$code`, `$name`, `$dir`. */
  words: WordsModule;
  /** The words of the other views (preferences, declaration, placeholders): the split is the build's (rollup.config.js, `FIRST_VIEWS`). */
  'other-words': WordsModule;
  'site-words': SiteWordsModule;
}

type Source = <K extends keyof Modules>(name: K, language: string) => Promise<Modules[K]>;

let source: Source | undefined;
const loaded = new Map<string, Promise<unknown>>();

/** Says where the modules come from; the first entry point to call it wins. */
export function setModuleSource(from: Source) {
  source ??= from;
}

/** The site's own words files (the manifest's `words`) by language tag, resolved against the manifest's URL. */
const siteWords = new Map<string, string>();

/**
 * Says where the site's own words are: each language tag of the manifest's `words` with its link,
 * resolved against `base`, the manifest's URL. `load('words', tag)` then fetches that file (the
 * `site-words` module checks it) instead of the built-in ones.
 */
export function setSiteWords(words: Record<string, string> | undefined, base: string) {
  siteWords.clear();
  // A built-in language keeps its own words (README, “A site's own language”).
  for (const [tag, link] of Object.entries(words ?? {})) if (!UI_LANGUAGES.includes(tag)) siteWords.set(tag, new URL(link, base).href);
}

/**
 * A module (`words`, `other-words`: in `language`, one of UI_LANGUAGES, or of the site's own),
 * fetched once, on first use. A site's words are one file, fetched here as the manifest is (the
 * loader has the fetch), side by side with the module that checks them against the English words.
 */
export function load<K extends keyof Modules>(name: K, language = ''): Promise<Modules[K]> {
  const own = name.endsWith('words') && siteWords.get(language);
  const key = (own ? 'words' : name) + language;
  if (!loaded.has(key))
    loaded.set(
      key,
      own
        ? Promise.all([load('site-words'), loadWords({ui: 'en'}, true), readManifestJson(own)]).then(([module, en, read]) =>
            module.readWords(read, own, language, en)
          )
        : source
          ? source(name, language)
          : Promise.reject(new Error('no module source was set'))
    );
  return loaded.get(key) as Promise<Modules[K]>;
}

/** The languages whose own words could not be used, told once. */
const told = new Set<string>();

/**
 * The words of `ui` (with `all`, those of every view, else those of the first layer and the
 * re-open control: `Modules`), their files fetched side by side; when they are the site's own
 * and cannot be used (not fetched, a key missing or empty, markup), one console message, and the
 * words of `fallback`, the best built-in language: never an empty label.
 */
export function loadWords({ui, fallback = ui}: {ui: string; fallback?: string}, all = false): Promise<Words> {
  const files = (language: string) =>
    Promise.all([load('words', language), all && load('other-words', language)]).then(([first, other]) => ({
      ...first.default,
      ...(other && other.default),
    }));
  return files(ui).catch((error: unknown) => {
    if (fallback === ui) throw error;
    if (!told.has(ui)) console.warn(`consent-banner: ${(error as Error).message ?? error}, so it speaks ${fallback}`);
    told.add(ui);
    return files(fallback);
  });
}
