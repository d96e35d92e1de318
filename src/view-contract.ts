import type {ConsentChoice, ConsentMethod, ConsentRecord} from './core/consent.js';
import type {Plural, UnitWords} from './core/duration-units.js';
import type {Manifest} from './core/manifest.types.js';
import type {GateTag} from './core/script-gate.js';

/*
 * The contract between the loader (src/loader/, downloaded on every page view) and the views it
 * fetches when they are needed (src/ui/: the first layer, the embeds' placeholders, the preferences
 * with the declaration, the re-open control). Both sides import this file and nothing of each
 * other: the loader picks the languages once and hands a view plain data, the words of its
 * language, a read-only view of the consent state, and one `record(choice, method)`; a view
 * draws, and forwards what the visitor does. src/loader/modules.ts says where each view's file
 * comes from; a view's file holds no words: they are a file of their own per language (`words`),
 * fetched beside the view that needs them.
 */

/** What a view may read of the page's consent state (src/browser/state.ts): nothing it can change. */
export interface ConsentView {
  readonly manifest: Manifest;
  /** The stored choice in force, or null when there is none. */
  readonly record: ConsentRecord | null;
  /** The browser privacy signal the current answer was recorded for (Global Privacy Control, ADPC), or `null`. */
  readonly signalHonoured: 'gpc' | 'adpc' | null;
  /**
   * The purposes (consent categories) the banner asks about, each with why: `new` (never
   * answered), `changed` since the answer, or `expired`. Empty when there is nothing to ask.
   */
  readonly asking: ReadonlyMap<string, 'new' | 'changed' | 'expired'>;
  /** Whether the category or service `id` may run now. */
  hasConsent(id: string): boolean;
}

/** What a view is given: plain data, the words of its language, the page's consent state to read, and one way to record a decision. */
export interface ViewHost {
  /** The `<consent-banner>`: the banner's views draw into its shadow root. */
  readonly element: HTMLElement;
  /** The manifest, the current record and `hasConsent`: views read it, and cannot change it. */
  readonly state: ConsentView;
  /** The UI's own words, in the language the loader chose once (one of UI_LANGUAGES: `words.$code`). */
  readonly words: Words;
  /** The language of the manifest's texts (one of `site.languages`). */
  readonly textLanguage: string;
  /** A link of the manifest (a policy) as the visitor follows it: absolute, resolved against the manifest's URL. */
  href(link: string): string;
  /**
   * Sets the colours derived from the site's accent (src/browser/accent.ts) on `frame`, read from
   * `on` (its `--consent-accent`, else the banner's), for text on `surface`: the session's, for
   * every view. Where the page sets no accent and no background, the sheets' default colours stand
   * and no colour code is fetched.
   */
  paintAccent(on: Element, frame: HTMLElement, surface?: Element): void;
  /** Records the visitor's decision: `all` accepts every consent category, `none` refuses them. */
  record(choice: ConsentChoice | 'all' | 'none', method: ConsentMethod): void;
  showPreferences(): void;
  /** The visitor is about to ask for the preferences (a pointer over "Customise", or focus on it): fetch them now. */
  preparePreferences(): void;
  /** The visitor is about to decide (a pointer over the first layer, or focus in it): fetch the recorder now. */
  prepareRecorder(): void;
}

/** The first layer (`first-layer`). */
export interface FirstLayerView {
  showBanner(): void;
  /** A decision was recorded: close what is open and say so. */
  recorded(): void;
  /** The manifest changed: forget everything drawn. */
  reset(): void;
}

/** The placeholders of blocked embeds (`embeds`). */
export interface EmbedsView {
  /** An embed stays blocked: put a placeholder in its place. */
  blocked(element: HTMLElement, tag: GateTag): void;
  released(element: Element): void;
  reset(): void;
}

/** The preferences (`preferences`). */
export interface PreferencesView {
  showPreferences(): void;
  recorded(): void;
  reset(): void;
}

export interface FirstLayerModule {
  createFirstLayer(host: ViewHost): FirstLayerView;
}

export interface EmbedsModule {
  createEmbeds(host: ViewHost): EmbedsView;
}

export interface ReopenModule {
  /** Draws the persistent re-open control into `element`'s shadow root, in the language of `words` (R26). */
  drawReopen(element: HTMLElement, words: Words, open: () => void, paint?: (on: Element, frame: HTMLElement) => void): void;
}

export interface PreferencesModule {
  createPreferences(host: ViewHost): PreferencesView;
  /** Draws the cookie declaration into `element`'s shadow root, from `host`'s manifest and choice. */
  renderDeclaration(element: HTMLElement, host: ViewHost): void;
}

/** Words of one language (`words`, `other-words`: files per language of UI_LANGUAGES, loader/modules.ts). */
export interface WordsModule {
  default: Words;
}

/** The direction a language is written in (a right-to-left language says `rtl`). */
export type Direction = 'ltr' | 'rtl';

/** A text in each plural form a language has (src/core/duration-units.ts). */
export type {Plural};

/**
 * The UI's own words in one language, as src/i18n/<language>.json holds them (their schema,
 * schema/words.schema.json, says what each key is): its tag, its name in itself and its direction
 * (the views set `lang` and `dir` from them, never from the page), then every key, plain text
 * (never markup) with named placeholders (`{site}`) that the views fill in as text.
 */
export interface Words {
  $code: string;
  $name: string;
  $dir: Direction;
  // The first layer.
  /** {site} */
  bannerTitle: string;
  /** {site}, {purposes} */
  bannerIntro: string;
  bannerAlwaysOn: string;
  /** {purposes} */
  bannerExemptOn: string;
  and: string;
  semicolon: string;
  bannerChangeMind: string;
  bannerCloseMeansRefuse: string;
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  customise: string;
  close: string;
  saved: string;
  /** {purposes} */
  bannerNew: string;
  /** {purposes} */
  bannerChanged: string;
  // The preferences and the declaration.
  closePreferences: string;
  preferencesTitle: string;
  declarationTitle: string;
  preferencesIntro: string;
  declarationIntro: string;
  save: string;
  alwaysOn: string;
  exemptionLabel: string;
  /** {service} */
  allowService: string;
  /** {service} */
  servicePolicy: string;
  cookieName: string;
  cookieDuration: string;
  cookiePurpose: string;
  session: string;
  /** {domain} */
  thirdParty: string;
  noCookies: string;
  consentId: string;
  basisConsent: string;
  basisNecessary: string;
  basisExempt: string;
  legalBasis: string;
  yourChoice: string;
  changeChoices: string;
  provider: string;
  signalHonoured: string;
  /** {count} */
  services: Plural;
  // A blocked embed's placeholder.
  /** {service}, {provider}, {purpose} */
  placeholder: string;
  /** {service} */
  placeholderButton: string;
  // The persistent re-open control.
  reopen: string;
  // A purpose's state, as a label: in the preferences beside its switch, in the declaration.
  stateAccepted: string;
  stateRefused: string;
  stateNotChosen: string;
  /** Optional: the units of a lifetime in words, where the browser's Intl lacks them (ga, is, mt). */
  units?: UnitWords;
}
