import type {Text} from '../core/manifest.types.js';
import type {GateTag} from '../core/script-gate.js';
import {resolveText} from '../core/text.js';
import type {EmbedsView, ViewHost} from '../view-contract.js';
import {ConsentPlaceholder} from './consent-placeholder.js';
import {siteText} from './site-text.js';
import {sayParts} from './say.js';

/*
 * The `embeds` module (`dist/consent-banner-embeds.min.js`, fetched with the words of its
 * language): the placeholders of blocked embeds, fetched only for a page that holds one (a held
 * kind with a placeholder, src/core/held-kinds.ts, whose service is not accepted), first visit or not.
 */

const PLACEHOLDER_TAG = 'consent-placeholder';

/**
 * The site's picture for a placeholder (`data-placeholder-image`), resolved against the page: of
 * the page's origin only, since a picture from elsewhere (a video's thumbnail on its platform)
 * would tell that platform of the visit before consent. Another origin is named in one warning,
 * and no picture shows.
 */
function sameOriginImage(frame: Element): string | undefined {
  const value = frame.getAttribute('data-placeholder-image');
  if (!value) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    if (url.origin === location.origin) return url.href;
  } catch {
    // Not a URL: named below, as another origin is.
  }
  console.warn(`consent-banner: data-placeholder-image="${value}" is not of this page's origin: no picture`);
  return undefined;
}

/** Puts a placeholder in the place of each blocked embed, with a button that accepts just its service (R20). */
class Embeds implements EmbedsView {
  #host: ViewHost;
  #placeholders = new Map<Element, ConsentPlaceholder>();

  constructor(host: ViewHost) {
    this.#host = host;
    if (!customElements.get(PLACEHOLDER_TAG)) customElements.define('consent-placeholder', ConsentPlaceholder);
  }

  blocked(frame: HTMLElement, tag: GateTag) {
    const {state, words: t, textLanguage} = this.#host;
    const {services, categories, site} = state.manifest;
    const service = services.find((s) => s.id === tag.service);
    const category = categories.find((c) => c.id === (service?.category ?? tag.category));
    if (!category || this.#placeholders.has(frame)) return;
    const text = (value: Text) => resolveText(value, textLanguage, site.languages);
    // The manifest's texts each in an element of their own (site-text.ts): the category's
    // title in its language and direction; the names isolated.
    const purpose = () => siteText(text(category.title), textLanguage, t);
    const name = () => (service ? siteText(service.name) : purpose());
    const provider = () => (service?.provider ? siteText(service.provider) : name());
    // In the placeholder's sentence, the purpose is a label, not a word dropped into it.
    const label = () => Object.assign(purpose(), {className: 'purpose'});
    const placeholder = document.createElement(PLACEHOLDER_TAG) as ConsentPlaceholder;
    placeholder.standIn(
      frame,
      sayParts(t.placeholder, {service: name, provider, purpose: label}),
      sayParts(t.placeholderButton, {service: name}),
      t,
      () => this.#host.record(service ? {services: {[service.id]: true}} : {categories: {[category.id]: true}}, 'placeholder'),
      this.#host.paintAccent,
      sameOriginImage(frame)
    );
    this.#placeholders.set(frame, placeholder);
  }

  released(frame: Element) {
    this.#placeholders.get(frame)?.restore();
    this.#placeholders.delete(frame);
  }

  reset() {
    for (const frame of [...this.#placeholders.keys()]) this.released(frame);
  }
}

export function createEmbeds(host: ViewHost): EmbedsView {
  return new Embeds(host);
}
