import type {ConsentChoice, ConsentMethod} from '../core/consent.js';
import type {ConsentState} from '../core/consent-state.js';
import type {consentLog} from '../core/consent-log.js';
import type {dataLayerSignals} from '../core/consent-mode.js';
import type {ConsentRecorder, clearServiceCookies} from '../core/consent-recorder.js';
import type {parseManifest} from '../core/manifest.js';
import type {GateTag} from '../core/script-gate.js';
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

/** The languages the UI's own words are built in for (CONTRACT §1); the drop-in has one file of each view per language. */
export const UI_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];

/** What a view is given: plain data, the page's consent state to read, and one way to decide. */
export interface ViewHost {
  /** The `<consent-banner>`: the banner's views draw into its shadow root. */
  readonly element: HTMLElement;
  /** The manifest, the current record and `hasConsent`; views read it and never change it. */
  readonly state: ConsentState;
  /** The language of the UI's own words (one of UI_LANGUAGES), chosen once by the loader. */
  readonly language: string;
  /** The language of the manifest's texts (one of `site.languages`). */
  readonly textLanguage: string;
  /** Records the visitor's decision: `all` accepts every consent category, `none` refuses them. */
  decide(choice: ConsentChoice | 'all' | 'none', method: ConsentMethod): void;
  showPreferences(): void;
  /** The visitor is about to ask for the preferences (a pointer over "Customise", or focus on it): fetch them now. */
  preparePreferences(): void;
  /** The visitor is about to decide (a pointer over the first layer, or focus in it): fetch the recorder now. */
  prepareDecision(): void;
}

/** The first layer (`ui`). */
export interface BannerView {
  showBanner(): void;
  /** A decision was recorded: close what is open and say so. */
  decided(): void;
  /** The manifest changed: forget everything drawn. */
  reset(): void;
}

/** The placeholders of blocked embeds (`embeds`). */
export interface EmbedsView {
  /** An embed stays blocked: put a placeholder in its place. */
  blocked(element: HTMLIFrameElement, tag: GateTag): void;
  released(element: Element): void;
  reset(): void;
}

/** The preferences (`details`). */
export interface DetailsView {
  showPreferences(): void;
  decided(): void;
  reset(): void;
}

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

export interface BannerModule {
  createBannerView(host: ViewHost): BannerView;
}

export interface EmbedsModule {
  createEmbedsView(host: ViewHost): EmbedsView;
}

export interface ReopenModule {
  /** Draws the persistent re-open control into `element`'s shadow root (R26). */
  drawReopen(element: HTMLElement, language: string, open: () => void): void;
}

export interface DetailsModule {
  createDetailsView(host: ViewHost): DetailsView;
  /** Draws the cookie declaration into `element`'s shadow root, from `host`'s manifest and choice. */
  renderDeclaration(element: HTMLElement, host: ViewHost): void;
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
