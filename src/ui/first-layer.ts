import type {Manifest, Text} from '../core/manifest.types.js';
import {purposeList} from '../core/purpose-list.js';
import {resolveText} from '../core/text.js';
import type {FirstLayerView, ViewHost, Words} from '../view-contract.js';
import {baseStyles} from './base.styles.js';
import {bannerStyles} from './banner.styles.js';
import {frameOf} from './frame.js';
import {siteText} from './site-text.js';
import {sayParts} from './say.js';
import {statusOf} from './status.js';

/*
 * The `first-layer` module (`dist/consent-banner-first-layer.min.js`, fetched with the words of
 * its language, `dist/consent-banner-words.<language>.min.js`): the first layer, loaded only when
 * something must be shown. No template library: plain DOM.
 */

const ATTRIBUTE_VALUES: Record<string, string[]> = {layout: ['bar', 'box', 'modal', 'cloud'], theme: ['light', 'dark']};
/** The wrong values already named in a warning (`layout="…"`): once a page. */
const warned = new Set<string>();

/** An element with its class (or other attributes) and its children, text always as text. */
function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * The first layer (a non-modal dialog with Accept all, Reject all and Customise; a modal one with
 * `layout="modal"`). Drawn with the DOM alone, without a template library: a first visit
 * downloads and runs as little as can show the question. The preferences are the `preferences`
 * view, fetched when asked for.
 */
class FirstLayer implements FirstLayerView {
  #host: ViewHost;
  /** The banner's frame (frame.ts), where the first layer is drawn. */
  #frame: HTMLElement;
  #t: Words;
  #banner: HTMLDialogElement | undefined;
  /** `scroll-padding` for the page while the banner is open: focus scrolls clear of it (R41). */
  #pageSheet = new CSSStyleSheet();
  #resize = new ResizeObserver(([entry]) => this.#makeRoom(entry.target));

  constructor(host: ViewHost) {
    this.#host = host;
    this.#t = host.words;
    const root = host.element.shadowRoot!;
    this.#frame = frameOf(root, host.words);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, baseStyles, bannerStyles];
    statusOf(this.#frame);
  }

  get #manifest(): Manifest {
    return this.#host.state.manifest;
  }

  #text(value: Text | undefined) {
    return resolveText(value, this.#host.textLanguage, this.#manifest.site.languages);
  }

