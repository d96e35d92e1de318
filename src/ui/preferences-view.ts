import {html, nothing, render} from 'lit/html.js';
import type {TemplateResult} from 'lit/html.js';
import type {ConsentChoice, ConsentMethod} from '../core/consent.js';
import type {Category, Manifest, Service, Text} from '../core/manifest.types.js';
import {directionOf} from '../core/language.js';
import {resolveText} from '../core/text.js';
import type {PreferencesView, ViewHost, Words} from '../view-contract.js';
import {baseStyles} from './base.styles.js';
import {controlStyles} from './control.styles.js';
import {cookieTable, cookieTableStyles} from './cookie-table.js';
import {frameOf} from './frame.js';
import {preferencesStyles} from './preferences.styles.js';
import {isolated, sayCount, sayParts} from './say.js';
import {statusOf} from './status.js';

type Draft = Required<ConsentChoice>;

/** A service's name in a sentence of the UI's words: in an element of its own (say.ts, `sayParts`). */
const name = (service: Service) => html`<bdi>${isolated(service.name)}</bdi>`;

/**
 * The preferences: a modal dialog with a switch per consent category (its state in words beside
 * it), each category's services and their cookies, and Accept all / Reject all / Save, the first
 * layer's order; the first layer steps aside while it is open. On a site that needs no banner it
 * is the declaration, with the opt-out of exempt services (R31). Rendered with lit-html into the
 * banner's shadow root. A category's services are drawn when it is unfolded, and a service's
 * texts and cookie table when the service is: a manifest with hundreds of services opens its
 * preferences at once.
 */
export class Preferences implements PreferencesView {
  #host: ViewHost;
  /** The banner's frame (frame.ts), where the preferences are drawn. */
  #frame: HTMLElement;
  #t: Words;
  #open = false;
  #draft: Draft = {categories: {}, services: {}};
  /** The categories and services unfolded (drawn) so far, by id. */
  #unfolded = new Set<string>();
  /** The purposes whose switch the visitor moved since the preferences opened (their state is then the switch's). */
  #touched = new Set<string>();
  /** The first layer, hidden while the preferences are open (it would show around the modal). */
  #firstLayer: HTMLElement | null = null;
  /** A decision was recorded since the preferences opened. */
  #decided = false;
  /** The preferences were opened from the first layer (Customise), which had the focus. */
  #fromFirstLayer = false;

  constructor(host: ViewHost) {
    this.#host = host;
    this.#t = host.words;
    const root = host.element.shadowRoot!;
    this.#frame = frameOf(root, host.words);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, baseStyles, controlStyles, cookieTableStyles, preferencesStyles];
    statusOf(this.#frame);
  }

  get #manifest(): Manifest {
    return this.#host.state.manifest;
  }

  showPreferences() {
    const {state} = this.#host;
    const draft: Draft = {categories: {}, services: {}};
    for (const c of this.#manifest.categories) draft.categories[c.id] = state.hasConsent(c.id);
    for (const s of this.#manifest.services) draft.services[s.id] = state.hasConsent(s.id);
    this.#draft = draft;
    this.#touched.clear();
    this.#decided = false;
    statusOf(this.#frame).textContent = '';
    this.#open = true;
    this.#render();
    // The first layer (its public part) steps aside while the modal is open (closed without a decision, it comes back).
    const firstLayer = this.#frame.querySelector<HTMLElement>('[part~="banner"]');
    if (firstLayer && firstLayer !== this.#firstLayer) {
      this.#firstLayer = firstLayer;
      this.#fromFirstLayer = firstLayer.contains(this.#host.element.shadowRoot!.activeElement);
      firstLayer.style.setProperty('display', 'none', 'important');
    }
    const dialog = this.#frame.querySelector<HTMLDialogElement>('dialog.preferences');
    if (dialog) this.#host.paintAccent(this.#host.element, this.#frame, dialog);
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('h2')?.focus();
    }
  }

  recorded() {
    this.#decided = true;
    statusOf(this.#frame).textContent = this.#t.saved;
    // Closing fires `close`, which re-renders without the preferences.
    this.#frame.querySelector<HTMLDialogElement>('dialog.preferences')?.close();
  }

  reset() {
    this.#open = false;
    this.#unfolded.clear();
    render(nothing, this.#frame);
  }

  #text(value: Text | undefined) {
    return resolveText(value, this.#host.textLanguage, this.#manifest.site.languages);
  }

  /** A manifest text as content, marked with its language and direction when it differs from the UI's (WCAG 3.1.2). */
  #content(value: Text | undefined) {
    const text = this.#text(value);
    const {textLanguage} = this.#host;
    return textLanguage === this.#t.$code
      ? text
      : html`<span lang=${textLanguage} dir=${directionOf(textLanguage)}>${isolated(text)}</span>`;
  }

  #membersOf(category: Category) {
    return this.#manifest.services.filter((s) => s.category === category.id);
  }

  #consentCategories() {
    return this.#manifest.categories.filter((c) => c.basis === 'consent');
  }

  #categoryChecked(category: Category) {
    const members = this.#membersOf(category);
    return members.length ? members.every((s) => this.#draft.services[s.id]) : this.#draft.categories[category.id];
  }

  #record(choice: ConsentChoice | 'all' | 'none', method: ConsentMethod) {
    this.#host.record(choice, method);
  }

