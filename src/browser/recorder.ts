import type {ConsentChoice, ConsentMethod, ConsentRecord} from '../core/consent.js';
import {acceptAllChoice, makeRecord, rejectAllChoice} from '../core/make-record.js';
import type {Manifest} from '../core/manifest.types.js';
import {clearDeclaredCookies, clearDeclaredStorage} from './cleaner.js';
import type {ConsentLog} from './log.js';
import {adpcRefusals, gpcRefuses} from './signals.js';
import type {SignalSource} from './signals.js';
import type {ConsentState} from './state.js';
import {cookieWriter} from './store.js';
import type {ConsentWriter} from './store.js';

/*
 * The `recorder` module (`dist/consent-banner-recorder.min.js`, loader/modules.ts,
 * `RecorderModule`). Recording a decision: the new record made, stored in the consent cookie, sent to the site's log
 * and applied by the page's `ConsentState` (gate, Consent Mode, other tabs, reload on
 * withdrawal). The drop-in loads this only when a decision is to be made: a visitor asked, a
 * program calling the API, a Global Privacy Control signal to honour, a record waiting for the log.
 */

export interface ConsentRecorderOptions {
  /** Where the record is written; default: the consent cookie. */
  store?: ConsentWriter;
  now?: () => Date;
  /** The language the banner speaks (BCP 47), recorded with each decision; see `language`. */
  language?: string;
  /** The site's consent log (`consentLog`, log.ts), when the manifest has `log.url`. */
  log?: ConsentLog | null;
}

export class ConsentRecorder {
  /** The language recorded with the next decisions: the language the banner shows. */
  language: string | undefined;
  #state: ConsentState;
  #store: ConsentWriter;
  #now: () => Date;
  #log: ConsentLog | null;

  constructor(state: ConsentState, options: ConsentRecorderOptions = {}) {
    this.#state = state;
    this.language = options.language;
    this.#store = options.store ?? cookieWriter(state.manifest);
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? null;
    // Records an earlier page view could not send go now, once.
    this.#log?.retry();
  }

  /**
   * Global Privacy Control (R35): the signal answers the purposes still to ask about, with a
   * refusal recorded with method `gpc`; the visitor's own earlier answers stand. Returns it, or
   * `null` when the signal is absent, the manifest says `"gpc": "ignore"`, or nothing is to ask.
   */
  honourGpc(source: SignalSource | undefined = globalThis.navigator as SignalSource): ConsentRecord | null {
    const state = this.#state;
    if (!state.mustAsk || state.manifest.gpc === 'ignore' || !gpcRefuses(source)) return null;
    return this.#honour([...state.asking.keys()], 'gpc');
  }

  /**
   * ADPC (R35): asks the browser about the purposes still to ask about, and records the refusal
   * of those it withdraws or objects to (method `adpc`). Resolves with the record, or `null`.
   */
  async honourAdpc(source: SignalSource | undefined = globalThis.navigator as SignalSource): Promise<ConsentRecord | null> {
    const state = this.#state;
    const {manifest} = state;
    if (!state.mustAsk || manifest.gpc === 'ignore') return null;
    // Each purpose in words for the browser: its title in the language recorded, else the site's first.
    const title = (id: string) => {
      const text = manifest.categories.find((c) => c.id === id)!.title;
      return typeof text === 'string' ? text : (text[this.language ?? ''] ?? text[manifest.site.languages[0]] ?? Object.values(text)[0]);
    };
    const refused = await adpcRefusals(
      source,
      [...state.asking.keys()].map((id) => ({id, text: title(id)}))
    );
    return refused.length && state.mustAsk ? this.#honour(refused, 'adpc') : null;
  }

  #honour(ids: string[], method: 'gpc' | 'adpc') {
    const record = this.#make(rejectAllChoice(this.#state.manifest, ids), method);
    this.#store.write(record);
    this.#log?.send(record);
    this.#state.startWith(record);
    return record;
  }

  acceptAll(method: ConsentMethod = 'accept-all') {
    return this.record(acceptAllChoice(this.#state.manifest), method);
  }

  /** Refuses every consent category: `reject-all`, or `close` when the first layer was closed (R11). */
  rejectAll(method: ConsentMethod = 'reject-all') {
    return this.record(rejectAllChoice(this.#state.manifest), method);
  }

  /**
   * Records a decision, stores it, sends it to the site's log and applies it (ConsentState.apply):
   * newly allowed elements run at once; when something allowed before is now refused, its
   * declared cookies are deleted and the page reloads so its scripts stop. Returns the new record.
   */
  record(choice: ConsentChoice, method: ConsentMethod): ConsentRecord {
    const record = this.#make(choice, method);
    this.#store.write(record);
    this.#log?.send(record);
    this.#state.apply(record, 'local');
    return record;
  }

  /** Forgets the stored choice, deletes the cookies of everything it allowed, and reloads. */
  forget() {
    this.#store.clear();
    this.#state.apply(null, 'local');
  }

  #make(choice: ConsentChoice, method: ConsentMethod) {
    return makeRecord(this.#state.manifest, choice, method, this.#state.record, this.#now(), {language: this.language});
  }
}

/**
 * Deletes the declared first-party cookies and storage keys of these services (README, “What
 * visitors get”), never the record waiting for the site's log (log.ts's `pendingKey`).
 */
export function clearServiceCookies(manifest: Manifest, serviceIds: string[]) {
  const services = manifest.services.filter((s) => serviceIds.includes(s.id));
  clearDeclaredCookies(services.flatMap((s) => s.cookies));
  clearDeclaredStorage(
    services.flatMap((s) => s.storage ?? []),
    [`${manifest.cookie.name}-log`]
  );
}
