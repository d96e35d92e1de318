import type {ConsentController} from '../core/consent-controller.js';
import type {ConsentRecord} from '../core/consent.js';
import type {GateTag} from '../core/script-gate.js';

/*
 * The seam between the loader (always downloaded) and the UI (downloaded only when something must
 * be shown). The entry points say where the UI comes from: the drop-in imports
 * `consent-banner-ui.<language>.min.js` from beside its own URL, the npm module imports its own chunk.
 */

/** What the loader's element lends to its UI. */
export interface BannerHost {
  /** The `<consent-banner>`; the UI draws into its shadow root. */
  readonly element: HTMLElement;
  /** The current controller; `undefined` while a manifest loads or after it failed. */
  controller(): ConsentController | undefined;
  /** Records a decision, tells the UI and announces it (`consent-change`). */
  decide(make: (controller: ConsentController) => ConsentRecord): void;
}

/** The banner's UI, as the loader drives it. */
export interface BannerView {
  showBanner(): void;
  showPreferences(): void;
  /** A decision was recorded: close what is open and say so. */
  decided(): void;
  /** An embed stays blocked: put a placeholder before it. */
  blocked(element: HTMLIFrameElement | HTMLImageElement, tag: GateTag): void;
  released(element: Element): void;
  /** The manifest changed: forget everything drawn. */
  reset(): void;
}

/** The UI module (`src/ui/index.ts`). */
export interface UiModule {
  createBannerView(host: BannerHost): BannerView;
  /** Draws the cookie declaration into `element`'s shadow root, from `host`'s manifest and choice. */
  renderDeclaration(element: HTMLElement, host: BannerHost): void;
}

let load: ((language: string) => Promise<UiModule>) | undefined;
let loading: Promise<UiModule> | undefined;

/**
 * Says how to fetch the UI module for a language (the drop-in has one file per built-in
 * language, so a visitor downloads the words of one language only); called by each entry point.
 */
export function setUiLoader(loader: (language: string) => Promise<UiModule>) {
  load ??= loader;
}

/** The UI module speaking `language` (a built-in UI language), fetched on first use. */
export function loadUi(language: string): Promise<UiModule> {
  loading ??= load ? load(language) : Promise.reject(new Error('no UI loader was set'));
  return loading;
}
