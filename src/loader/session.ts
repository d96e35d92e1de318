import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import {ConsentRecorder, clearServiceCookies} from '../core/consent-recorder.js';
import type {ConsentState} from '../core/consent-state.js';
import type {LanguageChoice} from '../core/language.js';
import {formatIssue, parseManifest} from '../core/manifest.js';
import type {ManifestIssue} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import type {BannerView, DetailsView, EmbedsView, Modules, ViewHost} from './view.js';

/*
 * What a page view does once something is to be decided or shown, fetched by the loader only
 * then (`dist/consent-banner-core.min.js`): the manifest's full check (a manifest that fails it
 * is refused before anything is shown), the recorder that makes decisions, and the views (first
 * layer, placeholders, preferences, declaration), fetched in the language the loader chose.
 */

/** What the loader's <consent-banner> lends its session. */
export interface SessionHost {
  readonly element: HTMLElement;
  readonly state: ConsentState;
  /** The manifest's JSON, for the full check. */
  readonly json: unknown;
  /** The languages the loader chose (CONTRACT §1). */
  readonly languages: LanguageChoice;
  /** Where the views come from (the loader's module source). */
  load<K extends 'ui' | 'details' | 'embeds'>(name: K, language: string): Promise<Modules[K]>;
  /** The log module, loaded beside this one when the manifest has `log.url`. */
  readonly log?: Modules['log'];
  /** The manifest cannot be used: one console error, `consent-error`, nothing more runs. */
  refuse(errors: ManifestIssue[]): void;
}

export class BannerSession {
  readonly recorder: ConsentRecorder;
  #host: SessionHost;
  #banner: Promise<BannerView | undefined> | undefined;
  #details: Promise<DetailsView | undefined> | undefined;
  #embeds: Promise<EmbedsView | undefined> | undefined;
  #view: ViewHost;

  /** The session of `host`, or `undefined` when the manifest fails the full check (it is then refused). */
  static open(host: SessionHost): BannerSession | undefined {
    const full = parseManifest(host.json);
    if (!full.ok) {
      host.refuse(full.errors);
      return undefined;
    }
    for (const warning of full.warnings) console.warn(`consent-banner: ${formatIssue(warning)}`);
    return new BannerSession(host);
  }

  private constructor(host: SessionHost) {
    this.#host = host;
    const {state, languages} = host;
    this.recorder = new ConsentRecorder(state, {language: languages.ui, log: host.log?.consentLog(state.manifest)});
    this.#view = {
      element: host.element,
      state,
      language: languages.ui,
      textLanguage: languages.texts,
      decide: (choice, method) => void this.decide(choice, method),
      showPreferences: () => void this.showPreferences(),
      preparePreferences: () => void host.load('details', languages.ui).catch(() => {}),
    };
    state.onChange(() => {
      void this.#banner?.then((view) => view?.decided());
      void this.#details?.then((view) => view?.decided());
    });
  }

  /** Records a decision: `all` accepts every consent category, `none` refuses them. */
  decide(choice: ConsentChoice | 'all' | 'none', method: ConsentMethod): ConsentRecord {
    const {recorder} = this;
    return choice === 'all' ? recorder.acceptAll(method) : choice === 'none' ? recorder.rejectAll(method) : recorder.decide(choice, method);
  }

  /** Deletes the declared cookies of withdrawn services (the state reloads the page after). */
  clear(services: string[]) {
    clearServiceCookies(this.#host.state.manifest, services);
  }

  showBanner() {
    return this.#bannerView().then((view) => view?.showBanner());
  }

  showPreferences() {
    this.#details ??= this.#load('details', (m) => m.createDetailsView(this.#view));
    return this.#details.then((view) => view?.showPreferences());
  }

  blocked(element: HTMLIFrameElement, tag: GateTag) {
    this.#embeds ??= this.#load('embeds', (m) => m.createEmbedsView(this.#view));
    return this.#embeds.then((view) => view?.blocked(element, tag));
  }

  released(element: Element) {
    return this.#embeds?.then((view) => view?.released(element));
  }

  /** Draws the cookie declaration into `element` (a <consent-declaration>). */
  declare(element: HTMLElement) {
    return this.#load('details', (m) => m.renderDeclaration(element, this.#view));
  }

  /** Resolves when what was asked of the views is on screen. */
  settled(): Promise<unknown> {
    return Promise.all([this.#banner, this.#details, this.#embeds]);
  }

  /** The manifest changed: forget everything drawn. */
  reset() {
    for (const view of [this.#banner, this.#details, this.#embeds]) void view?.then((v) => v?.reset());
  }

  #bannerView() {
    return (this.#banner ??= this.#load('ui', (m) => m.createBannerView(this.#view)));
  }

  #load<K extends 'ui' | 'details' | 'embeds', T>(name: K, use: (module: Modules[K]) => T): Promise<T | undefined> {
    return this.#host.load(name, this.#view.language).then(use, (error: unknown) => {
      console.error(`consent-banner: cannot load the banner's UI, so nothing that needs consent will run: ${error}`);
      return undefined;
    });
  }
}
