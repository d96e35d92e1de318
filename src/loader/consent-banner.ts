import {ConsentController} from '../core/consent-controller.js';
import type {ConsentChoice, ConsentRecord} from '../core/consent.js';
import {loadManifest} from '../core/manifest-loader.js';
import {formatIssue} from '../core/manifest.js';
import type {ManifestIssue} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import {chooseLanguages, matchLanguage} from '../core/language.js';
import {loadUi} from './ui-loader.js';
import type {BannerHost, BannerView} from './ui-loader.js';


declare global {
  interface Window {
    /** The `<consent-banner>` of the page (CONTRACT §5). */
    consentBanner?: ConsentBanner;
  }
}

const ATTRIBUTE_VALUES: Record<string, string[]> = {layout: ['bar', 'box', 'modal'], theme: ['light', 'dark']};

/** The re-open control's label, in each language the UI speaks. */
const REOPEN_LABELS: Record<string, string> = {
  en: 'Cookie settings',
  fr: 'Paramètres des cookies',
  de: 'Cookie-Einstellungen',
  es: 'Configuración de cookies',
  it: 'Impostazioni dei cookie',
  nl: 'Cookie-instellingen',
  pt: 'Definições de cookies',
};

const BUILT_IN = Object.keys(REOPEN_LABELS);

let reopenSheet: CSSStyleSheet | undefined;
function reopenStyles() {
  if (!reopenSheet) {
    reopenSheet = new CSSStyleSheet();
    reopenSheet.replaceSync(
      `.reopen{position:fixed;left:.5rem;bottom:.5rem;z-index:2147483645;min-height:2.75rem;padding:.5rem 1rem;` +
        `font:600 .875rem/1.2 var(--consent-font,system-ui,sans-serif);color:var(--consent-button-text,#fff);` +
        `background:var(--consent-button-background,#0b3d91);border:2px solid currentColor;border-radius:1.5rem;cursor:pointer}` +
        `.reopen:focus-visible{outline:3px solid var(--consent-focus,#0b57d0);outline-offset:2px}`
    );
  }
  return reopenSheet;
}

/**
 * Reads a site's cookie manifest, keeps the visitor's choice and releases tagged scripts and
 * embeds accordingly. This class holds no UI: the banner, the preferences and the placeholders
 * are loaded (lazily, from beside the drop-in) only when something must be shown, so a site that
 * needs no banner, and a returning visitor, pay for the loader alone.
 *
 * @summary Cookie consent driven by a JSON cookie manifest.
 * @attr manifest - URL of the manifest, or `#id` of an inline `<script type="application/json">`.
 * @attr layout - Where the first layer sits: `bar` (bottom, full width; the default), `box` (a
 *   corner box) or `modal` (a centred modal dialog).
 * @attr theme - `light` or `dark` forces a colour scheme; by default it follows `prefers-color-scheme`.
 * @attr reopen - When present, a small persistent "Cookie settings" button opens the preferences.
 * @event consent-ready - The manifest is loaded and the state known.
 * @event consent-change - A decision was made, or a stored one found at start; `detail` is the record.
 * @event consent-error - The manifest could not be loaded or is invalid; nothing that needs consent runs.
 * @csspart banner - The first layer.
 * @csspart preferences - The preferences dialog.
 * @csspart actions - The row of choice buttons.
 * @csspart choice - Every choice button (Accept all, Reject all, Customise, Save), one part for
 *   all so that refusing always looks like accepting (R10).
 * @csspart close - The × buttons.
 * @csspart reopen - The persistent re-open control.
 * @cssprop --consent-background - Background of the banner and dialog.
 * @cssprop --consent-text - Text colour.
 * @cssprop --consent-accent - Link colour.
 * @cssprop --consent-button-background - Background of the choice buttons.
 * @cssprop --consent-button-text - Text colour of the choice buttons.
 * @cssprop --consent-border - Borders and switch outlines.
 * @cssprop --consent-focus - Focus ring.
 * @cssprop --consent-radius - Corner radius.
 * @cssprop --consent-font - Font family.
 */
