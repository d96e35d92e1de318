import type {ConsentChoice, ConsentMethod, ConsentRecord} from './core/consent.js';
import type {Manifest} from './core/manifest.types.js';
import type {GateTag} from './core/script-gate.js';

/*
 * The contract between the loader (src/loader/, downloaded on every page view) and the views it
 * fetches when they are needed (src/ui/: the first layer, the embeds' placeholders, the preferences
 * with the declaration, the re-open control). Both sides import this file and nothing of each
 * other: the loader picks the languages once and hands a view plain data, a read-only view of the
 * consent state, and one `decide(choice, method)`; a view draws, and forwards what the visitor
 * does. src/loader/modules.ts says where each view's file comes from.
 */

/** The languages the UI's own words are built in for (README, “Drop it in”); the drop-in has one file of each view per language. */
export const UI_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];

/** What a view may read of the page's consent state (src/core/consent-state.ts): nothing it can change. */
export interface ConsentView {
  readonly manifest: Manifest;
  /** The stored choice in force, or null when there is none. */
  readonly record: ConsentRecord | null;
  /** Whether a browser privacy signal (GPC, ADPC) decided for the visitor. */
  readonly gpcHonoured: boolean;
  /**
   * The purposes (consent categories) the banner asks about, each with why: `new` (never
   * answered), `changed` since the answer, or `expired`. Empty when there is nothing to ask.
   */
  readonly asking: ReadonlyMap<string, 'new' | 'changed' | 'expired'>;
  /** Whether the category or service `id` may run now. */
  hasConsent(id: string): boolean;
}

/** What a view is given: plain data, the page's consent state to read, and one way to decide. */
export interface ViewHost {
  /** The `<consent-banner>`: the banner's views draw into its shadow root. */
  readonly element: HTMLElement;
  /** The manifest, the current record and `hasConsent`: views read it, and cannot change it. */
  readonly state: ConsentView;
  /** The language of the UI's own words (one of UI_LANGUAGES), chosen once by the loader. */
  readonly language: string;
  /** The language of the manifest's texts (one of `site.languages`). */
  readonly textLanguage: string;
  /** A link of the manifest (a policy) as the visitor follows it: absolute, resolved against the manifest's URL. */
  href(link: string): string;
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
