import {LitElement, html, nothing} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {ConsentController} from '../core/consent-controller.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import {formatDuration} from '../core/duration.js';
import {matchLanguage, pickLanguage} from '../core/language.js';
import {loadManifest} from '../core/manifest-loader.js';
import {formatIssue, resolveText} from '../core/manifest.js';
import type {Category, CookieDeclaration, Manifest, ManifestIssue, Service, Text} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import {styles} from './consent-banner.styles.js';
import {ConsentPlaceholder} from './consent-placeholder.js';
import {UI_STRINGS} from './strings.js';
import type {UiStrings} from './strings.js';

/** `detail` of `consent-change`: the decision, as stored (CONTRACT §5). */
export type ConsentChangeDetail = ConsentRecord;

/** `detail` of `consent-error`: what is wrong with the manifest, with JSON paths. */
export interface ConsentErrorDetail {
  message: string;
  errors: ManifestIssue[];
}

declare global {
  interface Window {
    /** The `<consent-banner>` of the page (CONTRACT §5). */
    consentBanner?: ConsentBanner;
  }
}

type Draft = Required<ConsentChoice>;

const PLACEHOLDER_TAG = 'consent-placeholder';

/**
 * Reads a site's cookie manifest, shows a banner only when the site needs consent, keeps the
 * visitor's choice, and releases tagged scripts and embeds accordingly.
 *
 * @summary Cookie consent driven by a JSON cookie manifest.
 * @event consent-ready - The manifest is loaded and the state known.
 * @event consent-change - A decision was made, or a stored one found at start; `detail` is the record.
 * @event consent-error - The manifest could not be loaded or is invalid; nothing that needs consent runs.
 * @csspart banner - The first layer.
 * @csspart preferences - The preferences dialog.
 * @csspart actions - The row of choice buttons.
 * @cssproperty --consent-background - Background of the banner and dialog.
 * @cssproperty --consent-text - Text colour.
 * @cssproperty --consent-accent - Link colour.
 * @cssproperty --consent-button-background - Background of the choice buttons.
 * @cssproperty --consent-button-text - Text colour of the choice buttons.
 * @cssproperty --consent-border - Borders and switch outlines.
 * @cssproperty --consent-focus - Focus ring.
 * @cssproperty --consent-radius - Corner radius.
 * @cssproperty --consent-font - Font family.
 */
export class ConsentBanner extends LitElement {
  static override styles = styles;

  static override properties = {
    manifest: {},
    _controller: {state: true},
    _bannerOpen: {state: true},
    _preferencesOpen: {state: true},
    _draft: {state: true},
    _status: {state: true},
  };

  /** The manifest: its URL, `#id` of an inline JSON script, or the manifest object itself. */
  declare manifest: string | object | undefined;

  declare _controller: ConsentController | undefined;
  declare _bannerOpen: boolean;
  declare _preferencesOpen: boolean;
  declare _draft: Draft;
  declare _status: string;

  #language = 'en';
  #strings: UiStrings = UI_STRINGS.en;
  #placeholders = new Map<Element, ConsentPlaceholder>();
  #loading = 0;
  #wantsPreferences = false;

  constructor() {
    super();
    this._bannerOpen = false;
    this._preferencesOpen = false;
    this._draft = {categories: {}, services: {}};
    this._status = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    window.consentBanner = this;
    document.addEventListener('click', this.#onDocumentClick);
    this._controller?.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.#onDocumentClick);
    this._controller?.stop();
    if (window.consentBanner === this) delete window.consentBanner;
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('manifest')) void this.#load();
  }

  override updated() {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.preferences');
    if (dialog && this._preferencesOpen && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('h2')?.focus();
    }
  }

  /** The visitor's current decision, or `null` when there is none. */
  get consent(): ConsentRecord | null {
    const record = this._controller?.record;
    return record ? structuredClone(record) : null;
  }

  /** Is this category or service allowed to run now? */
  hasConsent(id: string): boolean {
    return this._controller?.hasConsent(id) ?? false;
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
    if (!this._controller) {
      this.#wantsPreferences = true;
      return;
    }
    this._draft = this.#draftFromRecord();
    this._status = '';
    this._preferencesOpen = true;
  }