  /**
   * The titles of the categories of this basis that hold a service (of the consent ones, those
   * the banner asks about, or only those `asked` for this reason), as one list in a sentence of
   * the UI's language (core/purpose-list.ts: "a, b and c", the titles as common words), each title in
   * an element of its own (siteText: its language and direction). Not Intl.ListFormat: its first
   * use loads locale data, tens of ms before the banner could show. Empty when there is none.
   */
  #purposes(basis: string, why?: string): (string | Node)[] {
    const {categories, services} = this.#manifest;
    const {asking} = this.#host.state;
    const language = this.#host.textLanguage;
    const titles = categories
      .filter((c) => c.basis === basis && services.some((s) => s.category === c.id))
      .filter((c) => basis !== 'consent' || (why ? asking.get(c.id) === why : asking.has(c.id)))
      .map((c) => this.#text(c.title));
    return purposeList(titles, language, this.#t).map((part, i) => (i % 2 ? part : siteText(part, language, this.#t)));
  }

  /** `text` in parts, `{purposes}` filled in with `list` (a list of #purposes, made anew), and `{site}` with the site's name. */
  #say(text: string, list: () => (string | Node)[] = () => []) {
    const site = () => siteText(this.#manifest.site.name);
    return sayParts<string | Node | DocumentFragment>(text, {site, purposes: () => fragment(list())});
  }

  /**
   * A returning visitor asked again under a new revision of the manifest (R24): what was added
   * or changed since their choice, in one sentence each; nothing on a first visit, or for answers
   * that only expired.
   */
  #since(): (string | Node)[] {
    const {record} = this.#host.state;
    if (!record || record.revision === this.#manifest.revision) return [];
    const added = () => this.#purposes('consent', 'new');
    const changed = () => this.#purposes('consent', 'changed');
    return [
      ...(added().length ? [' ', ...this.#say(this.#t.bannerNew, added)] : []),
      ...(changed().length ? [' ', ...this.#say(this.#t.bannerChanged, changed)] : []),
    ];
  }

  /** The answer `on` to the purposes the banner asks about, the others left as they are. */
  #answer(on: boolean) {
    return {categories: Object.fromEntries([...this.#host.state.asking.keys()].map((id) => [id, on]))};
  }

  showBanner() {
    const host = this.#host.element;
    for (const [name, allowed] of Object.entries(ATTRIBUTE_VALUES)) {
      const value = host.getAttribute(name);
      if (value !== null && !allowed.includes(value) && !warned.has(`${name}=${value}`)) {
        warned.add(`${name}=${value}`);
        console.warn(`consent-banner: ${name}="${value}" is not one of ${allowed.join(', ')}; the default applies`);
      }
    }
    if (this.#banner) return;
    const t = this.#t;
    const {site} = this.#manifest;
    const modal = host.getAttribute('layout') === 'modal';
    // `data-choice` is what autoconsent/consent-banner.json selects: keep it stable.
    const choice = (label: string, name: string, onClick: () => void, secondary = false) => {
      const attributes = secondary ? {class: 'choice secondary', part: name} : {class: 'choice', part: 'choice'};
      const button = element('button', {...attributes, type: 'button', 'data-choice': name}, label);
      button.addEventListener('click', onClick);
      return button;
    };
    const close = element('button', {class: 'close', part: 'close', type: 'button', 'aria-label': t.close}, '×');
    close.addEventListener('click', this.#onClose);
    const exempt = () => this.#purposes('exempt');
    const customise = choice(t.customise, 'customise', () => this.#host.showPreferences(), true);
    // The preferences are a module of their own: fetched as the visitor reaches for them.
    for (const intent of ['pointerenter', 'focus']) customise.addEventListener(intent, () => this.#host.preparePreferences(), {once: true});
    // One grid (banner.styles.ts): the title and the ×, the text, the choices.
    const banner = element(
      'dialog',
      {class: 'banner', part: 'banner', 'aria-labelledby': 'banner-title', 'aria-describedby': 'banner-text', lang: t.$code},
      element('h2', {id: 'banner-title'}, ...this.#say(t.bannerTitle)),
      close,
      element(
        'div',
        {id: 'banner-text'},
        element(
          'p',
          {},
          ...this.#say(t.bannerIntro, () => this.#purposes('consent')),
          ...this.#since(),
          ` ${t.bannerAlwaysOn}`,
          ...(exempt().length ? [' ', ...this.#say(t.bannerExemptOn, exempt)] : []),
          ` ${t.bannerChangeMind} ${t.bannerCloseMeansRefuse} `,
          element('a', {href: this.#host.href(site.policyUrl), target: '_blank', rel: 'noopener'}, t.policyLink)
        )
      ),
      element(
        'div',
        {class: 'actions', part: 'actions'},
        choice(t.acceptAll, 'accept-all', () => this.#host.record(this.#answer(true), 'accept-all')),
        choice(t.rejectAll, 'reject-all', () => this.#host.record(this.#answer(false), 'reject-all')),
        customise
      )
    );
    // The recorder is fetched as the visitor reaches for a choice, not before.
    for (const intent of ['pointerover', 'focusin', 'touchstart']) {
      banner.addEventListener(intent, () => this.#host.prepareRecorder(), {once: true, passive: true});
    }
    banner.addEventListener('keydown', this.#onKeydown);
    banner.addEventListener('cancel', this.#onKeydown);
    this.#banner = banner;
    this.#frame.prepend(banner);
    this.#host.paintAccent(host, this.#frame, banner);
    if (modal) return banner.showModal();
    // Open without the focusing steps of show(): the page keeps its focus.
    banner.setAttribute('open', '');
    document.addEventListener('focusin', this.#onPageFocus);
    // The page keeps room for the banner when it scrolls a focused element into view.
    this.#resize.observe(banner);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#pageSheet];
  }

  recorded() {
    this.#closeBanner();
    statusOf(this.#frame).textContent = this.#t.saved;
  }

  reset() {
    this.#closeBanner();
    statusOf(this.#frame).textContent = '';
  }

  #closeBanner() {
    this.#banner?.remove();
    this.#banner = undefined;
    document.removeEventListener('focusin', this.#onPageFocus);
    this.#resize.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== this.#pageSheet);
  }

  #onClose = () => this.#host.record(this.#answer(false), 'close');

  #onKeydown = (event: Event) => {
    if (event.type === 'cancel' || (event as KeyboardEvent).key === 'Escape') {
      event.preventDefault();
      this.#onClose();
    }
  };

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
    const banner = this.#banner;
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
}

/** Nodes and texts as one fragment, to stand for a placeholder. */
function fragment(parts: (string | Node)[]) {
  const list = document.createDocumentFragment();
  list.append(...parts);
  return list;
}

export function createFirstLayer(host: ViewHost): FirstLayerView {
  return new FirstLayer(host);
}
