import {html, nothing, render} from 'lit/html.js';
import type {TemplateResult} from 'lit/html.js';
import type {ConsentController} from '../core/consent-controller.js';
import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import {chooseLanguages} from '../core/language.js';
import {resolveText} from '../core/manifest.js';
import type {Category, Manifest, Service, Text} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import type {BannerHost, BannerView} from '../loader/ui-loader.js';
import {styles} from './consent-banner.styles.js';
import {cookieTable} from './cookie-table.js';
import {ConsentPlaceholder} from './consent-placeholder.js';
import {UI_STRINGS} from './strings.js';
import type {UiStrings} from './strings.js';

type Draft = Required<ConsentChoice>;

const PLACEHOLDER_TAG = 'consent-placeholder';

/**
 * What `<consent-banner>` shows: the first layer (a non-modal dialog with Accept all, Reject all
 * and Customise), the modal preferences, and the placeholders of blocked embeds. It renders the
 * host's state with lit-html into the host's shadow root and forwards the visitor's intent.
 */
export class ConsentBannerView implements BannerView {
  #host: BannerHost;
  #root: ShadowRoot;
  #bannerOpen = false;
  #preferencesOpen = false;
  #draft: Draft = {categories: {}, services: {}};
  #status = '';
  /** The language of the UI's own words, and that of the manifest's texts (CONTRACT §1). */
  #language = 'en';
  #textLanguage = 'en';
  #strings: UiStrings = UI_STRINGS.en;
  #placeholders = new Map<Element, ConsentPlaceholder>();
  #modal = false;
  #openServices = new Set<string>();
  /** `scroll-padding` for the page while the banner is open: focus scrolls clear of it (R41). */
  #pageSheet = new CSSStyleSheet();
  #resize = new ResizeObserver(([entry]) => this.#makeRoom(entry.target));

