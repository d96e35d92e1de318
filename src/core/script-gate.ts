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
const NOT_COPIED = new Set(['type', 'data-type', 'data-src', 'src']);

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

/*
 * Trusted Types (CSP `require-trusted-types-for 'script'`): the code and URL of a released script
 * go through our own policy, `consent-banner`. It is created on first use, never leaves this
 * module, and wraps only the one value the gate is releasing at that moment: anything else
 * handed to it throws.
 */
interface ScriptPolicy {
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}
let policy: ScriptPolicy | null | undefined;
let releasing: string | undefined;

function trusted(kind: keyof ScriptPolicy, value: string): string {
  if (policy === undefined) {
    policy = null;
    const only = (input: string) => {
      if (input !== releasing) throw new TypeError('consent-banner: this policy only wraps tagged scripts');
      return input;
    };
    try {
      const factory = (globalThis as {trustedTypes?: {createPolicy(name: string, rules: object): ScriptPolicy}})
        .trustedTypes;
      policy = factory?.createPolicy('consent-banner', {createScript: only, createScriptURL: only}) ?? null;
    } catch (error) {
      console.error(
        `consent-banner: cannot create the Trusted Types policy "consent-banner" (${(error as Error).message}); ` +
          'add consent-banner to the trusted-types directive of the Content-Security-Policy'
      );
    }
  }
  if (!policy) return value;
  releasing = value;
  try {
    return policy[kind](value) as string;
  } finally {
    releasing = undefined;
  }
}

/** A copy of a tagged script that the browser will run, with every attribute carried over. */
function runnableCopy(original: HTMLScriptElement): HTMLScriptElement {
  const doc = original.ownerDocument;
  const script = doc.createElement('script');
  for (const {name, value} of [...original.attributes]) {
    if (NOT_COPIED.has(name)) continue;
    // Inline event handlers (`onload`) are script sinks too.
    script.setAttribute(name, name.startsWith('on') ? trusted('createScript', value) : value);
  }
  const type = original.getAttribute('data-type');
  if (type) script.type = type;
  const src = source(original);
  if (src) script.src = trusted('createScriptURL', src);
  // The nonce attribute reads back empty once parsed: carry the property.
  if (original.nonce) script.nonce = original.nonce;
  script.async = original.hasAttribute('async');
  if (original.text) script.text = trusted('createScript', original.text);
  return script;
}

const source = (script: HTMLScriptElement) => script.getAttribute('data-src') || script.getAttribute('src');

/**
 * What a script runs, and for which purpose: its tag, its type and its resolved URL, or its code.
 * A script runs at most once per page: a framework that re-renders the page re-creates tagged
 * scripts that already ran. The same code tagged for another purpose is another script.
 */
const identity = (script: HTMLScriptElement) => {
  const src = source(script);
  const tag = `${script.dataset.category ?? ''}|${script.dataset.service ?? ''}|${script.getAttribute('data-type') ?? ''}`;
  return `${tag} ${src ? new URL(src, script.baseURI).href : '\n' + script.text}`;
};
const alreadyRun = new WeakMap<Document, Set<string>>();

/** Document order, for elements found in several added subtrees. */
const inDocumentOrder = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);

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
    // Only what was added is searched, not the whole document, on every batch of changes.
    this.#observer = new MutationObserver((records) => {
      const found = new Set<HTMLElement>();
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1 || !node.isConnected) continue;
          const element = node as HTMLElement;
          if (element.matches(SELECTOR)) found.add(element);
          if (element.firstElementChild) for (const inner of element.querySelectorAll<HTMLElement>(SELECTOR)) found.add(inner);
        }
      }
      if (found.size) this.#release([...found].sort(inDocumentOrder));
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
    this.#release(this.#doc.querySelectorAll<HTMLElement>(SELECTOR));
  }

  #release(elements: Iterable<HTMLElement>) {
    for (const el of elements) {
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
        // One script that cannot be released must not hold back the ones after it.
        this.#queue = this.#queue
          .then(() => this.#run(el))
          .catch((error) => console.error('consent-banner: could not release a tagged script:', error));
      } else {
        el.setAttribute('src', el.getAttribute('data-src')!);
        el.removeAttribute('data-src');
        this.#options.onReleased?.(el, tag);
      }
    }
  }

  #run(original: HTMLScriptElement): Promise<void> {
    if (!original.isConnected) return Promise.resolve();
    const seen = alreadyRun.get(this.#doc) ?? new Set<string>();
    alreadyRun.set(this.#doc, seen);
    const key = identity(original);
    if (seen.has(key)) return Promise.resolve();
    const script = runnableCopy(original);
    seen.add(key);
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
