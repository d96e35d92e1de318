import type {consentLog} from '../core/consent-log.js';
import type {dataLayerSignals} from '../core/consent-mode.js';
import type {ConsentRecorder, clearServiceCookies} from '../core/consent-recorder.js';
import type {parseManifest} from '../core/manifest.js';
import type {BannerModule, DetailsModule, EmbedsModule, ReopenModule} from '../view-contract.js';
import type {BannerSession} from './session.js';

/*
 * The seam between the loader (downloaded on every page view) and what it fetches only when it is
 * needed: the session that checks the whole manifest and draws the views (`core`), the recorder
 * that makes decisions (`recorder`), Consent Mode (`mode`), the site's consent log (`log`), and,
 * one file per language,
 * the first layer (`ui`), the embeds' placeholders (`embeds`), the preferences with the cookie
 * declaration (`details`) and the re-open control (`reopen`). The entry
 * points say where they come from: the drop-in imports `consent-banner-<name>[.<language>].min.js`
 * from beside its own URL, the npm module imports its own chunks.
 */

export interface CoreModule {
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
  core: CoreModule;
  recorder: RecorderModule;
  mode: ModeModule;
  log: LogModule;
  ui: BannerModule;
  embeds: EmbedsModule;
  reopen: ReopenModule;
  details: DetailsModule;
}

type Source = <K extends keyof Modules>(name: K, language: string) => Promise<Modules[K]>;

let source: Source | undefined;
const loaded = new Map<string, Promise<unknown>>();

/** Says where the modules come from; the first entry point to call it wins. */
export function setModuleSource(from: Source) {
  source ??= from;
}

/** A module (the views: in `language`, one of UI_LANGUAGES), fetched once, on first use. */
export function load<K extends keyof Modules>(name: K, language = ''): Promise<Modules[K]> {
  const key = name + language;
  if (!loaded.has(key)) loaded.set(key, source ? source(name, language) : Promise.reject(new Error('no module source was set')));
  return loaded.get(key) as Promise<Modules[K]>;
}