  #onSave = () => this.#record(this.#draft, this.#consentCategories().length ? 'custom' : 'opt-out');

  // The native modal dialog gives focus back to what had it before showModal() (R46b). The
  // `close` event comes a task later: the preferences may have been opened again meanwhile.
  // The first layer hidden behind the dialog shows again without a decision, with the focus on
  // Customise when the visitor came from there (the browser could not give it back to a hidden
  // button) or when the focus went nowhere.
  #onClose = (event: Event) => {
    if ((event.target as HTMLDialogElement).open) return;
    this.#open = false;
    this.#render();
    const firstLayer = this.#firstLayer;
    this.#firstLayer = null;
    if (!firstLayer || this.#decided || !firstLayer.isConnected) return;
    firstLayer.style.removeProperty('display');
    // Opened from elsewhere (a page's "Cookie settings" link), the browser gave the focus back there.
    const lost = !document.activeElement || document.activeElement === document.body;
    if (this.#fromFirstLayer || lost) firstLayer.querySelector<HTMLElement>('[data-choice="customise"]')?.focus();
  };

  #toggleCategory(category: Category, on: boolean) {
    this.#touched.add(category.id);
    this.#draft.categories[category.id] = on;
    for (const s of this.#membersOf(category)) this.#draft.services[s.id] = on;
    this.#render();
  }

  #toggleService(service: Service, on: boolean) {
    this.#touched.add(service.category);
    this.#draft.services[service.id] = on;
    this.#render();
  }

  /**
   * A purpose's state in words: what its switch says once the visitor chose (now, or before, for
   * a purpose the banner does not ask about again), else not chosen yet: unchecked alone would
   * read the same for both.
   */
  #stateOf(category: Category) {
    const t = this.#t;
    const {record, asking} = this.#host.state;
    if (!this.#touched.has(category.id) && (!record || asking.has(category.id))) return t.stateNotChosen;
    return this.#categoryChecked(category) ? t.stateAccepted : t.stateRefused;
  }

  /** Draws (or forgets) what a `<details>`, or a purpose's row, holds as it opens or closes. */
  #onToggle(key: string, event: Event) {
    const target = event.target as HTMLElement;
    const open = target.localName === 'details' ? (target as HTMLDetailsElement).open : !this.#unfolded.has(key);
    if (open === this.#unfolded.has(key)) return;
    if (open) this.#unfolded.add(key);
    else this.#unfolded.delete(key);
    this.#render();
  }

