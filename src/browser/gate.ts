import {readTag} from '../core/script-gate.js';
import type {GateTag} from '../core/script-gate.js';

/*
 * The script gate (README, “Tag your trackers”). Tagged elements stay inert until what they belong to may run:
 * `<script type="text/plain">` never runs; an iframe, image, link, video, audio or object whose
 * URL attributes are held as `data-*` (`HELD`) loads nothing (docs/rules.md R1).
 * `isAllowed` decides (pure, src/core/script-gate.ts); `ScriptGate` finds the elements, releases
 * them in document order (each external script after the previous one has loaded) and watches
 * for elements added later. It runs on every page view (the drop-in's loader): every byte here
 * is paid by every visitor.
 */

/**
 * The attributes each kind of element holds back as `data-<name>` until it is released
 * (`data-src` → `src`). A `<source>` is tagged by its `<video>` or `<audio>`, which then loads again.
 */
const HELD: Record<string, string[]> = {
  iframe: ['src'],
  img: ['srcset', 'src'],
  link: ['href'],
  video: ['poster', 'src'],
  audio: ['src'],
  source: ['srcset', 'src'],
  object: ['data'],
};

const TAGGED = ':is([data-service],[data-category])';
const SELECTOR = `:is(script[type="text/plain"],iframe[data-src],img:is([data-src],[data-srcset]),link[data-href],video:is([data-src],[data-poster]),audio[data-src],object[data-data])${TAGGED},:is(video,audio)${TAGGED}>source:is([data-src],[data-srcset])`;

/*
 * Trusted Types (CSP `require-trusted-types-for 'script'`): the code and URL of a released script
 * go through our own policy, `consent-banner`. It is created on first use, never leaves this
 * module, and wraps only the one value the gate is releasing at that moment: anything else
 * handed to it throws.
 */
type Wrap = (input: string) => string;
let policy: {createScript: Wrap; createScriptURL: Wrap} | null | undefined;
let releasing: string | undefined;

function trusted(kind: 'createScript' | 'createScriptURL', value: string): string {
  if (policy === undefined) {
    const only: Wrap = (input) => {
      if (input !== releasing) throw new TypeError('consent-banner: this policy only wraps tagged scripts');
      return input;
    };
    try {
      policy = (globalThis as any).trustedTypes?.createPolicy('consent-banner', {createScript: only, createScriptURL: only}) ?? null;
    } catch (error) {
      policy = null;
      console.error(
        `consent-banner: cannot create the Trusted Types policy "consent-banner" (${(error as Error).message}); ` +
          'add consent-banner to the trusted-types directive of the Content-Security-Policy'
      );
    }
  }
  releasing = value;
  try {
    return policy ? policy[kind](value) : value;
  } finally {
    releasing = undefined;
  }
}

const source = (script: Element) => script.getAttribute('data-src') || script.getAttribute('src');

/**
 * A copy of a tagged script that the browser will run, with every attribute carried over (inline
 * event handlers are script sinks too); `data-type` gives its type, `data-src` its source.
 */
function runnableCopy(original: HTMLScriptElement): HTMLScriptElement {
  const script = document.createElement('script');
  for (const {name, value} of original.attributes) {
    if (!/^(data-)?(type|src)$/.test(name)) script.setAttribute(name, name.startsWith('on') ? trusted('createScript', value) : value);
  }
  const type = original.getAttribute('data-type');
  if (type) script.type = type;
  const src = source(original);
  if (src) script.src = trusted('createScriptURL', src);
  // The nonce attribute reads back empty once parsed: carry the property.
  script.nonce = original.nonce;
  script.async = original.hasAttribute('async');
  if (original.text) script.text = trusted('createScript', original.text);
  return script;
}

/**
 * What a script runs, and for which purpose: its tag, its type and its resolved URL, or its code.
 * A script runs at most once per page: a framework that re-renders the page re-creates tagged
 * scripts that already ran. The same code tagged for another purpose is another script.
 */
const identity = (script: HTMLScriptElement) => {
  const src = source(script);
  const {category = '', service = '', type = ''} = script.dataset;
  return `${category}|${service}|${type} ${src ? new URL(src, script.baseURI).href : '\n' + script.text}`;
};
const alreadyRun = new WeakMap<Document, Set<string>>();

export interface ScriptGateOptions {
  /** Called once for each tagged element other than a script (an embed: `iframe`, `img`…) that stays blocked. */
  onBlocked?: (element: Element, tag: GateTag) => void;
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
      const found = new Set<Element>();
      for (const {addedNodes} of records) {
        for (const node of addedNodes) {
          if (!(node instanceof Element) || !node.isConnected) continue;
          if (node.matches(SELECTOR)) found.add(node);
          for (const inner of node.querySelectorAll(SELECTOR)) found.add(inner);
        }
      }
      // In document order, for elements found in several added subtrees.
      this.#release([...found].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1)));
    });
  }

  /** Starts (or goes on) releasing what `allows` permits, now and for elements added later. */
  update(allows: (tag: GateTag) => boolean) {
    this.#allows = allows;
    this.#observer.observe(this.#doc, {childList: true, subtree: true});
    this.#release(this.#doc.querySelectorAll(SELECTOR));
  }

  /** Stops watching the document; what was released stays released. */
  stop() {
    this.#observer.disconnect();
  }

  /** Resolves when every script released so far has run (or failed to load). */
  settled(): Promise<void> {
    return this.#queue;
  }

  #release(elements: Iterable<Element>) {
    for (const el of elements) {
      if (this.#handled.has(el)) continue;
      // A <source> belongs to its video or audio: the tag, the report and the load are its.
      const owner = el.localName === 'source' ? el.parentElement! : el;
      const tag = readTag(owner)!;
      const script = el instanceof HTMLScriptElement;
      if (!this.#allows(tag)) {
        // An embed is reported once; a script waits silently.
        if (!script && !this.#reported.has(owner)) this.#options.onBlocked?.(owner, tag);
        this.#reported.add(owner);
        continue;
      }
      this.#handled.add(el);
      if (script) {
        // One script that cannot be released must not hold back the ones after it.
        this.#queue = this.#queue
          .then(() => this.#run(el))
          .catch((error) => console.error('consent-banner: could not release a tagged script:', error));
        continue;
      }
      try {
        for (const name of HELD[el.localName]) {
          const value = el.getAttribute('data-' + name);
          if (value === null) continue;
          // An object's `data` is a script URL for Trusted Types: it goes through our policy.
          el.setAttribute(name, name === 'data' ? trusted('createScriptURL', value) : value);
          el.removeAttribute('data-' + name);
        }
        // A video or audio chooses its source again when a <source> changed (a new `src` loads by itself).
        if (el !== owner) (owner as HTMLMediaElement).load();
        this.#options.onReleased?.(owner, tag);
      } catch (error) {
        console.error('consent-banner: could not release a tagged element:', error);
      }
    }
  }

  #run(original: HTMLScriptElement): Promise<void> | void {
    const seen = alreadyRun.get(this.#doc) ?? new Set<string>();
    alreadyRun.set(this.#doc, seen);
    const key = identity(original);
    if (!original.isConnected || seen.has(key)) return;
    const script = runnableCopy(original);
    seen.add(key);
    const done =
      script.src && !script.async
        ? new Promise<void>((resolve) => {
            script.addEventListener('load', () => resolve());
            script.addEventListener('error', () => resolve());
          })
        : undefined;
    original.replaceWith(script);
    return done;
  }
}