  /** Forgets the stored choice, deletes the cookies it allowed, and reloads the page. */
  reset() {
    this._controller?.reset();
  }

  async #load() {
    const ticket = ++this.#loading;
    this._controller?.stop();
    this._controller = undefined;
    if (this.manifest === undefined) return;
    const result = await loadManifest(this.manifest);
    if (ticket !== this.#loading) return;
    if (!result.ok) {
      const message = result.errors.map(formatIssue).join('; ');
      console.error(`consent-banner: cannot use the cookie manifest, so nothing that needs consent will run: ${message}`);
      this.dispatchEvent(
        new CustomEvent<ConsentErrorDetail>('consent-error', {
          bubbles: true,
          composed: true,
          detail: {message, errors: result.errors},
        })
      );
      return;
    }
    for (const warning of result.warnings) console.warn(`consent-banner: ${formatIssue(warning)}`);
    this.#chooseLanguage(result.manifest);
    const controller = new ConsentController(result.manifest, {
      onBlocked: this.#onBlocked,
      onReleased: this.#onReleased,
    });
    this._controller = controller;
    controller.start();
    this._bannerOpen = controller.mustAsk;
    this.dispatchEvent(new Event('consent-ready', {bubbles: true, composed: true}));
    if (controller.restored) this.#announce(controller.record!);
    if (this.#wantsPreferences) {
      this.#wantsPreferences = false;
      this.showPreferences();
    }
  }

