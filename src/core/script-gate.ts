import type {ConsentRecord} from './consent.js';
import type {Manifest} from './manifest.types.js';

/*
 * The script gate (CONTRACT §3). Tagged elements stay inert until what they belong to may run:
 * `<script type="text/plain">` never runs, `<iframe data-src>` / `<img data-src>` load nothing.
 * `isAllowed` decides (pure); `ScriptGate` finds the elements, releases them in document order
 * (each external script after the previous one has loaded) and watches for elements added later.
 */

/** What a tagged element belongs to: `data-service`, else `data-category` (`!id` = run on refusal). */
export interface GateTag {
  service?: string;
  category?: string;
  /** `data-category="!performance"`: release when that category is refused. */
  negated: boolean;
}

const TAGGED = ':is([data-service], [data-category])';
const SELECTOR = `script[type="text/plain"]${TAGGED}, iframe[data-src]${TAGGED}, img[data-src]${TAGGED}`;
const NOT_COPIED = new Set(['type', 'data-type', 'data-src']);

/** The tag of an element, or `null` when it is not tagged. */
export function readTag(el: Element): GateTag | null {
  const service = el.getAttribute('data-service')?.trim();
  if (service) return {service, negated: false};
  const category = el.getAttribute('data-category')?.trim();
  if (!category) return null;
  return category.startsWith('!') ? {category: category.slice(1), negated: true} : {category, negated: false};
}

/**
 * May an element with this tag run, given the manifest and the visitor's current record (`null`
 * when there is none)? Necessary: always. Exempt: unless opted out. Consent: only when accepted.
 * `!category`: only when a record refuses it. Anything the manifest does not declare: never.
 */
export function isAllowed(tag: GateTag, manifest: Manifest, record: ConsentRecord | null): boolean {
  const service = tag.service ? manifest.services.find((s) => s.id === tag.service) : undefined;
  if (tag.service && !service) return false;
  const category = manifest.categories.find((c) => c.id === (service ? service.category : tag.category));
  if (!category) return false;
  if (tag.negated) return category.basis === 'consent' && record !== null && record.categories[category.id] !== true;
  if (category.basis === 'necessary') return true;
  const choice = service ? record?.services[service.id] : record?.categories[category.id];
  return category.basis === 'exempt' ? choice !== false : choice === true;
}

/** A copy of a tagged script that the browser will run, with every attribute carried over. */
function runnableCopy(original: HTMLScriptElement): HTMLScriptElement {
  const doc = original.ownerDocument;
  const script = doc.createElement('script');
  for (const {name, value} of [...original.attributes]) {
    if (!NOT_COPIED.has(name)) script.setAttribute(name, value);
  }
  const type = original.getAttribute('data-type');
  if (type) script.type = type;
  const src = original.getAttribute('data-src');
  if (src) script.src = src;
  // The nonce attribute reads back empty once parsed: carry the property.
  if (original.nonce) script.nonce = original.nonce;
  script.async = original.hasAttribute('async');
  script.text = original.text;
  return script;
}

export interface ScriptGateOptions {
  /** Called once for each embed (`iframe`/`img` with `data-src`) that stays blocked. */
  onBlocked?: (element: HTMLIFrameElement | HTMLImageElement, tag: GateTag) => void;
  /** Called when a blocked embed is released. */
  onReleased?: (element: Element, tag: GateTag) => void;
}

/** Releases tagged elements of one document as `allows` permits; watches for later ones. */
export class ScriptGate {
  #doc: Document;
  #allows: (tag: GateTag) => boolean = () => false;
  #options: ScriptGateOptions;
  #handled = new WeakSet<Element>();
  #reported = new WeakSet<Element>();
  #queue: Promise<void> = Promise.resolve();
  #observer: MutationObserver;

  constructor(doc: Document, options: ScriptGateOptions = {}) {
    this.#doc = doc;
    this.#options = options;
    this.#observer = new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1))) this.#scan();
    });
  }

  /** Starts (or goes on) releasing what `allows` permits, now and for elements added later. */
  update(allows: (tag: GateTag) => boolean) {
    this.#allows = allows;
    this.#observer.observe(this.#doc, {childList: true, subtree: true});
    this.#scan();
  }

  /** Stops watching the document; what was released stays released. */
  stop() {
    this.#observer.disconnect();
  }

  /** Resolves when every script released so far has run (or failed to load). */
  settled(): Promise<void> {
    return this.#queue;
  }

  #scan() {
    for (const el of this.#doc.querySelectorAll<HTMLElement>(SELECTOR)) {
      if (this.#handled.has(el)) continue;
      const tag = readTag(el)!;
      if (!this.#allows(tag)) {
        if (!(el instanceof HTMLScriptElement) && !this.#reported.has(el)) {
          this.#reported.add(el);
          this.#options.onBlocked?.(el as HTMLIFrameElement | HTMLImageElement, tag);
        }
        continue;
      }
      this.#handled.add(el);
      if (el instanceof HTMLScriptElement) {
        this.#queue = this.#queue.then(() => this.#run(el));
      } else {
        el.setAttribute('src', el.getAttribute('data-src')!);
        el.removeAttribute('data-src');
        this.#options.onReleased?.(el, tag);
      }
    }
  }

  #run(original: HTMLScriptElement): Promise<void> {
    if (!original.isConnected) return Promise.resolve();
    const script = runnableCopy(original);
    const waits = script.src !== '' && !script.async;
    return new Promise((resolve) => {
      if (waits) {
        script.addEventListener('load', () => resolve(), {once: true});
        script.addEventListener('error', () => resolve(), {once: true});
      }
      original.replaceWith(script);
      if (!waits) resolve();
    });
  }
}
