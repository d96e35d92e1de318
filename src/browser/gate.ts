import {heldBy, heldKind, heldSelector, isSink} from '../core/held-kinds.js';
import {readTag} from '../core/script-gate.js';
import type {GateTag} from '../core/script-gate.js';

/*
 * The script gate (README, “Tag your trackers”). Tagged elements stay inert until what they belong to may run:
 * a script held by `type="text/plain"` never runs; any other kind whose URL attributes are held
 * as `data-*` loads nothing (docs/rules.md R1). The kinds, what each holds and how it is released
 * are src/core/held-kinds.ts. `isAllowed` decides (pure, src/core/script-gate.ts); `ScriptGate`
 * finds the elements, releases them in document order (each external script after the previous
 * one has loaded) and watches for elements added later. It runs on every page view (the drop-in's
 * loader): every byte here is paid by every visitor.
 */

const SELECTOR = heldSelector();

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
 * event handlers are script sinks too) but those it holds: `data-type` gives its type, `data-src`
 * its source.
 */
function runnableCopy(original: HTMLScriptElement): HTMLScriptElement {
  const script = document.createElement(original.localName) as HTMLScriptElement;
  const held = heldBy(original.localName, original.localName);
  for (const {name, value} of original.attributes) {
    if (!held.includes(name.replace(/^data-/, '')))
      script.setAttribute(name, name.startsWith('on') ? trusted('createScript', value) : value);
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
  /** Called once for each tagged element not released as a copy (an embed, an image…) that stays blocked. */
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
      // A child that holds URLs for its owner (a <source> of a <video>) is not tagged itself: the
      // tag, the report and the load are its owner's.
      const kind = heldKind(el.localName);
      const owner = kind && readTag(el) ? el : el.parentElement!;
      const tag = readTag(owner)!;
      const copy = el === owner && kind!.copy;
      if (!this.#allows(tag)) {
        // An embed is reported once; a script waits silently.
        if (!copy && !this.#reported.has(owner)) this.#options.onBlocked?.(owner, tag);
        this.#reported.add(owner);
        continue;
      }
      this.#handled.add(el);
      if (copy) {
        // One script that cannot be released must not hold back the ones after it.
        this.#queue = this.#queue
          .then(() => this.#run(el as HTMLScriptElement))
          .catch((error) => console.error('consent-banner: could not release a tagged script:', error));
        continue;
      }
      try {
        for (const name of heldBy(el.localName, owner.localName)) {
          const value = el.getAttribute('data-' + name);
          if (value === null) continue;
          // A script URL for Trusted Types (an object's `data`, an embed's `src`) goes through our policy.
          el.setAttribute(name, isSink(owner.localName, name) ? trusted('createScriptURL', value) : value);
          el.removeAttribute('data-' + name);
        }
        // A video or audio chooses its source again when a <source> changed (a new `src` loads by itself).
        if (el !== owner && heldKind(owner.localName)!.reload) (owner as HTMLMediaElement).load();
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
