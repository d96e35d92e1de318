import {ConsentState} from '../browser/state.js';
import type {ConsentChoice, ConsentRecord} from '../core/consent.js';
import {formatIssue} from '../core/manifest-essentials.js';
import type {ManifestIssue} from '../core/manifest.types.js';
import {heldKind} from '../core/held-kinds.js';
import type {GateTag} from '../core/script-gate.js';
import {ElementBase} from './element-base.js';
import {lazy} from './lazy.js';
import type {Lazy} from './lazy.js';
import {load, loadWords, setSiteWords} from './modules.js';
import {languagesFor, manifestFor, signalToRead} from './prefetch.js';
import type {BannerSession} from './session.js';

declare global {
  interface Window {
    /** The `<consent-banner>` of the page (README, “Events and API”). */
    consentBanner?: ConsentBanner;
  }
}

/**
 * Reads a site's cookie manifest, keeps the visitor's choice and releases tagged scripts and
 * embeds accordingly. This class holds no UI and makes no decision: the session that does
 * (loader/session.ts: the full check, the recorder, the views) is fetched from beside the drop-in
 * only when something is to be decided or shown, so a site that needs no banner, and a returning
 * visitor, pay for the loader alone.
 *
 * @summary Cookie consent driven by a JSON cookie manifest.
 * @attr manifest - URL of the manifest, or `#id` of an inline `<script type="application/json">`.
 * @attr layout - Where the first layer sits: `bar` (bottom, full width; the default), `box` (a
 *   corner box), `modal` (a centred modal dialog) or `cloud` (a floating box at the bottom, centred).
 * @attr theme - `light` or `dark` forces a colour scheme; by default it follows `prefers-color-scheme`.
 * @attr accent - The brand colour (any CSS colour), as `--consent-accent`; the property wins.
 * @attr reopen - When present, a small persistent "Cookie settings" button opens the preferences.
 * @event consent-ready - The manifest is loaded and the state known.
 * @event consent-change - A decision was made, or a stored one found at start; `detail` is the record.
 * @event consent-error - The manifest could not be loaded or is invalid; nothing that needs consent runs.
 * @csspart banner - The first layer.
 * @csspart preferences - The preferences dialog.
 * @csspart actions - The choice buttons.
 * @csspart choice - Accept all and Reject all (and the preferences' choices), one part for both so
 *   that refusing always looks like accepting (R10).
 * @csspart customise - The first layer's Customise: the same size, a quieter style.
 * @csspart close - The × buttons.
 * @csspart reopen - The persistent re-open control.
 * @cssprop --consent-background - Background of the banner and dialog.
 * @cssprop --consent-text - Text colour.
 * @cssprop --consent-accent - The brand colour: by default the choice buttons' background (with black or
 *   white text), and links, focus rings and switches (in a darker or lighter shade where it lacks contrast).
 * @cssprop --consent-button-background - Background of the choice buttons (default: the accent).
 * @cssprop --consent-button-text - Text colour of the choice buttons (default: black or white on the accent).
 * @cssprop --consent-border - Borders and switch outlines.
 * @cssprop --consent-focus - Focus ring (default: from the accent).
 * @cssprop --consent-radius - Corner radius.
 * @cssprop --consent-font - Font family.
 */
export class ConsentBanner extends ElementBase {
  static observedAttributes = ['manifest', 'layout', 'theme', 'reopen'];

  #manifest: string | object | undefined;
  /** The manifest value the current state (or the load under way) was made from. */
  #requested: unknown = ConsentBanner;
  /** The load of the manifest under way: a newer one aborts it, and what it awaited is then dropped. */
  #loading = new AbortController();
  #state: ConsentState | undefined;
  /** The manifest's JSON, for the session's full check. */
  #json: unknown;
  /** The manifest's URL (the page's for an inline or object manifest): its relative links resolve against it. */
  #base: string | undefined;
  /** The session of the current state, loaded once (`#openSession`): once it is, decisions are recorded at once. */
  #session: Lazy<BannerSession> | undefined;
  #wantsPreferences = false;
  #settled: Promise<unknown> = Promise.resolve();
  #reopen: Promise<unknown> = Promise.resolve();

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
    if (this.isConnected) this.#settled = this.#loadManifest();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null) {
    // layout and theme are read (and checked) by the views when they draw.
    if (name === 'reopen') this.#drawReopen();
    else if (name === 'manifest' && value !== null && value !== this.#manifest) this.manifest = value;
  }