export class ConsentBanner extends HTMLElement {
  static observedAttributes = ['manifest', 'layout', 'theme', 'reopen'];

  #manifest: string | object | undefined;
  /** The manifest value the current controller (or the load under way) was made from. */
  #requested: unknown = ConsentBanner;
  #loading = 0;
  #controller: ConsentController | undefined;
  #view: Promise<BannerView | undefined> | undefined;
  #blocked = new Map<HTMLIFrameElement | HTMLImageElement, GateTag>();
  #wantsPreferences = false;
  #settled: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    this.attachShadow({mode: 'open'});
  }

  /** The manifest: its URL, `#id` of an inline JSON script, or the manifest object itself. */
  get manifest(): string | object | undefined {
    return this.#manifest;
  }

  set manifest(value: string | object | undefined) {
    this.#manifest = value;
    if (this.isConnected) this.#settled = this.#load();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null) {
    if (name === 'manifest') {
      if (value !== null && value !== this.#manifest) this.manifest = value;
    } else if (name === 'reopen') {
      this.#renderReopen();
    } else if (value !== null && !ATTRIBUTE_VALUES[name].includes(value)) {
      console.warn(
        `consent-banner: ${name}="${value}" is not one of ${ATTRIBUTE_VALUES[name].join(', ')}; the default applies`
      );
    }
  }

  connectedCallback() {
    window.consentBanner = this;
    document.addEventListener('click', this.#onDocumentClick);
    if (this.#requested !== this.#manifest) this.#settled = this.#load();
    else this.#controller?.start();
  }

  disconnectedCallback() {
    document.removeEventListener('click', this.#onDocumentClick);
    this.#controller?.stop();
    if (window.consentBanner === this) delete window.consentBanner;
  }

  /** @internal What `<consent-declaration>` uses to show and change this banner's choice. */
  static hostOf(element: ConsentBanner): BannerHost {
    return element.#host;
  }

  /** Resolves when the manifest is loaded and whatever must be shown is on screen. */
  get updateComplete(): Promise<boolean> {
    return this.#settled.then(() => this.#view).then(() => true);
  }

  /** The visitor's current decision, or `null` when there is none. */
  get consent(): ConsentRecord | null {
    const record = this.#controller?.record;
    return record ? structuredClone(record) : null;
  }

  /** Is this category or service allowed to run now? */
  hasConsent(id: string): boolean {
    return this.#controller?.hasConsent(id) ?? false;
  }

  acceptAll() {
    this.#decide((c) => c.acceptAll('api'));
  }

  rejectAll() {
    this.#decide((c) => c.rejectAll('api'));
  }

  /** Records a choice; categories and services left out keep their current value (else off). */
  save(choice: ConsentChoice = {}) {
    this.#decide((c) => c.decide(choice, 'api'));
  }

  /** Opens the preferences (on a site without a banner, the declaration). */
  showPreferences() {
    if (!this.#controller) {
      this.#wantsPreferences = true;
      return;
    }
    void this.#withView((view) => view.showPreferences());
  }

  /** Forgets the stored choice, deletes the cookies it allowed, and reloads the page. */
  reset() {
    this.#controller?.reset();
  }

  async #load() {
    const ticket = ++this.#loading;
    this.#requested = this.#manifest;
    this.#controller?.stop();
    this.#controller = undefined;
    this.#blocked.clear();
    (await this.#view)?.reset();
    if (this.#manifest === undefined) return;
    const result = await loadManifest(this.#manifest);
    if (ticket !== this.#loading) return;
    if (!result.ok) {
      const message = result.errors.map(formatIssue).join('; ');
      console.error(`consent-banner: cannot use the cookie manifest, so nothing that needs consent will run: ${message}`);
      this.#emit<{message: string; errors: ManifestIssue[]}>('consent-error', {message, errors: result.errors});
      return;
    }
    for (const warning of result.warnings) console.warn(`consent-banner: ${formatIssue(warning)}`);
    const {site} = result.manifest;
    const controller = new ConsentController(result.manifest, {
      onBlocked: this.#onBlocked,
      onReleased: this.#onReleased,
      // The language the UI will speak, recorded with each decision (proof of consent, R32).
      language: chooseLanguages(site.languages, BUILT_IN, this.lang, document.documentElement.lang, navigator.languages).ui,
    });
    this.#controller = controller;
    // A decision made in another tab of the site applies here too.
    controller.onChange((record, source) => {
      if (source !== 'external') return;
      void this.#view?.then((view) => view?.decided());
      this.#renderReopen();
      if (record) this.#emit('consent-change', structuredClone(record));
    });
    // Released scripts never wait for the UI: the gate starts before anything is drawn.
    controller.start();
    // The first layer is queued before `consent-ready` listeners run: one that opens the
    // preferences gets them over the banner, not under it.
    const banner = controller.mustAsk ? this.#withView((view) => view.showBanner()) : undefined;
    this.#emit('consent-ready');
    // A stored choice, or a refusal made just now for a Global Privacy Control signal.
    if (controller.record) this.#emit('consent-change', structuredClone(controller.record));
    this.#renderReopen();
    await banner;
    if (this.#wantsPreferences) {
      this.#wantsPreferences = false;
      this.showPreferences();
    }
  }

  /** Loads the UI once (only when something must be shown) and hands it to `use`. */
  #withView(use: (view: BannerView) => void) {
    this.#view ??= loadUi(this.#controller!.language ?? 'en').then(
      (ui) => ui.createBannerView(this.#host),
      (error: unknown) => {
        console.error(`consent-banner: cannot load the banner's UI, so nothing that needs consent will run: ${error}`);
        return undefined;
      }
    );
    return this.#view.then((view) => {
      if (view && this.#controller) use(view);
    });
  }

  /** What the UI may see and do: the current controller, and decisions that go through here. */
  #host: BannerHost = {
    element: this,
    controller: () => this.#controller,
    decide: (make) => this.#decide(make),
  };

  #decide(make: (controller: ConsentController) => ConsentRecord) {
    const controller = this.#controller;
    if (!controller) {
      console.warn('consent-banner: the manifest is not loaded yet; no decision was recorded');
      return;
    }
    const record = make(controller);
    void this.#view?.then((view) => view?.decided());
    this.#renderReopen();
    this.#emit('consent-change', structuredClone(record));
  }

  /**
   * The persistent re-open control (`reopen` attribute): a small button, drawn by the loader
   * itself so that a returning visitor downloads no UI, that opens the preferences (R26).
   */
  #renderReopen() {
    const root = this.shadowRoot!;
    let button = root.querySelector<HTMLButtonElement>('.reopen');
    if (!this.hasAttribute('reopen') || !this.#controller || this.#controller.mustAsk) {
      button?.remove();
      return;
    }
    if (!button) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, reopenStyles()];
      button = document.createElement('button');
      button.className = 'reopen';
      button.type = 'button';
      button.setAttribute('part', 'reopen');
      button.addEventListener('click', () => this.showPreferences());
      root.prepend(button);
    }
    const wanted = [this.lang, document.documentElement.lang, ...navigator.languages, 'en'];
    button.lang = matchLanguage(wanted, BUILT_IN)!;
    button.textContent = REOPEN_LABELS[button.lang];
  }

  #emit<T>(type: string, detail?: T) {
    this.dispatchEvent(new CustomEvent<T | undefined>(type, {bubbles: true, composed: true, detail}));
  }

  #onDocumentClick = (event: MouseEvent) => {
    const trigger = (event.target as Element | null)?.closest?.('[data-consent-open]');
    if (!trigger) return;
    event.preventDefault();
    this.showPreferences();
  };

  #onBlocked = (element: HTMLIFrameElement | HTMLImageElement, tag: GateTag) => {
    if (!(element instanceof HTMLIFrameElement) || tag.negated) return;
    this.#blocked.set(element, tag);
    void this.#withView((view) => {
      if (this.#blocked.has(element)) view.blocked(element, tag);
    });
  };

  #onReleased = (element: Element) => {
    this.#blocked.delete(element as HTMLIFrameElement);
    void this.#view?.then((view) => view?.released(element));
  };
}