  #renderService(service: Service, category: Category): TemplateResult {
    const t = this.#t;
    const key = `service:${service.id}`;
    const open = this.#unfolded.has(key);
    // The provider once, on a line of its own, and not when it is the name again.
    const provider = service.provider && service.provider !== service.name ? service.provider : '';
    return html`<details class="service" ?open=${open} @toggle=${(e: Event) => this.#onToggle(key, e)}>
      <summary
        ><span class="name">${name(service)}</span>${provider ? [' ', html`<span class="provider">${t.provider} <bdi>${isolated(provider)}</bdi></span>`] : nothing}</summary
      >
      ${
        category.basis !== 'necessary'
          ? html`<label class="row"
            ><span>${sayParts(t.allowService, {service: () => name(service)})}</span>
            <input
              type="checkbox"
              role="switch"
              data-service=${service.id}
              .checked=${this.#draft.services[service.id] ?? false}
              @change=${(e: Event) => this.#toggleService(service, (e.target as HTMLInputElement).checked)}
          /></label>`
          : nothing
      }
      ${
        open
          ? html`${service.description ? html`<p>${this.#content(service.description)}</p>` : nothing}
          ${
            service.policyUrl
              ? html`<p><a href=${this.#host.href(service.policyUrl)} target="_blank" rel="noopener">${sayParts(t.servicePolicy, {service: () => name(service)})}</a></p>`
              : nothing
          }
          ${cookieTable(service, t, (cookie) => this.#content(cookie.purpose))}`
          : nothing
      }
    </details>`;
  }

  /**
   * A purpose: a full-width row (its title, a button that unfolds it, with a chevron at the end;
   * its state in words and its switch), its description below (R17: in view, its details one
   * click away), and once unfolded its services, a row each. The switch is named by the title
   * (`aria-label`) and described by the state: `aria-labelledby` the title would do, but axe
   * takes a title scrolled out of the body for hidden, and the switch for labelled by its
   * description alone.
   */
  #renderCategory(category: Category): TemplateResult {
    const t = this.#t;
    const titleId = `category-${category.id}`;
    const panelId = `purpose-${category.id}`;
    const members = this.#membersOf(category);
    const key = `category:${category.id}`;
    const open = this.#unfolded.has(key);
    return html`<section class="category" aria-labelledby=${titleId}>
      <div class="purpose">
        <h3 id=${titleId}>
          <button
            class="toggle"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${panelId}
            @click=${(e: Event) => this.#onToggle(key, e)}
          >
            ${this.#content(category.title)}
          </button>
        </h3>
        ${
          category.basis === 'consent'
            ? html`<span class="state" id="state-${category.id}">${this.#stateOf(category)}</span
              ><input
                type="checkbox"
                role="switch"
                aria-label=${this.#text(category.title)}
                aria-describedby="state-${category.id}"
                data-category=${category.id}
                .checked=${this.#categoryChecked(category)}
                @change=${(e: Event) => this.#toggleCategory(category, (e.target as HTMLInputElement).checked)}
              />`
            : html`<span class="state always">${t.alwaysOn}</span>`
        }
      </div>
      ${category.description ? html`<p class="description">${this.#content(category.description)}</p>` : nothing}
      ${category.exemption ? html`<p class="exemption">${t.exemptionLabel} ${this.#content(category.exemption)}</p>` : nothing}
      <div class="panel" id=${panelId} ?hidden=${!open}>
        ${
          open
            ? html`${members.length ? html`<p class="note">${sayCount(t.services, members.length, t.$code)}</p>` : nothing}
            ${members.map((s) => this.#renderService(s, category))}`
            : nothing
        }
      </div>
    </section>`;
  }

  #renderDialog(): TemplateResult {
    const t = this.#t;
    const {site, categories} = this.#manifest;
    const {state} = this.#host;
    const asking = this.#consentCategories().length > 0;
    const canSave = asking || categories.some((c) => c.basis === 'exempt' && this.#membersOf(c).length);
    const record = state.record;
    return html`<dialog
      class="preferences"
      part="preferences"
      aria-labelledby="preferences-title"
      lang=${t.$code}
      @close=${this.#onClose}
    >
      <form method="dialog">
        <button class="close" part="close" type="submit" aria-label=${t.closePreferences}>×</button>
      </form>
      <h2 id="preferences-title" tabindex="-1">${asking ? t.preferencesTitle : t.declarationTitle}</h2>
      <div class="body">
        <p>
          ${asking ? t.preferencesIntro : t.declarationIntro}
          <a href=${this.#host.href(site.policyUrl)} target="_blank" rel="noopener">${t.policyLink}</a>
        </p>
        ${state.signalHonoured ? html`<p class="note gpc">${t.signalHonoured}</p>` : nothing}
        ${categories.map((c) => this.#renderCategory(c))}
        ${record ? html`<p class="note">${t.consentId} <code dir="ltr">${record.id}</code></p>` : nothing}
      </div>
      ${
        asking || canSave
          ? html`<div class="actions" part="actions">
            ${
              asking
                ? html`<button class="choice" part="choice" type="button" data-choice="accept-all" @click=${() => this.#record('all', 'accept-all')}>${t.acceptAll}</button>
                  <button class="choice" part="choice" type="button" data-choice="reject-all" @click=${() => this.#record('none', 'reject-all')}>${t.rejectAll}</button>`
                : nothing
            }
            ${
              canSave
                ? html`<button class="choice ${asking ? 'secondary' : ''}" part="choice" type="button" data-choice="save" @click=${this.#onSave}>${t.save}</button>`
                : nothing
            }
          </div>`
          : nothing
      }
    </dialog>`;
  }

  #render() {
    render(this.#open ? this.#renderDialog() : nothing, this.#frame, {host: this});
  }
}