  connectedCallback() {
    window.consentBanner = this;
    document.addEventListener('click', this.#onDocumentClick);
    if (this.#requested !== this.#manifest) this.#settled = this.#loadManifest();
    else this.#state?.start();
  }

  disconnectedCallback() {
    document.removeEventListener('click', this.#onDocumentClick);
    this.#state?.stop();
    if (window.consentBanner === this) delete window.consentBanner;
  }

  /** @internal The session that draws `<consent-declaration>`, once the manifest is known. */
  static sessionOf(element: ConsentBanner): Promise<BannerSession | undefined> | undefined {
    return element.#state && element.#session?.get();
  }

  /** Resolves when the manifest is loaded and whatever must be shown is on screen. */
  get updateComplete(): Promise<boolean> {
    return this.#settled
      .then(() => this.#session?.started)
      .then((session) => session?.settled())
      .then(() => this.#reopen)
      .then(() => true);
  }

  /** The visitor's current decision, or `null` when there is none. */
  get consent(): ConsentRecord | null {
    const record = this.#state?.record;
    return record ? structuredClone(record) : null;
  }

  /** Is this category or service allowed to run now? */
  hasConsent(id: string): boolean {
    return this.#state?.hasConsent(id) ?? false;
  }

  /** Accepts every consent category; resolves with the new record (recorded at once when the session is loaded). */
  acceptAll(): Promise<ConsentRecord | undefined> {
    return this.#record('all');
  }

  /** Refuses every consent category; resolves with the new record. */
  rejectAll(): Promise<ConsentRecord | undefined> {
    return this.#record('none');
  }

  /** Records a choice; categories and services left out keep their current value (else off). */
  save(choice: ConsentChoice = {}): Promise<ConsentRecord | undefined> {
    return this.#record(choice);
  }

  /** Opens the preferences (on a site without a banner, the declaration). */
  showPreferences() {
    if (this.#state) void this.#withSession((session) => session.showPreferences());
    else this.#wantsPreferences = true;
  }

  /** Forgets the stored choice, deletes the cookies it allowed, and reloads the page. */
  reset() {
    void this.#withSession((session) => session.forget());
  }

  async #loadManifest() {
    this.#loading.abort();
    const {signal} = (this.#loading = new AbortController());
    this.#requested = this.#manifest;
    this.#state?.stop();
    const session = this.#session;
    this.#state = this.#json = this.#session = undefined;
    // The re-open control is drawn anew, in the language the banner now has.
    this.shadowRoot!.querySelector('.reopen')?.remove();
    (await session?.started)?.resetViews();
    if (this.#manifest === undefined) return;
    const {errors, json, base, manifest} = await manifestFor(this.#manifest);
    if (signal.aborted) return;
    this.#json = json;
    this.#base = base;
    // The site's own words, for languages the banner lacks: fetched (and checked) when needed.
    if (manifest) setSiteWords(manifest.words, base!);
    // Not fit to decide what runs: the full check (the session's module) names the problem.
    if (!manifest) return this.#refuse(errors);
    // Consent Mode and the tag-manager event are told before anything is released (R37).
    const mode = manifest.consentMode || manifest.dataLayerEvent ? await load('mode').catch((error) => error) : undefined;
    if (signal.aborted) return;
    if (mode instanceof Error) return this.#refuse([{path: 'consentMode', message: `cannot reach the page's tags (${mode.message})`}]);
    const state = new ConsentState(manifest, {
      signals: mode?.dataLayerSignals(),
      onBlocked: this.#onBlocked,
      onReleased: (element) => void this.#session?.ready?.released(element),
      clear: (services) => this.#withSession((session) => session.clear(services)),
    });
    this.#state = state;
    this.#session = lazy(() => this.#openSession(state));
    state.onChange((record) => {
      this.#drawReopen();
      if (record) this.#emit('consent-change', structuredClone(record));
    });
    // A visitor to ask: the whole manifest is checked before anything starts, since it is
    // about to be shown; a browser privacy signal that refuses is the answer (R35).
    if (state.mustAsk) {
      const opened = await this.#session.get();
      if (signal.aborted || this.#state !== state) return;
      if (signalToRead(state)) await opened?.honourSignals();
      if (signal.aborted || this.#state !== state) return;
    }
    // A record an earlier page view could not send to the log goes now (the recorder sends it).
    if (manifest.log && hasPendingLog(manifest.cookie.name)) void this.#withSession((session) => session.loadRecorder());
    // Released scripts never wait for the UI: the gate starts before anything is drawn.
    state.start();
    // The first layer is queued before `consent-ready` listeners run: one that opens the
    // preferences gets them over the banner, not under it.
    const banner = state.mustAsk ? this.#withSession((session) => session.showBanner()) : undefined;
    this.#emit('consent-ready');
    // A stored choice, or a refusal made just now for a Global Privacy Control signal.
    if (state.record) this.#emit('consent-change', structuredClone(state.record));
    this.#drawReopen();
    await banner;
    if (this.#wantsPreferences) {
      this.#wantsPreferences = false;
      this.showPreferences();
    }
  }

  /**
   * The manifest cannot be used: one console error, `consent-error`, and nothing that needs
   * consent runs. Without `errors`, the full check with its messages (the `check` module) names the problem.
   */
  async #refuse(errors?: ManifestIssue[]) {
    const {signal} = this.#loading;
    this.#state?.stop();
    this.#state = undefined;
    const issues: ManifestIssue[] =
      errors ??
      (await load('check').then(
        (check) => (check.parseManifest(this.#json, {base: this.#base}) as {errors?: ManifestIssue[]}).errors ?? [],
        (error) => [{path: 'manifest', message: `cannot be checked (${error})`}]
      ));
    if (signal.aborted) return;
    const message = issues.map(formatIssue).join('; ');
    console.error(`consent-banner: cannot use the cookie manifest, so nothing that needs consent will run: ${message}`);
    this.#emit<{message: string; errors: ManifestIssue[]}>('consent-error', {message, errors: issues});
  }

  /**
   * The session (loaded once, when something is to be decided or shown): the manifest's full
   * check, the recorder and the views. `undefined` when it cannot be loaded (one console error),
   * or when the manifest fails the check (it is then refused).
   */
  #openSession(state: ConsentState): Promise<BannerSession | undefined> {
    return load('session').then(
      (module) => {
        if (this.#state !== state) return undefined;
        return module.BannerSession.open({
          element: this,
          state,
          json: this.#json,
          base: this.#base!,
          languages: languagesFor(state.manifest, this.lang),
          load,
          loadWords,
          refuse: () => this.#refuse(),
        });
      },
      (error: unknown) => {
        console.error(`consent-banner: cannot load the consent recorder, so no decision can be recorded: ${error}`);
        return undefined;
      }
    );
  }

  /** Hands the session to `use`: at once when it is loaded (a decision is recorded before this returns), else once it is. */
  #withSession<T>(use: (session: BannerSession) => T): Promise<Awaited<T> | undefined> {
    if (this.#state) return this.#session!.use(use);
    console.warn('consent-banner: the manifest is not loaded yet; no decision was recorded');
    return Promise.resolve(undefined);
  }

  #record(choice: ConsentChoice | 'all' | 'none') {
    return this.#withSession((session) => session.record(choice, 'api'));
  }

  /**
   * The persistent re-open control (`reopen` attribute): a small button that opens the
   * preferences (R26), drawn by a module of its own once the visitor has answered.
   */
  #drawReopen() {
    const state = this.#state;
    const button = this.shadowRoot!.querySelector('.reopen');
    if (!this.hasAttribute('reopen') || !state || state.mustAsk) return button?.remove();
    if (button) return;
    // The control and its words, fetched together.
    this.#reopen = Promise.all([load('reopen'), loadWords(languagesFor(state.manifest, this.lang))]).then(
      ([reopen, words]) => {
        if (this.#state === state && !this.shadowRoot!.querySelector('.reopen'))
          reopen.drawReopen(
            this,
            words,
            () => this.showPreferences(),
            (on, frame) => void this.#session?.started?.then((session) => session?.paintAccent(on, frame))
          );
      },
      (error: unknown) => console.error(`consent-banner: cannot load the banner's UI, so the re-open control is missing: ${error}`)
    );
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

  #onBlocked = (element: Element, tag: GateTag) => {
    if (heldKind(element.localName)?.placeholder && !tag.negated)
      void this.#withSession((session) => session.blocked(element as HTMLElement, tag));
  };
}

/** Does a record wait in localStorage for the site's log (src/browser/log.ts's `pendingKey`)? */
function hasPendingLog(cookieName: string) {
  try {
    return localStorage.getItem(`${cookieName}-log`) !== null;
  } catch {
    return false;
  }
}