  constructor(host: BannerHost) {
    this.#host = host;
    this.#root = host.element.shadowRoot!;
    this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, styles];
    if (!customElements.get(PLACEHOLDER_TAG)) customElements.define('consent-placeholder', ConsentPlaceholder);
  }

  get #controller(): ConsentController {
    return this.#host.controller()!;
  }

  get #manifest(): Manifest {
    return this.#controller.manifest;
  }

  showBanner() {
    this.#chooseLanguage();
    this.#bannerOpen = true;
    this.#modal = this.#host.element.getAttribute('layout') === 'modal';
    this.#render();
    const banner = this.#root.querySelector<HTMLDialogElement>('dialog.banner')!;
    if (this.#modal) return banner.showModal();
    document.addEventListener('focusin', this.#onPageFocus);
    // The page keeps room for the banner when it scrolls a focused element into view.
    this.#resize.observe(banner);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#pageSheet];
  }

  showPreferences() {
    this.#chooseLanguage();
    this.#draft = this.#draftFromRecord();
    this.#status = '';
    this.#preferencesOpen = true;
    this.#render();
    const dialog = this.#root.querySelector<HTMLDialogElement>('dialog.preferences');
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('h2')?.focus();
    }
  }

  decided() {
    this.#bannerOpen = false;
    this.#releasePage();
    this.#status = this.#strings.saved;
    this.#render();
    // Closing fires `close`, which re-renders without the preferences.
    this.#root.querySelector<HTMLDialogElement>('dialog.preferences')?.close();
  }

  blocked(element: HTMLIFrameElement | HTMLImageElement, tag: GateTag) {
    this.#chooseLanguage();
    const manifest = this.#manifest;
    const service = manifest.services.find((s) => s.id === tag.service);
    const category = manifest.categories.find((c) => c.id === (service?.category ?? tag.category));
    if (!category || this.#placeholders.has(element)) return;
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
    // Hidden even where the page's CSS sets its display (CSSOM: allowed under a strict CSP).
    element.hidden = true;
    element.style.setProperty('display', 'none', 'important');
    this.#placeholders.set(element, placeholder);
  }

  released(element: Element) {
    this.#placeholders.get(element)?.remove();
    this.#placeholders.delete(element);
    (element as HTMLElement).hidden = false;
    (element as HTMLElement).style.removeProperty('display');
  }

  reset() {
    this.#releasePage();
    for (const element of [...this.#placeholders.keys()]) this.released(element);
    this.#bannerOpen = this.#preferencesOpen = false;
    this.#status = '';
    this.#openServices.clear();
    render(nothing, this.#root);
  }

  #releasePage() {
    document.removeEventListener('focusin', this.#onPageFocus);
    this.#resize.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== this.#pageSheet);
  }

  /**
   * WCAG 2.4.11 (R41): the non-modal first layer must not hide the element that has focus. The
   * page scrolls it clear of the banner; where it cannot scroll far enough, the banner moves to
   * the other edge of the screen.
   */
  #onPageFocus = (event: FocusEvent) => {
    const target = event.target as Element;
    // After the browser's own scroll to the newly focused element.
    if (target !== this.#host.element) requestAnimationFrame(() => this.#unobscure(target));
  };

  #unobscure(target: Element) {
    const banner = this.#root.querySelector<HTMLElement>('dialog.banner[open]');
    if (!banner || document.activeElement !== target) return;
    const hidden = () => {
      const a = target.getBoundingClientRect();
      const b = banner.getBoundingClientRect();
      return a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
    };
    // Scroll the element clear of the banner; failing that, move the banner to the other edge.
    for (let tries = 0; tries < 2 && hidden(); tries++) {
      if (tries) {
        banner.classList.toggle('top');
        this.#makeRoom(banner);
      }
      const a = target.getBoundingClientRect();
      const b = banner.getBoundingClientRect();
      const up = banner.classList.contains('top') ? a.top - b.bottom - 8 : a.bottom - b.top + 8;
      window.scrollBy({top: up, behavior: 'instant'});
    }
  }

  #makeRoom(banner: Element) {
    const edge = banner.classList.contains('top') ? 'top' : 'bottom';
    this.#pageSheet.replaceSync(`html{scroll-padding-${edge}:${Math.ceil(banner.getBoundingClientRect().height) + 8}px}`);
  }

  #decide(make: (controller: ConsentController) => ConsentRecord) {
    this.#host.decide(make);
  }

  #chooseLanguage() {
    const {site} = this.#manifest;
    const {ui, texts} = chooseLanguages(
      site.languages,
      Object.keys(UI_STRINGS),
      this.#host.element.lang,
      document.documentElement.lang,
      navigator.languages
    );
    this.#language = ui;
    this.#controller.language = ui;
    this.#textLanguage = texts;
    this.#strings = UI_STRINGS[ui];
  }

  #text(value: Text | undefined) {
    return resolveText(value, this.#textLanguage, this.#manifest.site.languages);
  }

  /** A manifest text as content, marked with its language when it differs from the UI's (WCAG 3.1.2). */
  #content(value: Text | undefined) {
    const text = this.#text(value);
    return this.#textLanguage === this.#language ? text : html`<span lang=${this.#textLanguage}>${text}</span>`;
  }

  #draftFromRecord(): Draft {
    const manifest = this.#manifest;
    const draft: Draft = {categories: {}, services: {}};
    for (const c of manifest.categories) draft.categories[c.id] = this.#controller.hasConsent(c.id);
    for (const s of manifest.services) draft.services[s.id] = this.#controller.hasConsent(s.id);
    return draft;
  }

  #membersOf(category: Category) {
    return this.#manifest.services.filter((s) => s.category === category.id);
  }

  #categoryChecked(category: Category) {
    const members = this.#membersOf(category);
    return members.length
      ? members.every((s) => this.#draft.services[s.id])
      : this.#draft.categories[category.id];
  }

  #onBannerKeydown = (event: Event) => {
    if (event.type === 'cancel' || (event as KeyboardEvent).key === 'Escape') {
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
    this.#decide((c) => c.decide(this.#draft, method));
  };

  // The native modal dialog gives focus back to what had it before showModal() (R46b).
  #onPreferencesClose = () => {
    this.#preferencesOpen = false;
    this.#render();
  };

  #toggleCategory(category: Category, on: boolean) {
    this.#draft.categories[category.id] = on;
    for (const s of this.#membersOf(category)) this.#draft.services[s.id] = on;
    this.#render();
  }

  #toggleService(service: Service, on: boolean) {
    this.#draft.services[service.id] = on;
    this.#render();
  }

  #consentCategories() {
    return this.#manifest.categories.filter((c) => c.basis === 'consent');
  }

  #renderChoices(): TemplateResult {
    const t = this.#strings;
    return html`<button class="choice" part="choice" type="button" @click=${this.#onAcceptAll}>${t.acceptAll}</button>
      <button class="choice" part="choice" type="button" @click=${this.#onRejectAll}>${t.rejectAll}</button>`;
  }

  #renderBanner(manifest: Manifest): TemplateResult {
    const t = this.#strings;
    const purposes = this.#consentCategories()
      .filter((c) => this.#membersOf(c).length)
      .map((c) => this.#text(c.title));
    const list = new Intl.ListFormat(this.#language, {type: 'conjunction'}).format(purposes);
    const exempt = manifest.categories
      .filter((c) => c.basis === 'exempt' && this.#membersOf(c).length)
      .map((c) => this.#text(c.title));
    return html`<dialog
      class="banner"
      part="banner"
      ?open=${!this.#modal}
      aria-labelledby="banner-title"
      aria-describedby="banner-text"
      lang=${this.#language}
      @keydown=${this.#onBannerKeydown}
      @cancel=${this.#onBannerKeydown}
    >
      <button class="close" part="close" type="button" aria-label=${t.close} @click=${this.#onClose}>×</button>
      <h2 id="banner-title">${t.bannerTitle(manifest.site.name)}</h2>
      <div id="banner-text">
        <p>
          ${t.bannerIntro(manifest.site.name, list)} ${t.bannerAlwaysOn}
          ${exempt.length ? t.bannerExemptOn(new Intl.ListFormat(this.#language).format(exempt)) : nothing}
        </p>
        <p>
          ${t.bannerChangeMind} ${t.bannerCloseMeansRefuse}
          <a href=${manifest.site.policyUrl} target="_blank" rel="noopener">${t.policyLink}</a>
        </p>
      </div>
      <div class="actions" part="actions">
        <button class="choice" part="choice" type="button" @click=${this.#onAcceptAll}>${t.acceptAll}</button>
        <button class="choice" part="choice" type="button" @click=${this.#onRejectAll}>${t.rejectAll}</button>
        <button class="choice" part="choice" type="button" @click=${this.#onCustomise}>${t.customise}</button>
      </div>
    </dialog>`;
  }

  #renderService(service: Service, category: Category): TemplateResult {
    const t = this.#strings;
    const switchable = category.basis !== 'necessary';
    // A service's texts and cookie table are drawn when its details open: a manifest with
    // hundreds of services opens its preferences at once.
    const open = this.#openServices.has(service.id);
    return html`<details ?open=${open} @toggle=${(e: Event) => this.#onServiceToggle(service, e)}>
      <summary>${service.name}${service.provider ? ` (${service.provider})` : ''}</summary>
      ${switchable
        ? html`<label class="row"
            >${t.allowService(service.name)}
            <input
              type="checkbox"
              role="switch"
              data-service=${service.id}
              .checked=${this.#draft.services[service.id] ?? false}
              @change=${(e: Event) => this.#toggleService(service, (e.target as HTMLInputElement).checked)}
          /></label>`
        : nothing}
      ${open ? this.#renderServiceDetails(service) : nothing}
    </details>`;
  }

  #onServiceToggle(service: Service, event: Event) {
    const {open} = event.target as HTMLDetailsElement;
    if (open === this.#openServices.has(service.id)) return;
    if (open) this.#openServices.add(service.id);
    else this.#openServices.delete(service.id);
    this.#render();
  }

  #renderServiceDetails(service: Service): TemplateResult {
    const t = this.#strings;
    return html`${service.description ? html`<p>${this.#content(service.description)}</p>` : nothing}
      ${service.policyUrl
        ? html`<p><a href=${service.policyUrl} target="_blank" rel="noopener">${t.servicePolicy(service.name)}</a></p>`
        : nothing}
      ${cookieTable(service, t, this.#language, (cookie) => this.#content(cookie.purpose))}`;
  }

  #renderCategory(category: Category): TemplateResult {
    const t = this.#strings;
    const titleId = `category-${category.id}`;
    return html`<section class="category" aria-labelledby=${titleId}>
      <div class="row">
        <h3 id=${titleId}>${this.#content(category.title)}</h3>
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
      ${category.description ? html`<p>${this.#content(category.description)}</p>` : nothing}
      ${category.exemption
        ? html`<p class="exemption">${t.exemptionLabel} ${this.#content(category.exemption)}</p>`
        : nothing}
      ${this.#membersOf(category).map((s) => this.#renderService(s, category))}
    </section>`;
  }

  #renderPreferences(manifest: Manifest): TemplateResult {
    const t = this.#strings;
    const asking = this.#consentCategories().length > 0;
    const canSave = asking || manifest.categories.some((c) => c.basis === 'exempt' && this.#membersOf(c).length);
    const record = this.#controller.record;
    return html`<dialog
      class="preferences"
      part="preferences"
      aria-labelledby="preferences-title"
      lang=${this.#language}
      @close=${this.#onPreferencesClose}
    >
      <form method="dialog">
        <button class="close" part="close" type="submit" aria-label=${t.closePreferences}>×</button>
      </form>
      <h2 id="preferences-title" tabindex="-1">${asking ? t.preferencesTitle : t.declarationTitle}</h2>
      <p>${asking ? t.preferencesIntro : t.declarationIntro}
        <a href=${manifest.site.policyUrl} target="_blank" rel="noopener">${t.policyLink}</a></p>
      ${this.#controller.gpcHonoured ? html`<p class="note gpc">${t.gpcHonoured}</p>` : nothing}
      ${manifest.categories.map((c) => this.#renderCategory(c))}
      ${record ? html`<p class="note">${t.consentId} <code>${record.id}</code></p>` : nothing}
      <div class="actions" part="actions">
        ${canSave ? html`<button class="choice" part="choice" type="button" @click=${this.#onSave}>${t.save}</button>` : nothing}
        ${asking ? this.#renderChoices() : nothing}
      </div>
    </dialog>`;
  }


  #render() {
    const manifest = this.#manifest;
    render(
      html`${this.#bannerOpen ? this.#renderBanner(manifest) : nothing}
        ${this.#preferencesOpen ? this.#renderPreferences(manifest) : nothing}
        <p class="visually-hidden" role="status">${this.#status}</p>`,
      this.#root,
      {host: this}
    );
  }
}