  #chooseLanguage(manifest: Manifest) {
    const page = pickLanguage(
      manifest.site.languages,
      this.lang,
      document.documentElement.lang,
      navigator.languages
    );
    const ui = matchLanguage([page, manifest.site.languages[0], 'en'], Object.keys(UI_STRINGS))!;
    this.#language = page;
    this.#strings = UI_STRINGS[ui];
  }

  #decide(make: (controller: ConsentController) => ConsentRecord) {
    const controller = this._controller;
    if (!controller) {
      console.warn('consent-banner: the manifest is not loaded yet; no decision was recorded');
      return;
    }
    const record = make(controller);
    this._bannerOpen = false;
    this._status = this.#strings.saved;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.preferences')?.close();
    this.#announce(record);
  }

  #announce(record: ConsentRecord) {
    this.dispatchEvent(
      new CustomEvent<ConsentChangeDetail>('consent-change', {
        bubbles: true,
        composed: true,
        detail: structuredClone(record),
      })
    );
  }

  #text(value: Text | undefined) {
    return resolveText(value, this.#language, this._controller!.manifest.site.languages);
  }

  #draftFromRecord(): Draft {
    const {manifest} = this._controller!;
    const draft: Draft = {categories: {}, services: {}};
    for (const c of manifest.categories) draft.categories[c.id] = this.hasConsent(c.id);
    for (const s of manifest.services) draft.services[s.id] = this.hasConsent(s.id);
    return draft;
  }

  #membersOf(category: Category) {
    return this._controller!.manifest.services.filter((s) => s.category === category.id);
  }

  #categoryChecked(category: Category) {
    const members = this.#membersOf(category);
    return members.length
      ? members.every((s) => this._draft.services[s.id])
      : this._draft.categories[category.id];
  }

  #onDocumentClick = (event: MouseEvent) => {
    const trigger = (event.target as Element | null)?.closest?.('[data-consent-open]');
    if (!trigger) return;
    event.preventDefault();
    this.showPreferences();
  };

  #onBlocked = (element: HTMLIFrameElement | HTMLImageElement, tag: GateTag) => {
    if (!(element instanceof HTMLIFrameElement) || tag.negated) return;
    const {manifest} = this._controller ?? {};
    if (!manifest) return;
    const service = manifest.services.find((s) => s.id === tag.service);
    const category = manifest.categories.find((c) => c.id === (service?.category ?? tag.category));
    if (!category) return;
    const name = service?.name ?? this.#text(category.title);
    const placeholder = document.createElement(PLACEHOLDER_TAG) as ConsentPlaceholder;
    placeholder.lang = this.#language;
    placeholder.text = this.#strings.placeholder(name, service?.provider ?? name, this.#text(category.title));
    placeholder.buttonLabel = this.#strings.placeholderButton(name);
    placeholder.onAccept = () =>
      this.#decide((c) =>
        c.decide(service ? {services: {[service.id]: true}} : {categories: {[category.id]: true}}, 'placeholder')
      );
    element.before(placeholder);
    element.hidden = true;
    this.#placeholders.set(element, placeholder);
  };

  #onReleased = (element: Element) => {
    this.#placeholders.get(element)?.remove();
    this.#placeholders.delete(element);
    (element as HTMLElement).hidden = false;
  };

  #onBannerKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#onClose();
    }
  };

  #onClose = () => this.#decide((c) => c.rejectAll('close'));
  #onAcceptAll = () => this.#decide((c) => c.acceptAll('accept-all'));
  #onRejectAll = () => this.#decide((c) => c.rejectAll('reject-all'));
  #onCustomise = () => this.showPreferences();

  #onSave = () => {
    const method: ConsentMethod = this.#consentCategories().length ? 'custom' : 'opt-out';
    this.#decide((c) => c.decide(this._draft, method));
  };

  // The native modal dialog gives focus back to what had it before showModal() (R46b).
  #onPreferencesClose = () => {
    this._preferencesOpen = false;
  };

  #toggleCategory(category: Category, on: boolean) {
    const services = {...this._draft.services};
    for (const s of this.#membersOf(category)) services[s.id] = on;
    this._draft = {categories: {...this._draft.categories, [category.id]: on}, services};
  }

  #toggleService(service: Service, on: boolean) {
    this._draft = {...this._draft, services: {...this._draft.services, [service.id]: on}};
  }

  #consentCategories() {
    return this._controller!.manifest.categories.filter((c) => c.basis === 'consent');
  }

  #renderChoices(): TemplateResult {
    const t = this.#strings;
    return html`<button class="choice" type="button" @click=${this.#onAcceptAll}>${t.acceptAll}</button>
      <button class="choice" type="button" @click=${this.#onRejectAll}>${t.rejectAll}</button>`;
  }

  #renderBanner(manifest: Manifest): TemplateResult {
    const t = this.#strings;
    const purposes = this.#consentCategories()
      .filter((c) => this.#membersOf(c).length)
      .map((c) => this.#text(c.title));
    const list = new Intl.ListFormat(this.#language, {type: 'conjunction'}).format(purposes);
    return html`<dialog
      class="banner"
      part="banner"
      open
      aria-labelledby="banner-title"
      aria-describedby="banner-text"
      lang=${this.#language}
      @keydown=${this.#onBannerKeydown}
    >
      <button class="close" type="button" aria-label=${t.close} @click=${this.#onClose}>×</button>
      <h2 id="banner-title">${t.bannerTitle(manifest.site.name)}</h2>
      <div id="banner-text">
        <p>${t.bannerIntro(manifest.site.name, list)} ${t.bannerAlwaysOn}</p>
        <p>
          ${t.bannerChangeMind} ${t.bannerCloseMeansRefuse}
          <a href=${manifest.site.policyUrl} target="_blank" rel="noopener">${t.policyLink}</a>
        </p>
      </div>
      <div class="actions" part="actions">
        <button class="choice" type="button" @click=${this.#onAcceptAll}>${t.acceptAll}</button>
        <button class="choice" type="button" @click=${this.#onRejectAll}>${t.rejectAll}</button>
        <button class="choice" type="button" @click=${this.#onCustomise}>${t.customise}</button>
      </div>
    </dialog>`;
  }

  #renderCookie(cookie: CookieDeclaration): TemplateResult {
    const t = this.#strings;
    return html`<tr>
      <td><code>${cookie.name}</code>${cookie.domain ? html`<br />${t.thirdParty(cookie.domain)}` : nothing}</td>
      <td>${formatDuration(cookie.duration, this.#language, t.session)}</td>
      <td>${this.#text(cookie.purpose)}</td>
    </tr>`;
  }

  #renderService(service: Service, category: Category): TemplateResult {
    const t = this.#strings;
    const switchable = category.basis !== 'necessary';
    return html`<details>
      <summary>${service.name}${service.provider ? ` (${service.provider})` : ''}</summary>
      ${service.description ? html`<p>${this.#text(service.description)}</p>` : nothing}
      ${service.policyUrl
        ? html`<p><a href=${service.policyUrl} target="_blank" rel="noopener">${t.servicePolicy(service.name)}</a></p>`
        : nothing}
      ${switchable
        ? html`<label class="row"
            >${t.allowService(service.name)}
            <input
              type="checkbox"
              role="switch"
              data-service=${service.id}
              .checked=${this._draft.services[service.id] ?? false}
              @change=${(e: Event) => this.#toggleService(service, (e.target as HTMLInputElement).checked)}
          /></label>`
        : nothing}
      ${service.cookies.length
        ? html`<div class="table">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.cookieName}</th>
                  <th scope="col">${t.cookieDuration}</th>
                  <th scope="col">${t.cookiePurpose}</th>
                </tr>
              </thead>
              <tbody>
                ${service.cookies.map((c) => this.#renderCookie(c))}
              </tbody>
            </table>
          </div>`
        : html`<p class="note">${t.noCookies}</p>`}
    </details>`;
  }

  #renderCategory(category: Category): TemplateResult {
    const t = this.#strings;
    const titleId = `category-${category.id}`;
    return html`<section class="category" aria-labelledby=${titleId}>
      <div class="row">
        <h3 id=${titleId}>${this.#text(category.title)}</h3>
        ${category.basis === 'consent'
          ? html`<input
              type="checkbox"
              role="switch"
              aria-labelledby=${titleId}
              data-category=${category.id}
              .checked=${this.#categoryChecked(category)}
              @change=${(e: Event) => this.#toggleCategory(category, (e.target as HTMLInputElement).checked)}
            />`
          : html`<span class="always">${t.alwaysOn}</span>`}
      </div>
      ${category.description ? html`<p>${this.#text(category.description)}</p>` : nothing}
      ${category.exemption
        ? html`<p class="exemption">${t.exemptionLabel} ${this.#text(category.exemption)}</p>`
        : nothing}
      ${this.#membersOf(category).map((s) => this.#renderService(s, category))}
    </section>`;
  }

  #renderPreferences(manifest: Manifest): TemplateResult {
    const t = this.#strings;
    const asking = this.#consentCategories().length > 0;
    const canSave = asking || manifest.categories.some((c) => c.basis === 'exempt' && this.#membersOf(c).length);
    const record = this._controller!.record;
    return html`<dialog
      class="preferences"
      part="preferences"
      aria-labelledby="preferences-title"
      lang=${this.#language}
      @close=${this.#onPreferencesClose}
    >
      <form method="dialog">
        <button class="close" type="submit" aria-label=${t.closePreferences}>×</button>
      </form>
      <h2 id="preferences-title" tabindex="-1">${asking ? t.preferencesTitle : t.declarationTitle}</h2>
      <p>${asking ? t.preferencesIntro : t.declarationIntro}
        <a href=${manifest.site.policyUrl} target="_blank" rel="noopener">${t.policyLink}</a></p>
      ${manifest.categories.map((c) => this.#renderCategory(c))}
      ${record ? html`<p class="note">${t.consentId} <code>${record.id}</code></p>` : nothing}
      <div class="actions" part="actions">
        ${canSave ? html`<button class="choice" type="button" @click=${this.#onSave}>${t.save}</button>` : nothing}
        ${asking ? this.#renderChoices() : nothing}
      </div>
    </dialog>`;
  }

  override render(): TemplateResult {
    const manifest = this._controller?.manifest;
    if (!manifest) return html``;
    return html`${this._bannerOpen ? this.#renderBanner(manifest) : nothing}
    ${this._preferencesOpen ? this.#renderPreferences(manifest) : nothing}
    <p class="visually-hidden" role="status">${this._status}</p>`;
  }
}
