import type {consentLog} from '../browser/log.js';
import type {dataLayerSignals} from '../browser/mode.js';
import type {ConsentRecorder, clearServiceCookies} from '../browser/recorder.js';
import type {EmbedsModule, FirstLayerModule, PreferencesModule, ReopenModule, WordsModule} from '../view-contract.js';
import type {BannerSession, parseManifest} from './session.js';

/*
 * The seam between the loader (downloaded on every page view) and what it fetches only when it is
 * needed, each module named for what it is: the `session` that checks the whole manifest and
 * draws the views, the `recorder` that records decisions, Consent Mode (`mode`), the site's
 * consent log (`log`), the views (the `first-layer`, the `embeds`' placeholders, the
 * `preferences` with the cookie declaration, the `reopen` control) and their `words`, one file
 * per language, fetched beside the view that needs them, never after it. The entry points say
 * where they come from: the drop-in imports `consent-banner-<name>[.<language>].min.js` from
 * beside its own URL (only `words` has a language), the npm module imports its own chunks.
 */

export interface SessionModule {
  /** The full check, run before anything is shown or decided. */
  parseManifest: typeof parseManifest;
  BannerSession: typeof BannerSession;
}

export interface RecorderModule {
  ConsentRecorder: typeof ConsentRecorder;
  clearServiceCookies: typeof clearServiceCookies;
}

export interface LogModule {
  consentLog: typeof consentLog;
}

export interface ModeModule {
  dataLayerSignals: typeof dataLayerSignals;
}

export interface Modules {
  session: SessionModule;
  recorder: RecorderModule;
  mode: ModeModule;
  log: LogModule;
  'first-layer': FirstLayerModule;
  embeds: EmbedsModule;
  preferences: PreferencesModule;
  reopen: ReopenModule;
  words: WordsModule;
}

type Source = <K extends keyof Modules>(name: K, language: string) => Promise<Modules[K]>;

let source: Source | undefined;
const loaded = new Map<string, Promise<unknown>>();

/** Says where the modules come from; the first entry point to call it wins. */
export function setModuleSource(from: Source) {
  source ??= from;
}

/** A module (`words`: in `language`, one of UI_LANGUAGES), fetched once, on first use. */
export function load<K extends keyof Modules>(name: K, language = ''): Promise<Modules[K]> {
  const key = name + language;
  if (!loaded.has(key)) loaded.set(key, source ? source(name, language) : Promise.reject(new Error('no module source was set')));
  return loaded.get(key) as Promise<Modules[K]>;
}
